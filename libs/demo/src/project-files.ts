import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The demo data ships as files beside the code; find them from source (ts) and from dist (js) alike. */
export function demoFile(...parts: string[]): string {
  let dir = __dirname;
  for (let i = 0; i < 8; i++) {
    const candidate = join(dir, 'libs', 'demo', ...parts);
    if (existsSync(candidate)) return candidate;
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && JSON.parse(readFileSync(pkg, 'utf8')).name === 'nhip') break;
    dir = dirname(dir);
  }
  throw new Error(`Demo file not found: libs/demo/${parts.join('/')}`);
}
