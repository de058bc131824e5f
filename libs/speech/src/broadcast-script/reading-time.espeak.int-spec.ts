import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { espeakSpeedFor } from './espeak-speed';
import { DEFAULT_SYLLABLES_PER_MINUTE, checkProgramFits, estimateReadingSeconds } from './reading-time';
import { normaliseForSpeech } from './script-normaliser';

const run = promisify(execFile);

const BULLETINS: Record<string, string> = {
  'digital-transformation-day':
    'Thưa toàn thể bà con nhân dân! Hưởng ứng Ngày Chuyển đổi số quốc gia 10/10/2026 với chủ đề “Chuyển đổi ' +
    'số toàn dân, toàn diện”, UBND phường Đak Bla tổ chức Ngày hội toàn dân học tập số vào lúc 7h30 sáng Chủ ' +
    'nhật, ngày 11/10/2026 tại Nhà văn hóa tổ dân phố 3. Tại ngày hội, đoàn viên thanh niên và tổ công nghệ số ' +
    'cộng đồng sẽ trực tiếp hướng dẫn bà con cài đặt, kích hoạt tài khoản định danh điện tử mức độ 2 trên ứng ' +
    'dụng VNeID, nộp hồ sơ TTHC trên Cổng DVC quốc gia, thanh toán không dùng tiền mặt và nhận biết các thủ ' +
    'đoạn lừa đảo trên không gian mạng. Bà con nhớ mang theo điện thoại thông minh và căn cước gắn chip. ' +
    'Năm 2025, phường đã có 12.450 tài khoản VNeID được kích hoạt, đạt 86,5% dân số trong độ tuổi; 100% hồ sơ ' +
    'TTHC được tiếp nhận và trả kết quả đúng hạn. Mục tiêu năm 2026, ≥90% hộ gia đình có ít nhất một người ' +
    'sử dụng thành thạo DVC trực tuyến. Mọi thông tin chi tiết, bà con liên hệ Bộ phận một cửa phường, số ' +
    'điện thoại 0260 3861 234, hoặc theo dõi trang Zalo OA và Facebook của UBND phường.',
  'resolution-57-quiz':
    'Ban Chỉ đạo phát triển KH&CN, ĐMST và CĐS tỉnh Tuyên Quang phát động Cuộc thi trực tuyến tìm hiểu Nghị ' +
    'quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị. Cuộc thi diễn ra trong 2 đợt: đợt 1 từ ngày 01/6 ' +
    'đến 30/6/2026 và đợt 2 từ ngày 01/9 đến 30/9/2026. Đối tượng dự thi là cán bộ, công chức, viên chức, ' +
    'học sinh THCS, THPT, đoàn viên, hội viên và mọi người dân đang sinh sống, học tập, làm việc trên địa bàn ' +
    'tỉnh. Người dự thi truy cập Cổng thông tin điện tử của tỉnh hoặc trang Zalo OA của Sở Khoa học và Công ' +
    'nghệ, trả lời 20 câu hỏi trắc nghiệm trong thời gian 15 phút và dự đoán số người tham gia. Mỗi tuần, ' +
    'Ban Tổ chức trao 1 giải nhất trị giá 3.000.000 đồng, 2 giải nhì, 3 giải ba và 10 giải khuyến khích. ' +
    'Tổng giá trị giải thưởng của cuộc thi là 150 triệu đồng. Cuộc thi góp phần đạt mục tiêu 100% cán bộ, ' +
    'công chức, viên chức được quán triệt Nghị quyết trong năm 2026 và ≥80% người dân được tiếp cận thông ' +
    'tin qua hệ thống thông tin cơ sở đến năm 2030. Bà con cần hỗ trợ xin gọi đường dây nóng 0207 3822 567 ' +
    'trong giờ hành chính.',
  'science-and-innovation-days':
    'Kính thưa quý vị và các bạn! Hướng tới Ngày Khoa học và Công nghệ Việt Nam 18/5 và Ngày Đổi mới sáng ' +
    'tạo Việt Nam 01/10, Sở Khoa học và Công nghệ phối hợp với UBND các xã, phường tổ chức chuỗi hoạt động ' +
    'truyền thông về KH&CN, ĐMST và CĐS trong Quý II và Quý III năm 2026. Trong Quý II, tỉnh mở 12 lớp tập ' +
    'huấn kỹ năng số cho gần 1.500 cán bộ làm công tác truyền thông cơ sở, tập trung vào ứng dụng AI trong ' +
    'biên tập tin, bài và sử dụng hệ thống truyền thanh thông minh. Trong Quý III, các hội nghị chuyên đề sẽ ' +
    'giới thiệu mô hình nông nghiệp ứng dụng công nghệ cao, truy xuất nguồn gốc nông sản và sàn thương mại ' +
    'điện tử. Theo kế hoạch giai đoạn 2026–2030, đến năm 2030 có ≥70% người làm công tác truyền thông được ' +
    'đào tạo, bồi dưỡng kiến thức về chuyển đổi số. Năm 2025, giá trị giao dịch trên các sàn thương mại điện ' +
    'tử của tỉnh đạt khoảng 2,5 tỷ đồng, tăng 35% so với năm 2024. Chuyên mục khoa học công nghệ được phát ' +
    'vào lúc 6h00 và 17h00 thứ 3, thứ 5 hằng tuần trên hệ thống loa truyền thanh của các xã, phường. Kính ' +
    'mời quý vị đón nghe.',
};

