import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * `npm run bench` runs every bench/*.bench.ts in turn; `npm run bench -- <name> [options]` runs
 * bench/<name>.bench.ts and hands it the options (e.g. `npm run bench -- scale --fraction 0.1`).
 */
const wanted = process.argv[2];
const all = readdirSync(__dirname)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.replace(/\.bench\.ts$/, ''))
  .sort();
const selected = wanted ? all.filter((name) => name === wanted) : all;
if (selected.length === 0) {
  console.error(`Không có benchmark "${wanted}". Có: ${all.join(', ')}`);
  process.exit(1);
}
let failed = false;
for (const name of selected) {
  console.log(`\n=== ${name} ===`);
  const result = spawnSync(
    process.execPath,
    [
      '-r',
      'ts-node/register/transpile-only',
      '-r',
      'tsconfig-paths/register',
      join(__dirname, `${name}.bench.ts`),
      ...(wanted ? process.argv.slice(3) : []),
    ],
    {
      stdio: 'inherit',
      cwd: join(__dirname, '..'),
    },
  );
  failed ||= result.status !== 0;
}
process.exit(failed ? 1 : 0);
