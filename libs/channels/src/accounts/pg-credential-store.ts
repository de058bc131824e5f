import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CredentialCipher } from '@nhip/core';
import type { CredentialStore } from '../channel';

/**
 * Credentials in Postgres with compare-and-set writes and a cross-worker lock (a session advisory
 * lock on a dedicated connection), so that a single-use refresh token is spent exactly once.
 */
@Injectable()
export class PgCredentialStore implements CredentialStore {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly cipher: CredentialCipher,
  ) {}

  async replaceIfVersion(
    accountId: string,
    expectedVersion: number,
    credentials: Record<string, unknown>,
  ): Promise<number | null> {
    const rows: Array<{ credentials_version: number }> = await this.db.query(
      `UPDATE channel_accounts SET credentials_encrypted = $3, credentials_version = credentials_version + 1, updated_at = now()
       WHERE id = $1 AND credentials_version = $2 RETURNING credentials_version`,
      [accountId, expectedVersion, this.cipher.encrypt(credentials)],
    );
    // TypeORM returns [rows, affectedCount] for UPDATE … RETURNING on Postgres.
    const returned = Array.isArray(rows[0]) ? (rows[0] as Array<{ credentials_version: number }>) : rows;
    return returned.length ? returned[0].credentials_version : null;
  }

  async read(accountId: string): Promise<{ credentials: Record<string, unknown> | null; version: number }> {
    const rows: Array<{ credentials_encrypted: string | null; credentials_version: number }> = await this.db.query(
      `SELECT credentials_encrypted, credentials_version FROM channel_accounts WHERE id = $1`,
      [accountId],
    );
    if (rows.length === 0) throw new Error(`Channel account ${accountId} not found`);
    const { credentials_encrypted, credentials_version } = rows[0];
    return {
      credentials: credentials_encrypted ? this.cipher.decrypt(credentials_encrypted) : null,
      version: credentials_version,
    };
  }

  async withLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const runner = this.db.createQueryRunner();
    await runner.connect();
    try {
      await runner.query(`SELECT pg_advisory_lock(hashtext($1))`, [`nhip.credentials.${key}`]);
      try {
        return await fn();
      } finally {
        await runner.query(`SELECT pg_advisory_unlock(hashtext($1))`, [`nhip.credentials.${key}`]);
      }
    } finally {
      await runner.release();
    }
  }
}
