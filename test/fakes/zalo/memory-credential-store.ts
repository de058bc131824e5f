import type { CredentialStore } from '../../../libs/channels/src/channel';

/**
 * A CredentialStore in memory with the same contract as PgCredentialStore: compare-and-set writes and a
 * lock per key (calls queue behind each other). For adapter tests that do not need Postgres; the race
 * between workers is tested on the real store.
 */
export class MemoryCredentialStore implements CredentialStore {
  readonly writes: Array<{ accountId: string; version: number; credentials: Record<string, unknown> }> = [];
  private readonly rows = new Map<string, { credentials: Record<string, unknown> | null; version: number }>();
  private readonly locks = new Map<string, Promise<unknown>>();

  put(accountId: string, credentials: Record<string, unknown>, version = 1): void {
    this.rows.set(accountId, { credentials: { ...credentials }, version });
  }

  async read(accountId: string): Promise<{ credentials: Record<string, unknown> | null; version: number }> {
    const row = this.rows.get(accountId);
    if (!row) throw new Error(`Channel account ${accountId} not found`);
    return { credentials: row.credentials ? { ...row.credentials } : null, version: row.version };
  }

  async replaceIfVersion(
    accountId: string,
    expectedVersion: number,
    credentials: Record<string, unknown>,
  ): Promise<number | null> {
    const row = this.rows.get(accountId);
    if (!row || row.version !== expectedVersion) return null;
    row.credentials = { ...credentials };
    row.version += 1;
    this.writes.push({ accountId, version: row.version, credentials: { ...credentials } });
    return row.version;
  }

  async withLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.locks.get(key) ?? Promise.resolve();
    const run = previous.then(fn, fn);
    this.locks.set(
      key,
      run.catch(() => undefined),
    );
    return run;
  }
}
