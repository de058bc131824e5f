import type { DataSource } from 'typeorm';

export interface NationalDatasetOptions {
  provinces?: number;
  communesPerProvince?: number;
  /** First local day of the publications, 'YYYY-MM-DD' (Asia/Ho_Chi_Minh). */
  firstDay?: string;
  days?: number;
  /** Publications before this instant are published (2% failed), later ones scheduled. */
  now?: Date;
}

export interface NationalDataset {
  provinces: number;
  communes: number;
  accounts: number;
  publications: number;
  firstDay: string;
  days: number;
}

const CHANNELS = `(VALUES ('portal', 'Cổng thông tin điện tử'), ('facebook', 'Trang Facebook'),
  ('zalo', 'Zalo OA'), ('loudspeaker', 'Đài truyền thanh')) AS t(type, label)`;

/**
 * The national shape of issue 19 in set-based SQL: provinces, each with its communes and wards, four
 * channel accounts per agency (the province's own too), one daily variant per account and one
 * publication per account and day between 07:00 and 14:00 local time. Defaults: 34 provinces × 98
 * communes × 4 channels over Q4 2026 (≈1.23 M publications). Runs in the data source's schema.
 */
export async function buildNationalDataset(
  db: DataSource,
  options: NationalDatasetOptions = {},
): Promise<NationalDataset> {
  const provinces = options.provinces ?? 34;
  const communesPerProvince = options.communesPerProvince ?? 98;
  const firstDay = options.firstDay ?? '2026-10-01';
  const days = options.days ?? 92;
  const now = options.now ?? new Date();
  await db.query(
    `INSERT INTO agencies (code, name, kind)
     SELECT 'tinh-' || lpad(p::text, 2, '0'), 'Ủy ban nhân dân tỉnh số ' || p, 'province'
       FROM generate_series(1, $1) AS p`,
    [provinces],
  );
  await db.query(
    `INSERT INTO agencies (code, name, kind, parent_id)
     SELECT a.code || '-xa-' || lpad(c::text, 3, '0'),
            CASE WHEN c % 4 = 0 THEN 'Ủy ban nhân dân phường số ' ELSE 'Ủy ban nhân dân xã số ' END || c || ', ' || substr(a.name, 18),
            CASE WHEN c % 4 = 0 THEN 'ward' ELSE 'commune' END, a.id
       FROM agencies a CROSS JOIN generate_series(1, $1) AS c
      WHERE a.kind = 'province' AND a.code LIKE 'tinh-%'`,
    [communesPerProvince],
  );
  await db.query(
    `INSERT INTO channel_accounts (agency_id, type, name)
     SELECT a.id, t.type, t.label || ' — ' || a.name FROM agencies a CROSS JOIN ${CHANNELS}
      WHERE a.code LIKE 'tinh-%'`,
  );
  await db.query(
    `INSERT INTO stories (agency_id, title, summary)
     SELECT a.id, 'Bản tin chuyển đổi số hằng ngày — ' || a.name, 'Tuyên truyền Nghị quyết 57-NQ/TW'
       FROM agencies a WHERE a.code LIKE 'tinh-%'`,
  );
  await db.query(
    `INSERT INTO variants (story_id, channel_account_id, channel_type, content, state, scheduled_at, rrule)
     SELECT s.id, ca.id, ca.type, '{"text": "Bản tin chuyển đổi số"}'::jsonb, 'scheduled',
            ($1::date + time '07:00') AT TIME ZONE 'Asia/Ho_Chi_Minh', 'FREQ=DAILY'
       FROM stories s JOIN channel_accounts ca ON ca.agency_id = s.agency_id
      WHERE s.title LIKE 'Bản tin chuyển đổi số hằng ngày — %'`,
    [firstDay],
  );
  await db.query(
    `INSERT INTO publications (variant_id, channel_account_id, occurrence_at, variant_revision, state, idempotency_key, published_at)
     SELECT v.id, v.channel_account_id, o.at, 1,
            CASE WHEN o.at >= $3 THEN 'scheduled' WHEN (abs(hashtext(v.id::text)) + d) % 50 = 0 THEN 'failed' ELSE 'published' END,
            'nhip-' || v.id || '-' || d,
            CASE WHEN o.at < $3 AND (abs(hashtext(v.id::text)) + d) % 50 <> 0 THEN o.at END
       FROM variants v
       JOIN stories s ON s.id = v.story_id AND s.title LIKE 'Bản tin chuyển đổi số hằng ngày — %'
      CROSS JOIN generate_series(0, $2 - 1) AS d
      CROSS JOIN LATERAL (SELECT (($1::date + d) + time '07:00' + (abs(hashtext(v.id::text)) % 28) * interval '15 minutes')
                                 AT TIME ZONE 'Asia/Ho_Chi_Minh' AS at) AS o`,
    [firstDay, days, now],
  );
  await db.query(`ANALYZE agencies, channel_accounts, stories, variants, publications`);
  const communes = provinces * communesPerProvince;
  const accounts = (provinces + communes) * 4;
  return { provinces, communes, accounts, publications: accounts * days, firstDay, days };
}
