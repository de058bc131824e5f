import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort } from './free-port';

/**
 * A PostgreSQL server of the test's own, from the machine's PostgreSQL binaries (the Debian package the
 * shared server comes from): a fresh cluster in a temporary directory, on a free port, that the test may
 * kill with SIGKILL and start again on the same data, as production loses its database. Postgres refuses
 * to run as root, so as root the cluster belongs to the `postgres` user and runs as it.
 */
export class OwnPostgres {
  private server?: ChildProcess;
  private log = '';

  private constructor(
    private readonly bin: string,
    readonly dataDir: string,
    readonly port: number,
    private readonly asUser: string[],
  ) {}

  static async create(): Promise<OwnPostgres> {
    const bin = postgresBinDir();
    const root = process.getuid?.() === 0;
    const dataDir = mkdtempSync(join(tmpdir(), 'nhip-own-pg-'));
    if (root) {
      const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
      const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
      chownSync(dataDir, uid, gid);
    }
    const asUser = root ? ['runuser', '-u', 'postgres', '--'] : [];
    const pg = new OwnPostgres(bin, dataDir, await freePort(), asUser);
    pg.run(join(bin, 'initdb'), ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
    return pg;
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  /** Starts the server on the cluster (recovering from a crash if it was killed) and waits until it answers. */
  async start(timeoutMs = 30_000): Promise<void> {
    const [command, ...prefix] = [...this.asUser, join(this.bin, 'postgres')];
    this.log = '';
    this.server = spawn(
      command,
      [
        ...prefix,
        '-D',
        this.dataDir,
        '-p',
        String(this.port),
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        `unix_socket_directories=${this.dataDir}`,
        '-c',
        'max_connections=60',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'], detached: true },
    );
    this.server.stdout!.on('data', (c) => (this.log += String(c)));
    this.server.stderr!.on('data', (c) => (this.log += String(c)));
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const client = new Client({ connectionString: this.url });
      const up = await client.connect().then(
        () => true,
        () => false,
      );
      await client.end().catch(() => undefined);
      if (up) return;
      if (Date.now() > deadline || this.server.exitCode !== null)
        throw new Error(`own postgres did not start:\n${this.log.slice(-3000)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /**
   * SIGKILL to the postmaster and every backend at once (its whole process group): no checkpoint, no
   * goodbye to clients, transactions in flight lost; the next start recovers from the WAL.
   */
  async kill9(): Promise<void> {
    const server = this.server;
    if (!server || server.exitCode !== null || server.signalCode !== null) return;
    const exited = new Promise((r) => server.once('exit', r));
    process.kill(-server.pid!, 'SIGKILL');
    await exited;
    // Backends die with the group; a restart can bind the port once nothing answers on it.
    for (let i = 0; i < 100; i++) {
      const client = new Client({ connectionString: this.url });
      const answers = await client.connect().then(
        () => true,
        () => false,
      );
      await client.end().catch(() => undefined);
      if (!answers) break;
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async destroy(): Promise<void> {
    await this.kill9().catch(() => undefined);
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  output(): string {
    return this.log;
  }

  private run(command: string, args: string[]) {
    const [head, ...prefix] = [...this.asUser, command];
    execFileSync(head, [...prefix, ...args], { stdio: 'pipe' });
  }
}

/** The newest installed PostgreSQL's bin directory: `pg_config --bindir` when present, else Debian's layout. */
function postgresBinDir(): string {
  try {
    const dir = execFileSync('pg_config', ['--bindir'], { stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
    if (existsSync(join(dir, 'initdb'))) return dir;
  } catch {
    // no pg_config on PATH: look where Debian installs the server
  }
  const versions = existsSync('/usr/lib/postgresql')
    ? readdirSync('/usr/lib/postgresql')
        .filter((v) => existsSync(join('/usr/lib/postgresql', v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (!versions.length) throw new Error('no PostgreSQL server binaries (initdb) found on this machine');
  return join('/usr/lib/postgresql', versions[0], 'bin');
}
