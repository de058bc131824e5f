import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

/**
 * The layering rules of `.dependency-cruiser.cjs`, run on a small tree built for each case, so that a
 * rule that stopped catching its violation fails here rather than letting the real tree drift.
 */
const ROOT = join(__dirname, '..', '..');
const DEPCRUISE = join(ROOT, 'node_modules', '.bin', 'depcruise');
const CONFIG = join(ROOT, '.dependency-cruiser.cjs');

const BASE: Record<string, string> = {
  'tsconfig.json': JSON.stringify({
    compilerOptions: {
      module: 'node16',
      moduleResolution: 'node16',
      baseUrl: './',
      paths: {
        '@nhip/low': ['libs/low/src'],
        '@nhip/high': ['libs/high/src'],
        '@nhip/vocabulary': ['libs/vocabulary/src'],
      },
    },
  }),
  'package.json': JSON.stringify({ name: 'fixture', private: true }),
  'libs/low/src/index.ts': "export * from './low.service';\n",
  'libs/low/src/low.service.ts': 'export const low = 1;\n',
  'libs/high/src/index.ts': "export * from './high.service';\n",
  'libs/high/src/high.service.ts': "import { low } from '@nhip/low';\nexport const high = low + 1;\n",
  'apps/api/src/main.ts': "import { high } from '@nhip/high';\nexport const api = high;\n",
  'libs/vocabulary/src/index.ts': "export * from './words';\n",
  'libs/vocabulary/src/words.ts': "export const WORDS = ['portal'] as const;\n",
  'libs/low/src/words.ts': "import { WORDS } from '@nhip/vocabulary';\nexport const words = WORDS;\n",
};

async function cruise(changes: Record<string, string>) {
  const dir = await mkdtemp(join(tmpdir(), 'nhip-layering-'));
  try {
    for (const [path, text] of Object.entries({ ...BASE, ...changes })) {
      await mkdir(dirname(join(dir, path)), { recursive: true });
      await writeFile(join(dir, path), text);
    }
    const result = await promisify(execFile)(DEPCRUISE, ['apps', 'libs', '--config', CONFIG], { cwd: dir }).then(
      ({ stdout }) => ({ failed: false, output: stdout }),
      (error: { stdout: string; stderr: string }) => ({ failed: true, output: error.stdout + error.stderr }),
    );
    return result;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('layering rules', () => {
  it('accept a tree where libraries depend one way, through their index', async () => {
    expect(await cruise({})).toMatchObject({ failed: false });
  });

  it('let the web app import the vocabulary, and only through its index', async () => {
    expect(
      await cruise({ 'apps/web/src/main.tsx': "import { WORDS } from '@nhip/vocabulary';\nexport const w = WORDS;\n" }),
    ).toMatchObject({ failed: false });
    const deep = await cruise({
      'apps/web/src/main.tsx': "export { WORDS } from '../../../libs/vocabulary/src/words';\n",
    });
    expect(deep.failed).toBe(true);
    expect(deep.output).toContain('error web-imports-server:');
  });

  it.each([
    [
      'no-library-cycle',
      { 'libs/low/src/low.service.ts': "import { high } from '@nhip/high';\nexport const low = () => high;\n" },
    ],
    [
      'deep-import-into-library',
      { 'apps/api/src/main.ts': "export { low } from '../../../libs/low/src/low.service';\n" },
    ],
    ['library-imports-app', { 'libs/low/src/low.service.ts': "export { api } from '../../../apps/api/src/main';\n" }],
    ['web-imports-server', { 'apps/web/src/main.tsx': "export { low } from '../../../libs/low/src';\n" }],
    [
      'vocabulary-depends-on-nothing',
      { 'libs/vocabulary/src/words.ts': "import { low } from '@nhip/low';\nexport const WORDS = [low];\n" },
    ],
    [
      'vocabulary-depends-on-nothing',
      { 'libs/vocabulary/src/words.ts': "import { join } from 'node:path';\nexport const WORDS = [join('a')];\n" },
    ],
    ['not-to-unresolvable', { 'libs/low/src/low.service.ts': "export { gone } from './gone';\n" }],
  ])('refuse a tree that breaks %s', async (rule, changes) => {
    const result = await cruise(changes);
    expect(result.failed).toBe(true);
    expect(result.output).toContain(`error ${rule}:`);
  });
});
