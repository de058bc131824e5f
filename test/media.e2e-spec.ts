import type { INestApplication } from '@nestjs/common';
import { deflateSync } from 'node:zlib';
import request from 'supertest';
import { AgencyEntity } from '@nhip/database';
import { createApiApp } from '../apps/api/src/create-api-app';
import { factories } from './support/factories';
import { createTestEnvironment, TestEnvironment } from './support/test-environment';

/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/** A valid PNG of width × height black 1-bit pixels: tens of kilobytes that decode into hundreds of megapixels. */
function bombPng(width: number, height: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc32 = (b: Buffer) => {
    let c = 0xffffffff;
    for (const byte of b) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([1, 0, 0, 0, 0], 8); // 1-bit greyscale, no interlace
  const rows = Buffer.alloc(height * (1 + Math.ceil(width / 8))); // filter byte 0 and zero pixels, every row
  return Buffer.concat([
    PNG.subarray(0, 8),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('uploaded pictures (e2e)', () => {
  let env: TestEnvironment;
  let app: INestApplication;
  let http: ReturnType<typeof request>;
  let agency: AgencyEntity;
  let officer: { Authorization: string };

  const login = async (username: string, password: string) =>
    `Bearer ${(await http.post('/api/v1/auth/login').send({ username, password }).expect(200)).body.token as string}`;
  const stored = async () => (await env.db.query(`SELECT count(*)::int AS n FROM media_files`))[0].n as number;

  beforeAll(async () => {
    env = await createTestEnvironment({ NHIP_PUBLIC_URL: 'https://nhip.example.gov.vn' });
    app = await createApiApp(env.config);
    await app.init();
    http = request(app.getHttpServer());
    const make = factories(env.db);
    agency = await make.agency({ kind: 'ward', name: 'UBND phường Đăk Bla' });
    const { user, password } = await make.user();
    await make.membership(user, agency, 'officer');
    officer = { Authorization: await login(user.username, password) };
  });

  afterAll(async () => {
    await app?.close();
    await env?.teardown();
  });

  it('stores a picture from an officer and serves it, without signing in, at its public address', async () => {
    const uploaded = await http
      .post(`/api/v1/agencies/${agency.id}/media`)
      .set(officer)
      .attach('file', PNG, 'ảnh hội nghị.png')
      .expect(201);
    expect(uploaded.body).toEqual({
      id: expect.any(String),
      url: `https://nhip.example.gov.vn/api/v1/media/${uploaded.body.id}`,
      fileName: 'ảnh hội nghị.png'.normalize('NFC'),
      mimeType: 'image/png',
      byteSize: PNG.length,
    });

    const served = await http.get(`/api/v1/media/${uploaded.body.id}`).buffer(true).expect(200);
    expect(served.headers['content-type']).toBe('image/png');
    expect(Buffer.compare(served.body as Buffer, PNG)).toBe(0);
    expect(served.headers['cache-control']).toContain('immutable');
    await http.get(`/api/v1/media/${uploaded.body.id}`).set('If-None-Match', served.headers.etag).expect(304);

    // The same file again is the same picture, stored and audited once.
    const again = await http
      .post(`/api/v1/agencies/${agency.id}/media`)
      .set(officer)
      .attach('file', PNG, 'ban-sao.png')
      .expect(201);
    expect(again.body.id).toBe(uploaded.body.id);
    expect(await stored()).toBe(1);
    expect(await env.db.query(`SELECT action FROM audit_events WHERE subject_id = $1`, [uploaded.body.id])).toEqual([
      { action: 'media.uploaded' },
    ]);
  });

  it('refuses what is not a picture, a missing file and an oversized one, storing nothing', async () => {
    const before = await stored();
    const text = await http
      .post(`/api/v1/agencies/${agency.id}/media`)
      .set(officer)
      .attach('file', Buffer.from('<script>alert(1)</script>'), 'anh.png')
      .expect(400);
    expect(text.body).toEqual({
      code: 'MEDIA_TYPE_UNSUPPORTED',
      message: 'Tệp không phải ảnh JPEG, PNG, GIF hoặc WebP.',
    });
    const none = await http
      .post(`/api/v1/agencies/${agency.id}/media`)
      .set(officer)
      .field('note', 'không có tệp')
      .expect(400);
    expect(none.body.code).toBe('MEDIA_FILE_REQUIRED');
    const huge = Buffer.concat([PNG, Buffer.alloc(10 * 1024 * 1024)]);
    const tooBig = await http
      .post(`/api/v1/agencies/${agency.id}/media`)
      .set(officer)
      .attach('file', huge, 'lon.png')
      .expect(413);
    expect(tooBig.body.code).toBe('PAYLOAD_TOO_LARGE');
    // A decompression bomb: small on the wire, 400 megapixels once a channel or a browser decodes it.
    const bomb = bombPng(20_000, 20_000);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const bombed = await http
      .post(`/api/v1/agencies/${agency.id}/media`)
      .set(officer)
      .attach('file', bomb, 'bom.png')
      .expect(400);
    expect(bombed.body).toMatchObject({
      code: 'IMAGE_TOO_LARGE',
      message: 'Ảnh 20000×20000 điểm ảnh quá lớn: tối đa 50 triệu điểm ảnh; hãy thu nhỏ ảnh rồi tải lại.',
    });
    // A picture whose header is cut off is no picture.
    const cut = await http
      .post(`/api/v1/agencies/${agency.id}/media`)
      .set(officer)
      .attach('file', PNG.subarray(0, 12), 'cut.png')
      .expect(400);
    expect(cut.body.code).toBe('MEDIA_TYPE_UNSUPPORTED');
    expect(await stored()).toBe(before);
  });

  it('lets only officers of the agency (or above) upload, and answers unknown addresses with 404', async () => {
    const { user, password } = await factories(env.db).user();
    await factories(env.db).membership(user, agency, 'viewer');
    await http
      .post(`/api/v1/agencies/${agency.id}/media`)
      .set({ Authorization: await login(user.username, password) })
      .attach('file', PNG, 'a.png')
      .expect(403);
    await http.post(`/api/v1/agencies/${agency.id}/media`).attach('file', PNG, 'a.png').expect(401);
    const missing = await http.get('/api/v1/media/00000000-0000-4000-8000-000000000000').expect(404);
    expect(missing.body.code).toBe('MEDIA_NOT_FOUND');
    await http.get('/api/v1/media/not-an-id').expect(404);
  });
});
