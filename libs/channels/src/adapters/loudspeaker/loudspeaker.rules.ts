import {
  BROADCAST_EXCEEDS_SLOT,
  DEFAULT_SYLLABLES_PER_MINUTE,
  checkProgramFits,
  estimateReadingSeconds,
  formatDurationVi,
} from '@nhip/speech';
import type { ValidationProblem } from '../../channel';
import { BULLETIN_LEVELS } from '../../content/channel-content';
import { languageLabel, primaryLanguage } from '../../tts/languages';

export const LOUDSPEAKER_TITLE_MAX_LENGTH = 200;

/** Stable codes of the loudspeaker rules (the slot rule shares the editorial library's code). */
export const LOUDSPEAKER_PROBLEMS = {
  invalidContent: 'LOUDSPEAKER_INVALID_CONTENT',
  titleRequired: 'LOUDSPEAKER_TITLE_REQUIRED',
  titleTooLong: 'LOUDSPEAKER_TITLE_TOO_LONG',
  scriptRequired: 'LOUDSPEAKER_SCRIPT_REQUIRED',
  levelInvalid: 'LOUDSPEAKER_LEVEL_INVALID',
  stationsRequired: 'LOUDSPEAKER_STATIONS_REQUIRED',
  stationInvalid: 'LOUDSPEAKER_STATION_INVALID',
  stationDuplicate: 'LOUDSPEAKER_STATION_DUPLICATE',
  airWindowsInvalid: 'LOUDSPEAKER_AIR_WINDOWS_INVALID',
  airWindowInvalid: 'LOUDSPEAKER_AIR_WINDOW_INVALID',
  airWindowOrder: 'LOUDSPEAKER_AIR_WINDOW_END_BEFORE_START',
  airWindowTooShort: 'LOUDSPEAKER_AIR_WINDOW_TOO_SHORT',
  emergencyWithWindows: 'LOUDSPEAKER_EMERGENCY_WITH_AIR_WINDOWS',
  audioInvalid: 'LOUDSPEAKER_AUDIO_INVALID',
  languageInvalid: 'LOUDSPEAKER_LANGUAGE_INVALID',
  recordingRequired: 'LOUDSPEAKER_RECORDING_REQUIRED',
  exceedsSlot: BROADCAST_EXCEEDS_SLOT,
} as const;

export interface LoudspeakerRuleContext {
  /** The account's default station groups, used when the bulletin names none. */
  defaultStationGroups?: readonly string[];
  /** Length of the programme slot the bulletin must fit, in seconds. */
  slotSeconds?: number;
  syllablesPerMinute?: number;
  /** Whether the text-to-speech has a voice for a language (primary subtag); without it, every language has. */
  hasVoiceFor?: (language: string) => boolean;
}

const LANGUAGE_TAG = /^[a-z]{2,3}(?:[-_][a-z0-9]{2,8})*$/i;

/** ISO 8601 date-time with an explicit offset, so that an air window means the same instant everywhere. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/**
 * The loudspeaker bulletin rules, shared by the composer and the adapter. Without a context the station
 * rule is strict (a bulletin must name its station groups); with the account's defaults, none is fine.
 */
