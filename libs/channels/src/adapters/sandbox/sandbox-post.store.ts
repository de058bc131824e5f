import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ChannelType } from '@nhip/database';

/** What a sandbox channel received: the "remote side" of a sandbox account, kept in `sandbox_posts`. */
export interface SandboxPost {
  id: string;
  channelAccountId: string;
  channelType: ChannelType;
  idempotencyKey: string;
  title: string | null;
  body: string;
  content: Record<string, unknown>;
  hasAudio: boolean;
  createdAt: Date;
}

export interface NewSandboxPost {
  channelAccountId: string;
  channelType: ChannelType;
  idempotencyKey: string;
  title: string | null;
  body: string;
  content: Record<string, unknown>;
  audio?: { bytes: Buffer; mimeType: string };
}

const COLUMNS = `id, channel_account_id, channel_type, idempotency_key, title, body, content, audio IS NOT NULL AS has_audio, created_at`;

function toPost(row: Record<string, unknown>): SandboxPost {
  return {
    id: row.id as string,
    channelAccountId: row.channel_account_id as string,
    channelType: row.channel_type as ChannelType,
    idempotencyKey: row.idempotency_key as string,
    title: (row.title as string | null) ?? null,
    body: row.body as string,
    content: row.content as Record<string, unknown>,
    hasAudio: Boolean(row.has_audio),
    createdAt: new Date(row.created_at as string),
  };
}

/** The sandbox's storage; written only by the sandbox channels, read by the sandbox pages. */
@Injectable()
export class SandboxPostStore {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Like a real channel that honours an idempotency key: the same key twice is one post. */
  async insert(post: NewSandboxPost): Promise<{ post: SandboxPost; duplicate: boolean }> {
    const inserted: Array<Record<string, unknown>> = await this.db.query(
      `INSERT INTO sandbox_posts (channel_account_id, channel_type, idempotency_key, title, body, content, audio, audio_mime)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (channel_account_id, idempotency_key) DO NOTHING RETURNING ${COLUMNS}`,
      [
        post.channelAccountId,
        post.channelType,
        post.idempotencyKey,
        post.title,
        post.body,
        JSON.stringify(post.content),
        post.audio?.bytes ?? null,
        post.audio?.mimeType ?? null,
      ],
    );
    if (inserted[0]) return { post: toPost(inserted[0]), duplicate: false };
    const existing = await this.findByKey(post.channelAccountId, post.idempotencyKey);
    return { post: existing!, duplicate: true };
  }

  async findByKey(accountId: string, idempotencyKey: string): Promise<SandboxPost | null> {
    const rows: Array<Record<string, unknown>> = await this.db.query(
      `SELECT ${COLUMNS} FROM sandbox_posts WHERE channel_account_id = $1 AND idempotency_key = $2`,
      [accountId, idempotencyKey],
    );
    return rows[0] ? toPost(rows[0]) : null;
  }

  async get(id: string): Promise<SandboxPost | null> {
    const rows: Array<Record<string, unknown>> = await this.db.query(
      `SELECT ${COLUMNS} FROM sandbox_posts WHERE id = $1`,
      [id],
    );
    return rows[0] ? toPost(rows[0]) : null;
  }

  async listForAccount(accountId: string, limit = 100): Promise<SandboxPost[]> {
    const rows: Array<Record<string, unknown>> = await this.db.query(
      `SELECT ${COLUMNS} FROM sandbox_posts WHERE channel_account_id = $1 ORDER BY created_at DESC, id LIMIT $2`,
      [accountId, limit],
    );
    return rows.map(toPost);
  }

  async audio(id: string): Promise<{ bytes: Buffer; mimeType: string } | null> {
    const rows: Array<{ audio: Buffer | null; audio_mime: string | null }> = await this.db.query(
      `SELECT audio, audio_mime FROM sandbox_posts WHERE id = $1`,
      [id],
    );
    const row = rows[0];
    return row?.audio ? { bytes: row.audio, mimeType: row.audio_mime ?? 'application/octet-stream' } : null;
  }

  async remove(accountId: string, id: string): Promise<void> {
    await this.db.query(`DELETE FROM sandbox_posts WHERE channel_account_id = $1 AND id = $2`, [accountId, id]);
  }
}