const RATES = [180, DEFAULT_SYLLABLES_PER_MINUTE, 260];

function wavDurationSeconds(wav: Buffer): number {
  if (wav.toString('ascii', 0, 4) !== 'RIFF' || wav.toString('ascii', 8, 12) !== 'WAVE') {
    throw new Error('not a WAV file');
  }
  let byteRate: number | undefined;
  for (let offset = 12; offset + 8 <= wav.length;) {
    const id = wav.toString('ascii', offset, offset + 4);
    const size = wav.readUInt32LE(offset + 4);
    if (id === 'fmt ') byteRate = wav.readUInt32LE(offset + 16);
    if (id === 'data') {
      if (byteRate === undefined) throw new Error('WAV data chunk before its fmt chunk');
      return Math.min(size, wav.length - offset - 8) / byteRate;
    }
    offset += 8 + size + (size % 2);
  }
  throw new Error('WAV file without a data chunk');
}

describe('reading-time estimate against espeak-ng', () => {
  let workDir: string;

  beforeAll(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'nhip-espeak-'));
  });

  afterAll(async () => {
    await rm(workDir, { recursive: true, force: true });
  });

  async function renderedSeconds(name: string, text: string, syllablesPerMinute: number): Promise<number> {
    const textPath = join(workDir, `${name}-${syllablesPerMinute}.txt`);
    const wavPath = join(workDir, `${name}-${syllablesPerMinute}.wav`);
    await writeFile(textPath, normaliseForSpeech(text), 'utf8');
    const speed = String(espeakSpeedFor(syllablesPerMinute));
    await run('espeak-ng', ['-v', 'vi', '-s', speed, '-w', wavPath, '-f', textPath]);
    return wavDurationSeconds(await readFile(wavPath));
  }

  it('renders bulletins long enough for the comparison to mean something', () => {
    for (const text of Object.values(BULLETINS)) {
      expect(estimateReadingSeconds(text)).toBeGreaterThan(60);
    }
  });

  describe.each(RATES)('at %d syllables a minute', (syllablesPerMinute) => {
    it.each(Object.keys(BULLETINS))('estimates %s within 10%% of the espeak-ng rendering', async (name) => {
      const rendered = await renderedSeconds(name, BULLETINS[name], syllablesPerMinute);
      const estimate = estimateReadingSeconds(BULLETINS[name], syllablesPerMinute);

      expect(estimate).toBeGreaterThanOrEqual(rendered * 0.9);
      expect(estimate).toBeLessThanOrEqual(rendered * 1.1);
    });
  });

  it('estimates a whole programme within 10% of its rendering at the default rate', async () => {
    const names = Object.keys(BULLETINS);
    const durations = await Promise.all(
      names.map((name) => renderedSeconds(`programme-${name}`, BULLETINS[name], DEFAULT_SYLLABLES_PER_MINUTE)),
    );
    const rendered = durations.reduce((sum, seconds) => sum + seconds, 0);
    const fit = checkProgramFits(
      names.map((name) => ({ text: BULLETINS[name] })),
      rendered,
    );

    expect(fit.totalSeconds).toBeGreaterThanOrEqual(rendered * 0.9);
    expect(fit.totalSeconds).toBeLessThanOrEqual(rendered * 1.1);
  });
});
