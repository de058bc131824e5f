import { createHash } from 'node:crypto';
import { foldDiacritics } from '@nhip/core';

export const WORDPRESS_SLUG_PREFIX = 'nhip-';
export const WORDPRESS_SLUG_MAX_LENGTH = 190;

/**
 * The post slug for a publication's idempotency key. WordPress has no idempotency keys: a retried create
 * makes a second post (slug "-2"), so every attempt uses the same slug and looks it up first. The slug
 * is already in WordPress's own form (sanitize_title: lower-case a-z, 0-9, "_" and "-"), so the stored
 * slug is exactly this one; a key that had to be changed to fit gets a hash of the original, so two
 * different keys never share a slug.
 */
export function wordPressSlugForKey(idempotencyKey: string): string {
  if (idempotencyKey.trim() === '') throw new Error('An idempotency key is required to publish to WordPress');
  const clean = foldDiacritics(idempotencyKey)
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-+|-+$/g, '');
  const slug = `${WORDPRESS_SLUG_PREFIX}${clean}`;
  if (clean === idempotencyKey && slug.length <= WORDPRESS_SLUG_MAX_LENGTH) return slug;
  const hash = createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 16);
  const room = WORDPRESS_SLUG_MAX_LENGTH - WORDPRESS_SLUG_PREFIX.length - hash.length - 1;
  const head = clean.slice(0, room).replace(/-+$/, '');
  return `${WORDPRESS_SLUG_PREFIX}${head ? `${head}-` : ''}${hash}`;
}
