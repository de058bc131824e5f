import { isHttpUrl } from '@nhip/core';
import type { ValidationProblem } from '../../channel';
import { ZALO_MARKER_LENGTH } from './zalo.marker';

/** Zalo's own limits on an article, in characters. */
export const ZALO_API_LIMITS = { title: 150, author: 50, description: 300 } as const;

/** The limits the composer shows and the adapter enforces before calling Zalo. */
export const ZALO_RULES = {
  titleMaxLength: ZALO_API_LIMITS.title,
  authorMaxLength: ZALO_API_LIMITS.author,
  /** Zalo's 300 less the invisible idempotency marker appended to the description. */
  descriptionMaxLength: ZALO_API_LIMITS.description - ZALO_MARKER_LENGTH,
} as const;

export const ZALO_PROBLEMS = {
  invalidContent: 'ZALO_INVALID_CONTENT',
  titleRequired: 'ZALO_TITLE_REQUIRED',
  titleTooLong: 'ZALO_TITLE_TOO_LONG',
  authorRequired: 'ZALO_AUTHOR_REQUIRED',
  authorTooLong: 'ZALO_AUTHOR_TOO_LONG',
  descriptionRequired: 'ZALO_DESCRIPTION_REQUIRED',
  descriptionTooLong: 'ZALO_DESCRIPTION_TOO_LONG',
  coverRequired: 'ZALO_COVER_REQUIRED',
  coverUrlInvalid: 'ZALO_COVER_URL_INVALID',
  bodyRequired: 'ZALO_BODY_REQUIRED',
  bodyBlockInvalid: 'ZALO_BODY_BLOCK_INVALID',
  commentInvalid: 'ZALO_COMMENT_INVALID',
} as const;

/** Characters as a reader counts them: code points of the NFC form. */
export function zaloLength(text: string): number {
  return [...text.normalize('NFC')].length;
}

const text = (value: unknown) => (typeof value === 'string' ? value.normalize('NFC').trim() : '');

/** The Zalo OA article rules, shared by the composer and the adapter. */
export function validateZaloArticle(content: unknown): ValidationProblem[] {
  const P = ZALO_PROBLEMS;
  if (content === null || typeof content !== 'object' || Array.isArray(content)) {
    return [{ field: '', code: P.invalidContent, message: 'Nội dung bài viết Zalo không hợp lệ.' }];
  }
  const article = content as Record<string, unknown>;
  const problems: ValidationProblem[] = [];
  const add = (field: string, code: string, message: string) => problems.push({ field, code, message });
  const limited = (
    field: 'title' | 'author' | 'description',
    name: string,
    max: number,
    required: string,
    tooLong: string,
  ) => {
    const value = text(article[field]);
    if (value === '') add(field, required, `Bài viết Zalo cần có ${name}.`);
    else if (zaloLength(value) > max)
      add(
        field,
        tooLong,
        `${name[0].toUpperCase()}${name.slice(1)} dài ${zaloLength(value)} ký tự, vượt giới hạn ${max} ký tự của Zalo.`,
      );
  };

  limited('title', 'tiêu đề', ZALO_RULES.titleMaxLength, P.titleRequired, P.titleTooLong);
  limited('author', 'tác giả', ZALO_RULES.authorMaxLength, P.authorRequired, P.authorTooLong);
  limited('description', 'đoạn mô tả', ZALO_RULES.descriptionMaxLength, P.descriptionRequired, P.descriptionTooLong);

  const cover = article.cover as Record<string, unknown> | undefined;
  if (!cover || typeof cover !== 'object' || !cover.url) add('cover', P.coverRequired, 'Bài viết Zalo cần có ảnh bìa.');
  else if (!isHttpUrl(cover.url))
    add('cover.url', P.coverUrlInvalid, 'Ảnh bìa cần một địa chỉ http:// hoặc https:// mà Zalo tải được.');

  if (!Array.isArray(article.body) || article.body.length === 0) {
    add('body', P.bodyRequired, 'Bài viết Zalo cần có nội dung (ít nhất một đoạn).');
  } else {
    article.body.forEach((block, i) => {
      const b = (block ?? {}) as Record<string, unknown>;
      if (b.type === 'text' && text(b.content) !== '') return;
      if (b.type === 'image' && isHttpUrl(b.url)) return;
      const message =
        b.type === 'image'
          ? `Ảnh ở đoạn ${i + 1} cần một địa chỉ http:// hoặc https://.`
          : b.type === 'text'
            ? `Đoạn ${i + 1} đang trống.`
            : `Đoạn ${i + 1} phải là văn bản hoặc ảnh.`;
      add(`body[${i}]`, P.bodyBlockInvalid, message);
    });
  }

  if (article.comment !== undefined && typeof article.comment !== 'boolean') {
    add('comment', P.commentInvalid, 'Tuỳ chọn cho phép bình luận phải là có hoặc không.');
  }
  return problems;
}