export function validateLoudspeakerBulletin(
  content: unknown,
  context: LoudspeakerRuleContext = {},
): ValidationProblem[] {
  const P = LOUDSPEAKER_PROBLEMS;
  if (content === null || typeof content !== 'object' || Array.isArray(content)) {
    return [{ field: '', code: P.invalidContent, message: 'Nội dung bản tin phát thanh không hợp lệ.' }];
  }
  const bulletin = content as Record<string, unknown>;
  const problems: ValidationProblem[] = [];
  const add = (field: string, code: string, message: string) => problems.push({ field, code, message });

  const title = typeof bulletin.title === 'string' ? bulletin.title.normalize('NFC').trim() : '';
  if (title === '') add('title', P.titleRequired, 'Bản tin phát thanh cần có tiêu đề.');
  else if ([...title].length > LOUDSPEAKER_TITLE_MAX_LENGTH) {
    add(
      'title',
      P.titleTooLong,
      `Tiêu đề dài ${[...title].length} ký tự, tối đa ${LOUDSPEAKER_TITLE_MAX_LENGTH} ký tự.`,
    );
  }

  const script = typeof bulletin.script === 'string' ? bulletin.script.trim() : '';
  if (script === '') add('script', P.scriptRequired, 'Bản tin phát thanh cần có nội dung kịch bản đọc.');

  const level = bulletin.level;
  const levelValid = typeof level === 'string' && (BULLETIN_LEVELS as readonly string[]).includes(level);
  if (!levelValid)
    add(
      'level',
      P.levelInvalid,
      'Mức độ bản tin phải là thường (normal), ưu tiên (priority) hoặc khẩn cấp (emergency).',
    );

  checkStations(bulletin.stations, context, add);

  const rate = context.syllablesPerMinute ?? DEFAULT_SYLLABLES_PER_MINUTE;
  const readingSeconds = script === '' ? 0 : estimateReadingSeconds(script, rate);

  if (bulletin.airWindows !== undefined) {
    if (!Array.isArray(bulletin.airWindows)) {
      add('airWindows', P.airWindowsInvalid, 'Khung giờ phát phải là một danh sách.');
    } else if (level === 'emergency' && bulletin.airWindows.length > 0) {
      add('airWindows', P.emergencyWithWindows, 'Bản tin khẩn cấp được phát ngay, không được đặt khung giờ phát.');
    } else {
      bulletin.airWindows.forEach((window, index) => checkWindow(window, `airWindows[${index}]`, readingSeconds, add));
    }
  }

  if (bulletin.audio !== undefined) {
    const url = (bulletin.audio as { url?: unknown } | null)?.url;
    if (typeof url !== 'string' || !/^https?:\/\/\S+$/i.test(url)) {
      add('audio.url', P.audioInvalid, 'Tệp âm thanh đính kèm phải có địa chỉ http(s) hợp lệ.');
    }
  }

  if (
    bulletin.language !== undefined &&
    (typeof bulletin.language !== 'string' || !LANGUAGE_TAG.test(bulletin.language))
  ) {
    add('language', P.languageInvalid, 'Ngôn ngữ của bản tin phải là mã ngôn ngữ như "vi", "hnj" (tiếng Mông), "tay".');
  } else if (bulletin.audio === undefined && context.hasVoiceFor) {
    const language = primaryLanguage(bulletin.language as string | undefined);
    if (!context.hasVoiceFor(language)) {
      add(
        'audio',
        P.recordingRequired,
        `Chưa có giọng đọc máy cho ${languageLabel(language)}: hãy tải lên bản tin đã thu âm (tệp WAV, MP3, M4A hoặc OGG) ` +
          'và gắn vào bản tin; kịch bản được giữ làm lời của bản thu.',
      );
    }
  }

  if (context.slotSeconds !== undefined && script !== '') {
    const fit = checkProgramFits([{ text: script }], context.slotSeconds, rate);
    if (fit.warning) add('script', P.exceedsSlot, fit.warning.message);
  }

  return problems;
}

function checkStations(
  stations: unknown,
  context: LoudspeakerRuleContext,
  add: (field: string, code: string, message: string) => void,
): void {
  const P = LOUDSPEAKER_PROBLEMS;
  if (stations !== undefined && !Array.isArray(stations)) {
    add('stations', P.stationInvalid, 'Danh sách cụm loa không hợp lệ.');
    return;
  }
  const list = (stations ?? []) as unknown[];
  if (list.length === 0 && (context.defaultStationGroups?.length ?? 0) === 0) {
    add(
      'stations',
      P.stationsRequired,
      'Chọn ít nhất một cụm loa để phát bản tin (hoặc đặt cụm loa mặc định cho tài khoản).',
    );
    return;
  }
  const seen = new Set<string>();
  list.forEach((station, index) => {
    if (typeof station !== 'string' || station.trim() === '') {
      add(`stations[${index}]`, P.stationInvalid, 'Mã cụm loa không được để trống.');
    } else if (seen.has(station)) {
      add(`stations[${index}]`, P.stationDuplicate, `Cụm loa "${station}" được chọn hai lần.`);
    } else {
      seen.add(station);
    }
  });
}

function checkWindow(
  window: unknown,
  field: string,
  readingSeconds: number,
  add: (field: string, code: string, message: string) => void,
): void {
  const P = LOUDSPEAKER_PROBLEMS;
  const { start, end } = (window ?? {}) as { start?: unknown; end?: unknown };
  const startMs = instant(start);
  const endMs = instant(end);
  if (startMs === null || endMs === null) {
    add(
      field,
      P.airWindowInvalid,
      'Khung giờ phát cần thời điểm bắt đầu và kết thúc theo ISO 8601 có múi giờ (ví dụ 2026-10-10T06:00:00+07:00).',
    );
    return;
  }
  if (startMs >= endMs) {
    add(field, P.airWindowOrder, 'Thời điểm kết thúc khung giờ phát phải sau thời điểm bắt đầu.');
    return;
  }
  const windowSeconds = (endMs - startMs) / 1000;
  if (readingSeconds > windowSeconds) {
    add(
      field,
      P.airWindowTooShort,
      `Khung giờ phát dài ${formatDurationVi(windowSeconds)}, ngắn hơn thời lượng đọc bản tin (khoảng ${formatDurationVi(readingSeconds)}).`,
    );
  }
}

function instant(value: unknown): number | null {
  if (typeof value !== 'string' || !ISO_INSTANT.test(value)) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}
