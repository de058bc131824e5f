import { estimateReadingSeconds } from '@nhip/speech';
import { LOUDSPEAKER_PROBLEMS as P, validateLoudspeakerBulletin } from './loudspeaker.rules';

const SCRIPT =
  'Thưa toàn thể bà con nhân dân! Hưởng ứng Ngày Chuyển đổi số quốc gia 10/10, UBND xã tổ chức Ngày hội ' +
  'toàn dân học tập số vào lúc 7h30 sáng Chủ nhật tại Nhà văn hóa thôn 3. Bà con nhớ mang theo điện thoại ' +
  'thông minh và căn cước gắn chip.';

function bulletin(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: 'Ngày hội toàn dân học tập số',
    script: SCRIPT,
    level: 'normal',
    stations: ['thon-1', 'thon-2'],
    airWindows: [{ start: '2026-10-09T06:00:00+07:00', end: '2026-10-09T06:30:00+07:00' }],
    ...overrides,
  };
}

const codes = (content: unknown, context = {}) =>
  validateLoudspeakerBulletin(content, context).map((p) => `${p.field}:${p.code}`);

describe('validateLoudspeakerBulletin', () => {
  it('accepts a well-formed bulletin at each level', () => {
    expect(codes(bulletin())).toEqual([]);
    expect(codes(bulletin({ level: 'priority', airWindows: undefined }))).toEqual([]);
    expect(codes(bulletin({ level: 'emergency', airWindows: undefined }))).toEqual([]);
    expect(codes(bulletin({ level: 'normal', airWindows: undefined }))).toEqual([]);
  });

  it('refuses content that is not an object', () => {
    expect(codes(null)).toEqual([`:${P.invalidContent}`]);
    expect(codes('bản tin')).toEqual([`:${P.invalidContent}`]);
  });

  it('requires a title of at most 200 characters, counted as people see them', () => {
    expect(codes(bulletin({ title: '   ' }))).toEqual([`title:${P.titleRequired}`]);
    expect(codes(bulletin({ title: 'ữ'.repeat(200) }))).toEqual([]);
    // 201 letters, each written decomposed (u + horn + tilde): still 201 characters after NFC.
    expect(codes(bulletin({ title: 'u\u031b\u0303'.repeat(201) }))).toEqual([`title:${P.titleTooLong}`]);
    expect(validateLoudspeakerBulletin(bulletin({ title: 'a'.repeat(250) }))[0].message).toBe(
      'Tiêu đề dài 250 ký tự, tối đa 200 ký tự.',
    );
  });

  it('requires a script and a known level', () => {
    expect(codes(bulletin({ script: '' }))).toEqual([`script:${P.scriptRequired}`]);
    expect(codes(bulletin({ level: 'urgent' }))).toEqual([`level:${P.levelInvalid}`]);
    expect(codes(bulletin({ level: undefined }))).toEqual([`level:${P.levelInvalid}`]);
  });

  it('requires station groups unless the account has default ones', () => {
    expect(codes(bulletin({ stations: [] }))).toEqual([`stations:${P.stationsRequired}`]);
    expect(codes(bulletin({ stations: undefined }))).toEqual([`stations:${P.stationsRequired}`]);
    expect(codes(bulletin({ stations: [] }), { defaultStationGroups: ['ca-xa'] })).toEqual([]);
    expect(codes(bulletin({ stations: ['thon-1', '', 'thon-1'] }))).toEqual([
      `stations[1]:${P.stationInvalid}`,
      `stations[2]:${P.stationDuplicate}`,
    ]);
    expect(codes(bulletin({ stations: 'thon-1' }))).toEqual([`stations:${P.stationInvalid}`]);
  });

  it('requires air windows to be ISO instants with an offset, ending after they start', () => {
    expect(codes(bulletin({ airWindows: [{ start: '2026-10-09 06:00', end: '2026-10-09T07:00:00+07:00' }] }))).toEqual([
      `airWindows[0]:${P.airWindowInvalid}`,
    ]);
    expect(codes(bulletin({ airWindows: [{ start: '2026-10-09T06:00:00', end: '2026-10-09T07:00:00' }] }))).toEqual([
      `airWindows[0]:${P.airWindowInvalid}`,
    ]);
    expect(codes(bulletin({ airWindows: [{ start: '2026-10-09T06:00:00Z' }] }))).toEqual([
      `airWindows[0]:${P.airWindowInvalid}`,
    ]);
    expect(
      codes(bulletin({ airWindows: [{ start: '2026-10-09T07:00:00+07:00', end: '2026-10-09T06:00:00+07:00' }] })),
    ).toEqual([`airWindows[0]:${P.airWindowOrder}`]);
    // The same instant written in two offsets is an empty window.
    expect(
      codes(bulletin({ airWindows: [{ start: '2026-10-09T06:00:00+07:00', end: '2026-10-08T23:00:00Z' }] })),
    ).toEqual([`airWindows[0]:${P.airWindowOrder}`]);
    expect(codes(bulletin({ airWindows: { start: 'x' } }))).toEqual([`airWindows:${P.airWindowsInvalid}`]);
  });

  it('refuses an air window shorter than the reading time', () => {
    const seconds = estimateReadingSeconds(SCRIPT);
    const start = Date.parse('2026-10-09T06:00:00+07:00');
    const window = (length: number) => [
      { start: new Date(start).toISOString(), end: new Date(start + length * 1000).toISOString() },
    ];

    expect(codes(bulletin({ airWindows: window(Math.ceil(seconds)) }))).toEqual([]);
    const problems = validateLoudspeakerBulletin(bulletin({ airWindows: window(Math.floor(seconds) - 1) }));
    expect(problems.map((p) => p.code)).toEqual([P.airWindowTooShort]);
    expect(problems[0].message).toMatch(
      /^Khung giờ phát dài \d+ giây, ngắn hơn thời lượng đọc bản tin \(khoảng \d+ giây\)\.$/,
    );
  });

  it('refuses air windows on an emergency bulletin, which airs at once', () => {
    const problems = validateLoudspeakerBulletin(bulletin({ level: 'emergency' }));
    expect(problems).toEqual([
      {
        field: 'airWindows',
        code: P.emergencyWithWindows,
        message: 'Bản tin khẩn cấp được phát ngay, không được đặt khung giờ phát.',
      },
    ]);
    expect(codes(bulletin({ level: 'emergency', airWindows: [] }))).toEqual([]);
  });

  it('checks the reading time against the slot when the account has one', () => {
    const seconds = estimateReadingSeconds(SCRIPT);
    expect(codes(bulletin(), { slotSeconds: Math.ceil(seconds) })).toEqual([]);
    const problems = validateLoudspeakerBulletin(bulletin(), { slotSeconds: Math.floor(seconds) - 5 });
    expect(problems.map((p) => `${p.field}:${p.code}`)).toEqual(['script:BROADCAST_EXCEEDS_SLOT']);
    expect(problems[0].message).toContain('vượt khung phát');
  });

  it('reads more slowly at a lower rate, so the same script can stop fitting', () => {
    const atDefault = estimateReadingSeconds(SCRIPT);
    expect(codes(bulletin(), { slotSeconds: Math.ceil(atDefault) })).toEqual([]);
    expect(codes(bulletin(), { slotSeconds: Math.ceil(atDefault), syllablesPerMinute: 180 })).toEqual([
      'script:BROADCAST_EXCEEDS_SLOT',
    ]);
  });

  it('requires supplied audio to have an http(s) URL', () => {
    expect(codes(bulletin({ audio: { url: 'https://cdn.example.vn/ban-tin.wav' } }))).toEqual([]);
    expect(codes(bulletin({ audio: { url: 'file:///etc/passwd' } }))).toEqual([`audio.url:${P.audioInvalid}`]);
    expect(codes(bulletin({ audio: {} }))).toEqual([`audio.url:${P.audioInvalid}`]);
  });

  it('gives every problem a Vietnamese message', () => {
    const problems = validateLoudspeakerBulletin({ title: '', script: '', level: 'x', stations: [], airWindows: [{}] });
    expect(problems.length).toBeGreaterThanOrEqual(4);
    for (const problem of problems)
      expect(problem.message).toMatch(/[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]/i);
  });
});
