import { isHttpUrl } from '@nhip/core';
import type { ValidationProblem } from '../../channel';
import { FACEBOOK_MARKER_LENGTH } from './facebook.marker';

/** Graph API's limit on a post message, in characters. */
export const FACEBOOK_GRAPH_MESSAGE_MAX_LENGTH = 63_206;

/** The limits the composer shows and the adapter enforces before calling Facebook. */
export const FACEBOOK_RULES = {
  /** Graph's limit less the invisible idempotency marker every post carries. */
  messageMaxLength: FACEBOOK_GRAPH_MESSAGE_MAX_LENGTH - FACEBOOK_MARKER_LENGTH,
  maxPhotos: 10,
  /** Native scheduling window of `scheduled_publish_time`. */
  scheduleMinLeadMs: 10 * 60_000,
  scheduleMaxLeadMs: 30 * 24 * 3600_000,
} as const;

export const FACEBOOK_PROBLEMS = {
  invalidContent: 'FACEBOOK_INVALID_CONTENT',
  messageRequired: 'FACEBOOK_MESSAGE_REQUIRED',
  messageTooLong: 'FACEBOOK_MESSAGE_TOO_LONG',
  linkInvalid: 'FACEBOOK_LINK_INVALID',
  photosInvalid: 'FACEBOOK_PHOTOS_INVALID',
  tooManyPhotos: 'FACEBOOK_TOO_MANY_PHOTOS',
  photoUrlInvalid: 'FACEBOOK_PHOTO_URL_INVALID',
  linkWithPhotos: 'FACEBOOK_LINK_WITH_PHOTOS',
} as const;

const count = (n: number) => n.toLocaleString('vi-VN');

/** Characters as a reader counts them (code points of the NFC form), which is also what the fake enforces. */
export function facebookLength(text: string): number {
  return [...text.normalize('NFC')].length;
}

/** The Facebook Page post rules, shared by the composer and the adapter. */
export function validateFacebookPost(content: unknown): ValidationProblem[] {
  const P = FACEBOOK_PROBLEMS;
  if (content === null || typeof content !== 'object' || Array.isArray(content)) {
    return [{ field: '', code: P.invalidContent, message: 'Nội dung bài đăng Facebook không hợp lệ.' }];
  }
  const post = content as Record<string, unknown>;
  const problems: ValidationProblem[] = [];
  const add = (field: string, code: string, message: string) => problems.push({ field, code, message });

  const message = typeof post.message === 'string' ? post.message : '';
  if (message.trim() === '') add('message', P.messageRequired, 'Bài đăng Facebook cần có nội dung.');
  else {
    const length = facebookLength(message);
    if (length > FACEBOOK_RULES.messageMaxLength) {
      add(
        'message',
        P.messageTooLong,
        `Nội dung bài đăng Facebook dài ${count(length)} ký tự, vượt giới hạn ${count(FACEBOOK_RULES.messageMaxLength)} ký tự.`,
      );
    }
  }

  const hasLink = post.link !== undefined && post.link !== null && post.link !== '';
  if (hasLink && !isHttpUrl(post.link)) {
    add('link', P.linkInvalid, 'Liên kết phải là một địa chỉ web bắt đầu bằng http:// hoặc https://.');
  }

  let photoCount = 0;
  if (post.photos !== undefined && post.photos !== null) {
    if (!Array.isArray(post.photos)) add('photos', P.photosInvalid, 'Danh sách ảnh không hợp lệ.');
    else {
      photoCount = post.photos.length;
      if (photoCount > FACEBOOK_RULES.maxPhotos) {
        add(
          'photos',
          P.tooManyPhotos,
          `Một bài đăng Facebook có tối đa ${FACEBOOK_RULES.maxPhotos} ảnh (bài này có ${photoCount} ảnh).`,
        );
      }
      post.photos.forEach((photo, i) => {
        const url = photo && typeof photo === 'object' ? (photo as Record<string, unknown>).url : undefined;
        if (!isHttpUrl(url)) {
          add(
            `photos[${i}]`,
            P.photoUrlInvalid,
            `Ảnh thứ ${i + 1} cần một địa chỉ http:// hoặc https:// mà Facebook tải được.`,
          );
        }
      });
    }
  }

  if (hasLink && photoCount > 0) {
    // A Page post shows either a link preview or photos; Graph silently drops one of them.
    add(
      'link',
      P.linkWithPhotos,
      'Bài có ảnh không kèm được liên kết xem trước; hãy đưa liên kết vào nội dung hoặc bỏ ảnh.',
    );
  }
  return problems;
}
