import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoFile } from './project-files';

/** The five source plans converted to plan files, as (file name, text) pairs. */
export function loadDemoPlanFiles(): Array<{ file: string; text: string }> {
  const dir = demoFile('plans');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.plan.yaml'))
    .sort()
    .map((file) => ({ file, text: readFileSync(join(dir, file), 'utf8') }));
}
