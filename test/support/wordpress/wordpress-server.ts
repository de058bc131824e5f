import { ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../free-port';

/**
 * A real, throw-away WordPress for tests: Debian's `wordpress` package served by `php -S`, with a fresh
 * MariaDB database per site. Needs the Debian packages `wordpress php-cli php-mysql` and a MariaDB
 * answering on TEST_MARIADB_URL (default mysql://root@127.0.0.1:3306); installs nothing itself.
 *
 * The site is a temporary directory holding WordPress's top-level PHP files (copied, so that ABSPATH is
 * this directory and its own wp-config.php is read rather than Debian's /etc/wordpress/config-<host>.php),
 * wp-admin and wp-includes linked from /usr/share/wordpress, and a wp-content of its own for uploads.
 */

const WORDPRESS_DIR = '/usr/share/wordpress';
const MARIADB_URL = new URL(process.env.TEST_MARIADB_URL ?? 'mysql://root@127.0.0.1:3306');
const HERE = __dirname;

const run = promisify(execFile);

export type PermalinkMode = 'plain' | 'pretty';

interface WordPressUser {
  username: string;
  applicationPassword: string;
}

export interface TestWordPress {
  /** e.g. http://127.0.0.1:41234 */
  siteUrl: string;
  /** An administrator. */
  username: string;
  applicationPassword: string;
  /** Logged in fine, but may neither publish nor upload media. */
  contributor: WordPressUser;
  permalinks: PermalinkMode;
  /** How long the install and start took, in ms. */
  setupMs: number;
  /** Where PHP writes its errors, for a failing test's diagnosis. */
  phpErrorLog: string;
  stop(): Promise<void>;
}

export async function startWordPress(options: { permalinks?: PermalinkMode } = {}): Promise<TestWordPress> {
  const started = Date.now();
  const permalinks = options.permalinks ?? 'plain';
  await checkPrerequisites();

  const port = await freePort();
  const siteUrl = `http://127.0.0.1:${port}`;
  const dir = await mkdtemp(join(tmpdir(), 'nhip-wp-'));
  const root = join(dir, 'site');
  const dbName = `nhip_wp_${randomBytes(5).toString('hex')}`;
  const db = {
    NHIP_WP_DB_HOST: MARIADB_URL.hostname,
    NHIP_WP_DB_PORT: MARIADB_URL.port || '3306',
    NHIP_WP_DB_USER: decodeURIComponent(MARIADB_URL.username) || 'root',
    NHIP_WP_DB_PASSWORD: decodeURIComponent(MARIADB_URL.password),
    NHIP_WP_DB_NAME: dbName,
  };
  const phpErrorLog = join(dir, 'php-errors.log');
  let server: ChildProcess | undefined;

  const stop = async () => {
    if (server) await killGroup(server);
    server = undefined;
    await dropDatabase(db).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  };

  try {
    await buildSiteRoot(root);
    await writeFile(join(root, 'wp-config.php'), wpConfig(siteUrl, db));
    const { stdout } = await run('php', [...phpIni(phpErrorLog), join(HERE, 'install.php'), root], {
      env: { ...process.env, ...db, NHIP_WP_URL: siteUrl, NHIP_WP_PERMALINKS: permalinks },
      timeout: 45_000,
    }).catch((error: Error & { stderr?: string }) => {
      throw new Error(`WordPress install failed: ${error.stderr || error.message}`);
    });
    const installed = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as {
      users: Record<string, { applicationPassword: string }>;
    };

    const requestLog = createWriteStream(join(dir, 'php-server.log'));
    server = spawn('php', [...phpIni(phpErrorLog), '-S', `127.0.0.1:${port}`, '-t', root, join(HERE, 'router.php')], {
      cwd: root,
      // Several workers, so that a request WordPress makes to itself cannot deadlock the server.
      env: { ...process.env, PHP_CLI_SERVER_WORKERS: '4' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    server.stdout?.pipe(requestLog);
    server.stderr?.pipe(requestLog);
    await waitForHttp(siteUrl, server);

    return {
      siteUrl,
      username: 'nhip-admin',
      applicationPassword: installed.users['nhip-admin'].applicationPassword,
      contributor: {
        username: 'nhip-contributor',
        applicationPassword: installed.users['nhip-contributor'].applicationPassword,
      },
      permalinks,
      setupMs: Date.now() - started,
      phpErrorLog,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function checkPrerequisites() {
  const hint = 'apt-get install wordpress php-cli php-mysql';
  if (!existsSync(join(WORDPRESS_DIR, 'wp-settings.php')))
    throw new Error(`Debian's wordpress package is not installed (${hint})`);
  await run('php', ['-r', 'exit(extension_loaded("mysqli") ? 0 : 1);']).catch(() => {
    throw new Error(`php with the mysqli extension is not available (${hint})`);
  });
}

async function buildSiteRoot(root: string) {
  await mkdir(root);
  for (const entry of await readdir(WORDPRESS_DIR, { withFileTypes: true })) {
    const source = join(WORDPRESS_DIR, entry.name);
    if (entry.name === 'wp-admin' || entry.name === 'wp-includes') await symlink(source, join(root, entry.name));
    else if (entry.isFile() && entry.name.endsWith('.php') && entry.name !== 'wp-config.php')
      await copyFile(source, join(root, entry.name));
  }
  const content = join(root, 'wp-content');
  await mkdir(join(content, 'uploads'), { recursive: true });
  await mkdir(join(content, 'mu-plugins'));
  for (const shared of ['themes', 'plugins', 'languages']) {
    await symlink(join(WORDPRESS_DIR, 'wp-content', shared), join(content, shared));
  }
  await copyFile(join(HERE, 'nhip-test.mu-plugin.php'), join(content, 'mu-plugins', 'nhip-test.php'));
}

function phpString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function wpConfig(siteUrl: string, db: Record<string, string>): string {
  const define = (name: string, value: string | boolean) =>
    `define(${phpString(name)}, ${typeof value === 'boolean' ? String(value) : phpString(value)});`;
  const salts = [
    'AUTH_KEY',
    'SECURE_AUTH_KEY',
    'LOGGED_IN_KEY',
    'NONCE_KEY',
    'AUTH_SALT',
    'SECURE_AUTH_SALT',
    'LOGGED_IN_SALT',
    'NONCE_SALT',
  ];
  return [
    '<?php',
    define('DB_NAME', db.NHIP_WP_DB_NAME),
    define('DB_USER', db.NHIP_WP_DB_USER),
    define('DB_PASSWORD', db.NHIP_WP_DB_PASSWORD),
    define('DB_HOST', `${db.NHIP_WP_DB_HOST}:${db.NHIP_WP_DB_PORT}`),
    define('DB_CHARSET', 'utf8mb4'),
    define('DB_COLLATE', ''),
    ...salts.map((name) => define(name, randomBytes(32).toString('hex'))),
    define('WP_HOME', siteUrl),
    define('WP_SITEURL', siteUrl),
    // Application Passwords need HTTPS, except on a site whose environment type is 'local'.
    define('WP_ENVIRONMENT_TYPE', 'local'),
    define('DISABLE_WP_CRON', true),
    define('AUTOMATIC_UPDATER_DISABLED', true),
    define('WP_HTTP_BLOCK_EXTERNAL', true),
    define('WP_DEBUG', false),
    define('WP_DEBUG_DISPLAY', false),
    define('FS_METHOD', 'direct'),
    "$table_prefix = 'wp_';",
    "if (!defined('ABSPATH')) define('ABSPATH', __DIR__ . '/');",
    "require_once ABSPATH . 'wp-settings.php';",
    '',
  ].join('\n');
}

function phpIni(errorLog: string): string[] {
  // Errors go to a log, never into a JSON response.
  return ['-d', 'display_errors=0', '-d', 'log_errors=1', '-d', `error_log=${errorLog}`, '-d', 'memory_limit=256M'];
}

async function dropDatabase(db: Record<string, string>) {
  const code =
    'mysqli_report(MYSQLI_REPORT_ERROR | MYSQLI_REPORT_STRICT);' +
    '$m = new mysqli(getenv("NHIP_WP_DB_HOST"), getenv("NHIP_WP_DB_USER"), getenv("NHIP_WP_DB_PASSWORD"), "", (int) getenv("NHIP_WP_DB_PORT"));' +
    '$m->query("DROP DATABASE IF EXISTS `" . $m->real_escape_string(getenv("NHIP_WP_DB_NAME")) . "`");';
  await run('php', ['-r', code], { env: { ...process.env, ...db }, timeout: 15_000 });
}

async function waitForHttp(siteUrl: string, server: ChildProcess) {
  const deadline = Date.now() + 15_000;
  let exited = false;
  server.once('exit', () => (exited = true));
  while (Date.now() < deadline) {
    if (exited) throw new Error(`php -S exited before answering on ${siteUrl}`);
    try {
      const response = await fetch(`${siteUrl}/?rest_route=/`, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`WordPress did not answer on ${siteUrl} within 15 s`);
}

async function killGroup(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // The server's workers are forked into the process group started here (detached).
  process.kill(-child.pid, 'SIGTERM');
  const timer = setTimeout(() => child.pid && process.kill(-child.pid, 'SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}
