import { isHttpUrl, nfc } from '@nhip/core';
import type { ValidationProblem } from '../../channel';
import { portalHtmlHasContent } from './portal-html';

/** Limits of a portal article; the composer shows the same numbers. Lengths count characters after NFC. */
export const PORTAL_LIMITS = {
  titleMaxLength: 200,
  excerptMaxLength: 500,
  termMaxLength: 100,
  termsMax: 20,
} as const;

/** Length as a reader counts it: "Việt" is 4 characters whether typed composed or decomposed. */
export function textLength(text: string): number {
  return [...nfc(text)].length;
}

type Problems = ValidationProblem[];

/**
 * The portal rules shared by the composer and the WordPress adapter (one source of truth). Returns every
 * broken rule, each with a stable code and a Vietnamese message; an empty list means the article may be
 * published.
 */
export function validatePortalArticle(content: unknown): ValidationProblem[] {
  if (typeof content !== 'object' || content === null || Array.isArray(content)) {
    return [
      {
        field: '',
        code: 'PORTAL_CONTENT_INVALID',
        message: 'Nội dung bài cho cổng thông tin không hợp lệ: cần tiêu đề và nội dung HTML.',
      },
    ];
  }
  const article = content as Record<string, unknown>;
  const problems: Problems = [];
  checkTitle(article.title, problems);
  checkHtml(article.html, problems);
  checkExcerpt(article.excerpt, problems);
  checkTerms(article.categories, 'categories', TERM_LABELS.categories, problems);
  checkTerms(article.tags, 'tags', TERM_LABELS.tags, problems);
  checkFeaturedImage(article.featuredImage, problems);
  return problems;
}

function checkTitle(title: unknown, problems: Problems) {
  if (typeof title !== 'string' || title.trim() === '') {
    problems.push({ field: 'title', code: 'PORTAL_TITLE_REQUIRED', message: 'Tiêu đề bài viết là bắt buộc.' });
    return;
  }
  const length = textLength(title.trim());
  if (length > PORTAL_LIMITS.titleMaxLength) {
    problems.push({
      field: 'title',
      code: 'PORTAL_TITLE_TOO_LONG',
      message: `Tiêu đề dài ${length} ký tự; tối đa ${PORTAL_LIMITS.titleMaxLength} ký tự.`,
    });
  }
}

function checkHtml(html: unknown, problems: Problems) {
  if (typeof html !== 'string' || !portalHtmlHasContent(html)) {
    problems.push({ field: 'html', code: 'PORTAL_HTML_REQUIRED', message: 'Nội dung bài viết là bắt buộc.' });
  }
}

function checkExcerpt(excerpt: unknown, problems: Problems) {
  if (excerpt === undefined || excerpt === null) return;
  if (typeof excerpt !== 'string') {
    problems.push({ field: 'excerpt', code: 'PORTAL_EXCERPT_INVALID', message: 'Tóm tắt phải là văn bản.' });
    return;
  }
  const length = textLength(excerpt.trim());
  if (length > PORTAL_LIMITS.excerptMaxLength) {
    problems.push({
      field: 'excerpt',
      code: 'PORTAL_EXCERPT_TOO_LONG',
      message: `Tóm tắt dài ${length} ký tự; tối đa ${PORTAL_LIMITS.excerptMaxLength} ký tự.`,
    });
  }
}

const TERM_LABELS = {
  categories: { one: 'chuyên mục', many: 'CATEGORIES', single: 'CATEGORY' },
  tags: { one: 'thẻ', many: 'TAGS', single: 'TAG' },
} as const;

function checkTerms(
  terms: unknown,
  field: 'categories' | 'tags',
  label: (typeof TERM_LABELS)[keyof typeof TERM_LABELS],
  problems: Problems,
) {
  if (terms === undefined || terms === null) return;
  if (!Array.isArray(terms)) {
    problems.push({
      field,
      code: `PORTAL_${label.many}_INVALID`,
      message: `Danh sách ${label.one} phải là một danh sách tên.`,
    });
    return;
  }
  if (terms.length > PORTAL_LIMITS.termsMax) {
    problems.push({
      field,
      code: `PORTAL_${label.many}_TOO_MANY`,
      message: `Có ${terms.length} ${label.one}; tối đa ${PORTAL_LIMITS.termsMax}.`,
    });
  }
  terms.forEach((term: unknown, index) => {
    const at = `${field}[${index}]`;
    if (typeof term !== 'string' || term.trim() === '') {
      problems.push({
        field: at,
        code: `PORTAL_${label.single}_EMPTY`,
        message: `Tên ${label.one} không được để trống.`,
      });
      return;
    }
    const length = textLength(term.trim());
    if (length > PORTAL_LIMITS.termMaxLength) {
      problems.push({
        field: at,
        code: `PORTAL_${label.single}_TOO_LONG`,
        message: `Tên ${label.one} «${term.trim().slice(0, 40)}…» dài ${length} ký tự; tối đa ${PORTAL_LIMITS.termMaxLength} ký tự.`,
      });
    }
  });
}

function checkFeaturedImage(image: unknown, problems: Problems) {
  if (image === undefined || image === null) return;
  const url = typeof image === 'object' ? (image as { url?: unknown }).url : undefined;
  if (!isHttpUrl(url)) {
    problems.push({
      field: 'featuredImage.url',
      code: 'PORTAL_FEATURED_IMAGE_URL_INVALID',
      message: 'Ảnh đại diện phải có địa chỉ bắt đầu bằng http:// hoặc https://.',
    });
  }
}
