import type { ChannelAccountContext } from '../../../libs/channels/src/channel';
import type { SynthesisOptions, SynthesizedAudio, TextToSpeech } from '../../../libs/channels/src/tts/text-to-speech';
import { makeWav } from '../../fakes/loudspeaker/audio-fixtures';
import type { FakeStation } from '../../fakes/loudspeaker/fake-station';
import { readingSeconds } from '../../fakes/loudspeaker/fake-tts';

export function accountFor(
  station: FakeStation | { url: string },
  settings: Record<string, unknown> = {},
  credentials: Record<string, unknown> | null = { apiKey: 'station-key' },
): ChannelAccountContext {
  return {
    id: 'account-1',
    type: 'loudspeaker',
    settings: { endpoint: station.url, ...settings },
    credentials,
    credentialsVersion: 1,
  };
}

/** A voice that answers at once with a tone as long as the text takes to read; records what it was asked. */
export class ToneTts implements TextToSpeech {
  readonly name = 'tone';
  readonly calls: Array<{ text: string; options: SynthesisOptions }> = [];

  /** Vietnamese only, like the Vietnamese vendors. */
  voiceFor(language: string, regionalVoice?: string): { voice?: string } | undefined {
    return language === 'vi' ? { voice: regionalVoice } : undefined;
  }

  async synthesize(text: string, options: SynthesisOptions = {}): Promise<SynthesizedAudio> {
    this.calls.push({ text, options });
    const seconds = readingSeconds(text, options.syllablesPerMinute);
    const audio = makeWav(seconds, { sampleRate: 8000 });
    return { audio, mimeType: 'audio/wav', durationSeconds: (audio.length - 44) / 16000 };
  }
}

/** ~55 s at 220 syllables a minute once spelled out for the ear. */
export const DIGITAL_DAY_SCRIPT =
  'Thưa toàn thể bà con nhân dân! Hưởng ứng Ngày Chuyển đổi số quốc gia 10/10 với chủ đề “Chuyển đổi số ' +
  'toàn dân, toàn diện”, UBND xã Minh Thanh tổ chức Ngày hội toàn dân học tập số vào lúc 7h30 sáng Chủ nhật, ' +
  'ngày 11/10/2026 tại Nhà văn hóa thôn Tân Lập. Tại ngày hội, đoàn viên thanh niên và tổ công nghệ số cộng ' +
  'đồng sẽ hướng dẫn bà con cài đặt và kích hoạt tài khoản định danh điện tử mức độ 2 trên ứng dụng VNeID, ' +
  'nộp hồ sơ TTHC trực tuyến và nhận biết các thủ đoạn lừa đảo trên không gian mạng. Năm 2025, toàn xã có ' +
  '3.215 tài khoản được kích hoạt, đạt 81,4% dân số trong độ tuổi. Bà con cần hỗ trợ xin liên hệ Bộ phận ' +
  'một cửa xã, số điện thoại 0207 3822 567. Xin trân trọng thông báo!';

export const SHORT_SCRIPT =
  'Thông báo: sáng mai 7h00, UBND xã tổ chức họp dân tại Nhà văn hóa thôn 2. Đề nghị bà con đến đúng giờ.';

/** An air window that starts in `fromNowMinutes` and lasts `minutes`. */
export function windowFromNow(fromNowMinutes: number, minutes: number): { start: string; end: string } {
  const start = Date.now() + fromNowMinutes * 60_000;
  return { start: new Date(start).toISOString(), end: new Date(start + minutes * 60_000).toISOString() };
}
