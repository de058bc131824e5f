import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

interface AgencyRow {
  code: string;
  officialCode?: string;
  name: string;
  shortName: string;
  kind: string;
  parent: string | null;
}

const rows: AgencyRow[] = parse(readFileSync(join(__dirname, 'agencies.yaml'), 'utf8')).agencies;
const byCode = new Map(rows.map((a) => [a.code, a]));

describe('agencies.yaml', () => {
  it('has unique lowercase ASCII slugs and every field', () => {
    expect(byCode.size).toBe(rows.length);
    for (const agency of rows) {
      expect(agency.code).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(Object.keys(agency).sort()).toEqual(
        expect.arrayContaining(['code', 'kind', 'name', 'parent', 'shortName'].sort()),
      );
      expect([
        'province',
        'department',
        'commune',
        'ward',
        'other',
        'party',
        'front',
        'press',
        'enterprise',
        'partner',
      ]).toContain(agency.kind);
      expect(agency.name.trim()).not.toBe('');
      expect(agency.shortName.trim()).not.toBe('');
    }
  });

  const rootOf = (agency: AgencyRow): AgencyRow => {
    const seen = new Set<string>();
    let current = agency;
    while (current.parent !== null) {
      expect(seen.has(current.code)).toBe(false);
      seen.add(current.code);
      current = byCode.get(current.parent)!;
      expect(current).toBeDefined();
    }
    return current;
  };

  it('roots the administrative line in the five provinces and the Party line in their Party committees', () => {
    for (const agency of rows) {
      const root = rootOf(agency);
      if (['province', 'department', 'commune', 'ward', 'other'].includes(agency.kind))
        expect(root.kind).toBe('province');
      if (agency.kind === 'party') expect(root.kind).toBe('party');
    }
    expect(rows.filter((a) => a.kind === 'province').map((a) => a.code)).toEqual([
      'tinh-ha-tinh',
      'tinh-thanh-hoa',
      'tinh-dong-nai',
      'tinh-tuyen-quang',
      'tinh-quang-ngai',
    ]);
  });

  it("puts Party boards under their Party committee, never under a People's Committee", () => {
    for (const province of ['ha-tinh', 'thanh-hoa', 'dong-nai', 'tuyen-quang']) {
      expect(byCode.get(`${province}-ban-tgdv-tinh-uy`)).toMatchObject({
        kind: 'party',
        parent: `tinh-uy-${province}`,
      });
      expect(byCode.get(`tinh-uy-${province}`)).toMatchObject({ kind: 'party', parent: null });
    }
  });

  it("makes the Front, the press, enterprises, the police and KOLs coordinators, nobody's subordinates", () => {
    const coordinators = rows.filter((a) =>
      /mặt trận|^báo|cơ quan báo chí|doanh nghiệp|^công an|KOL|^các cơ quan, đơn vị trên địa bàn/i.test(a.name),
    );
    expect(coordinators.length).toBeGreaterThanOrEqual(16);
    for (const agency of coordinators) {
      expect({ code: agency.code, parent: agency.parent }).toEqual({ code: agency.code, parent: null });
      expect(['front', 'press', 'enterprise', 'partner']).toContain(agency.kind);
    }
  });

  it('gives the official province codes as strings and no invented ones', () => {
    const official = rows.filter((a) => a.officialCode !== undefined).map((a) => [a.code, a.officialCode]);
    expect(official).toEqual([
      ['tinh-ha-tinh', '42'],
      ['tinh-thanh-hoa', '38'],
      ['tinh-dong-nai', '75'],
      ['tinh-tuyen-quang', '08'],
      ['tinh-quang-ngai', '51'],
    ]);
  });

  it('places the Đăk Bla ward under Quảng Ngãi with its offices under the ward', () => {
    expect(byCode.get('phuong-dak-bla')).toMatchObject({ kind: 'ward', parent: 'tinh-quang-ngai' });
    expect(rows.filter((a) => a.parent === 'phuong-dak-bla').map((a) => a.code)).toEqual(
      expect.arrayContaining(['dak-bla-vp-hdnd-ubnd', 'dak-bla-phong-vhxh', 'dak-bla-phong-kt-ht-dt']),
    );
  });
});
