import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { AGENCY_KINDS, AgencyKind } from '@nhip/database';
import { demoFile } from './project-files';

export interface DemoAgency {
  code: string;
  officialCode?: string;
  name: string;
  shortName?: string;
  kind: AgencyKind;
  parent: string | null;
}

/** The agencies named in the five source plans, parents before children. */
export function loadDemoAgencies(file = demoFile('data', 'agencies.yaml')): DemoAgency[] {
  const doc = parse(readFileSync(file, 'utf8')) as { agencies: DemoAgency[] };
  const byCode = new Map(doc.agencies.map((a) => [a.code, a]));
  for (const a of doc.agencies) {
    if (!AGENCY_KINDS.includes(a.kind)) throw new Error(`agencies.yaml: ${a.code} has unknown kind ${a.kind}`);
    if (a.parent && !byCode.has(a.parent)) throw new Error(`agencies.yaml: ${a.code} has unknown parent ${a.parent}`);
  }
  const ordered: DemoAgency[] = [];
  const placed = new Set<string>();
  const place = (a: DemoAgency, depth = 0) => {
    if (placed.has(a.code)) return;
    if (depth > 10) throw new Error(`agencies.yaml: cycle at ${a.code}`);
    if (a.parent) place(byCode.get(a.parent)!, depth + 1);
    placed.add(a.code);
    ordered.push(a);
  };
  doc.agencies.forEach((a) => place(a));
  return ordered;
}
