import { ABBREVIATIONS } from './abbreviations';
import { normaliseForSpeech } from './script-normaliser';

const say = (text: string) => normaliseForSpeech(text);

describe('normaliseForSpeech', () => {
  describe('integers and decimals', () => {
    it.each([
      ['21 xã', 'Hai mươi mốt xã'],
      ['24 tổ', 'Hai mươi tư tổ'],
      ['15 lớp', 'Mười lăm lớp'],
      ['105 hộ', 'Một trăm linh năm hộ'],
      ['năm 2026', 'năm hai nghìn không trăm hai mươi sáu'],
      ['1.000.000 lượt', 'Một triệu lượt'],
      ['1.200 người', 'Một nghìn hai trăm người'],
      ['2,5 tỷ đồng', 'Hai phẩy năm tỷ đồng'],
      ['1.250.000,75', 'Một triệu hai trăm năm mươi nghìn phẩy bảy mươi lăm'],
      ['Cách mạng công nghiệp 4.0', 'Cách mạng công nghiệp bốn chấm không'],
      ['cúm H5N1', 'cúm H năm N một'],
    ])('%s → %s', (text, spoken) => {
      expect(say(text)).toBe(spoken);
    });

    it('reads a zero tens digit and thousands the southern way when asked', () => {
      expect(normaliseForSpeech('105.000 người', { zeroTensWord: 'lẻ', thousandWord: 'ngàn' })).toBe(
        'Một trăm lẻ năm ngàn người',
      );
    });

    it('reads numbers with units', () => {
      expect(say('5ha, 12 km, 100.000đ, 20 GB, sóng 4G')).toBe(
        'Năm héc ta, mười hai ki lô mét, một trăm nghìn đồng, hai mươi ghi ga bai, sóng bốn giê',
      );
    });
  });

  describe('dates', () => {
    it.each([
      ['10/10/2026', 'Ngày mùng mười tháng mười năm hai nghìn không trăm hai mươi sáu'],
      ['18/5', 'Ngày mười tám tháng năm'],
      ['01/10', 'Ngày mùng một tháng mười'],
      ['4/4', 'Ngày mùng bốn tháng tư'],
      ['ngày 22/12/2024', 'ngày hai mươi hai tháng mười hai năm hai nghìn không trăm hai mươi tư'],
      ['Ngày 10/10', 'Ngày mùng mười tháng mười'],
      ['mùng 2/9', 'mùng hai tháng chín'],
      ['Sáng 10/10, tại', 'Sáng ngày mùng mười tháng mười, tại'],
      ['10-10-2026', 'Ngày mùng mười tháng mười năm hai nghìn không trăm hai mươi sáu'],
      ['10.10.2026', 'Ngày mùng mười tháng mười năm hai nghìn không trăm hai mươi sáu'],
    ])('%s → %s', (text, spoken) => {
      expect(say(text)).toBe(spoken);
    });

    it('does not add "ngày" after a named day', () => {
      expect(say('hưởng ứng Ngày Chuyển đổi số quốc gia 10/10')).toBe(
        'hưởng ứng Ngày Chuyển đổi số quốc gia mùng mười tháng mười',
      );
    });

    it('reads a month with its year, keeping a "tháng" already written', () => {
      expect(say('hoàn thành 8/2025')).toBe('hoàn thành tháng tám năm hai nghìn không trăm hai mươi lăm');
      expect(say('tháng 8/2025')).toBe('tháng tám năm hai nghìn không trăm hai mươi lăm');
    });

    it('reads month names, April as "tư"', () => {
      expect(say('tháng 4 và tháng 6, tháng 12.')).toBe('tháng tư và tháng sáu, tháng mười hai.');
    });

    it('reads day ranges and date ranges', () => {
      expect(say('từ ngày 8-10/10')).toBe('từ ngày mùng tám đến ngày mùng mười tháng mười');
      expect(say('10/10 - 15/10/2026')).toBe(
        'Ngày mùng mười tháng mười đến ngày mười lăm tháng mười năm hai nghìn không trăm hai mươi sáu',
      );
    });

    it('leaves impossible dates alone and reads "24/7" as round the clock', () => {
      expect(say('tỷ lệ 50/50')).toBe('tỷ lệ năm mươi / năm mươi');
      expect(say('hỗ trợ 24/7')).toBe('hỗ trợ hai mươi bốn trên bảy');
    });
  });

  describe('times', () => {
    it.each([
      ['7h30', 'Bảy giờ ba mươi phút'],
      ['07:30', 'Bảy giờ ba mươi phút'],
      ['19h', 'Mười chín giờ'],
      ['19h00', 'Mười chín giờ'],
      ['06:00', 'Sáu giờ'],
      ['7h05', 'Bảy giờ năm phút'],
      ['19 giờ', 'Mười chín giờ'],
      ['19 giờ 30 phút', 'Mười chín giờ ba mươi phút'],
      ['từ 7h30-11h', 'từ bảy giờ ba mươi phút đến mười một giờ'],
      [
        'lúc 7h30 ngày 10/10/2026',
        'lúc bảy giờ ba mươi phút ngày mùng mười tháng mười năm hai nghìn không trăm hai mươi sáu',
      ],
    ])('%s → %s', (text, spoken) => {
      expect(say(text)).toBe(spoken);
    });

    it('does not take hectares or an impossible time for a time', () => {
      expect(say('5ha')).toBe('Năm héc ta');
      expect(say('25:70')).toBe('Hai mươi lăm: bảy mươi');
    });
  });

  describe('percentages and comparisons', () => {
    it.each([
      ['100%', 'Một trăm phần trăm'],
      ['65,4 %', 'Sáu mươi lăm phẩy bốn phần trăm'],
      ['≥80%', 'Từ tám mươi phần trăm trở lên'],
      ['≥ 70% cán bộ', 'Ít nhất bảy mươi phần trăm cán bộ'],
      ['đạt ≥ 70%.', 'đạt từ bảy mươi phần trăm trở lên.'],
      ['≤5% hồ sơ', 'Không quá năm phần trăm hồ sơ'],
      ['≤5%', 'Từ năm phần trăm trở xuống'],
      ['>90%', 'Trên chín mươi phần trăm'],
      ['<5%', 'Dưới năm phần trăm'],
      ['~50 người', 'Khoảng năm mươi người'],
    ])('%s → %s', (text, spoken) => {
      expect(say(text)).toBe(spoken);
    });
  });

  describe('ranges', () => {
    it.each([
      ['2025-2030', 'Hai nghìn không trăm hai mươi lăm đến hai nghìn không trăm ba mươi'],
      ['2025–2030', 'Hai nghìn không trăm hai mươi lăm đến hai nghìn không trăm ba mươi'],
      ['giai đoạn 2021 - 2025', 'giai đoạn hai nghìn không trăm hai mươi mốt đến hai nghìn không trăm hai mươi lăm'],
      ['15-20 phút', 'Mười lăm đến hai mươi phút'],
      ['80-100%', 'Tám mươi đến một trăm phần trăm'],
    ])('%s → %s', (text, spoken) => {
      expect(say(text)).toBe(spoken);
    });
  });

  describe('Roman numerals and ordinals', () => {
    it.each([
      ['Quý II', 'Quý hai'],
      ['quý IV', 'quý bốn'],
      ['Quý III/2026', 'Quý ba năm hai nghìn không trăm hai mươi sáu'],
      ['Quý 2/2026', 'Quý hai năm hai nghìn không trăm hai mươi sáu'],
      ['Đại hội XIV của Đảng', 'Đại hội mười bốn của Đảng'],
      ['thế kỷ XXI', 'thế kỷ hai mươi mốt'],
      ['lần thứ IV', 'lần thứ tư'],
      ['thứ 2 và thứ 5', 'thứ hai và thứ năm'],
      ['lần thứ 1', 'lần thứ nhất'],
      ['lần thứ 4', 'lần thứ tư'],
    ])('%s → %s', (text, spoken) => {
      expect(say(text)).toBe(spoken);
    });

    it('leaves words that only look like numerals', () => {
      expect(say('Kính thưa quý vị')).toBe('Kính thưa quý vị');
      expect(say('phần mềm')).toBe('phần mềm');
    });
  });

  describe('document numbers', () => {
    it.each([
      ['57-NQ/TW', 'Nghị quyết số năm mươi bảy của Bộ Chính trị'],
      ['Nghị quyết số 57- NQ/TW', 'Nghị quyết số năm mươi bảy của Bộ Chính trị'],
      ['Quyết định số 1169/QĐ-TTg', 'Quyết định số một nghìn một trăm sáu mươi chín của Thủ tướng Chính phủ'],
      [
        'Thông tư 39/2020/TT-BTTTT',
        'Thông tư số ba mươi chín năm hai nghìn không trăm hai mươi của Bộ Thông tin và Truyền thông',
      ],
      ['Kế hoạch số 01-KH/BCĐTW', 'Kế hoạch số một của Ban Chỉ đạo Trung ương'],
      ['Luật số 59/2020/QH14', 'Luật số năm mươi chín năm hai nghìn không trăm hai mươi của Quốc hội khóa mười bốn'],
    ])('%s → %s', (text, spoken) => {
      expect(say(text)).toBe(spoken);
    });

    it('reads a document number and its date in one sentence', () => {
      expect(say('Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị')).toBe(
        'Nghị quyết số năm mươi bảy ngày hai mươi hai tháng mười hai năm hai nghìn không trăm ' +
          'hai mươi tư của Bộ Chính trị',
      );
    });

    it('does not take a capitalised word after a dash for a code', () => {
      expect(say('Khóa 5 - Nghị quyết')).toBe('Khóa năm - Nghị quyết');
    });
  });

  describe('telephone numbers', () => {
    it.each([
      ['0912345678', 'Không chín một hai, ba bốn năm, sáu bảy tám'],
      ['0912 345 678', 'Không chín một hai, ba bốn năm, sáu bảy tám'],
      ['0207.3822.456', 'Không hai không bảy, ba tám hai hai, bốn năm sáu'],
      ['+84 912 345 678', 'Cộng tám bốn, chín một hai, ba bốn năm, sáu bảy tám'],
      ['1900 1234', 'Một chín không không, một hai ba bốn'],
      ['đường dây nóng 1022', 'đường dây nóng một không hai hai'],
      ['gọi số 113', 'gọi số một một ba'],
      ['ĐT: 0912 345 678', 'điện thoại: không chín một hai, ba bốn năm, sáu bảy tám'],
      ['Hotline: 1800.1091', 'đường dây nóng: một tám không không, một không chín một'],
    ])('%s → %s', (text, spoken) => {
      expect(say(text)).toBe(spoken);
    });

    it('does not read ordinary numbers after a phone word digit by digit', () => {
      expect(say('kêu gọi 100% cán bộ dùng điện thoại thông minh')).toBe(
        'kêu gọi một trăm phần trăm cán bộ dùng điện thoại thông minh',
      );
    });
  });

  describe('abbreviations', () => {
    it.each([
      ['KH&CN', 'khoa học và công nghệ'],
      ['ĐMST', 'đổi mới sáng tạo'],
      ['CĐS', 'chuyển đổi số'],
      ['UBND tỉnh', 'Ủy ban nhân dân tỉnh'],
      ['HĐND xã', 'Hội đồng nhân dân xã'],
      ['TP.Tuyên Quang', 'thành phố Tuyên Quang'],
      ['TP. Thanh Hóa', 'thành phố Thanh Hóa'],
      ['TT Phục vụ hành chính công', 'trung tâm Phục vụ hành chính công'],
      ['BCĐ tỉnh', 'Ban Chỉ đạo tỉnh'],
      ['UBMTTQ', 'Ủy ban Mặt trận Tổ quốc'],
      ['MTTQ', 'Mặt trận Tổ quốc'],
      ['THCS và THPT', 'trung học cơ sở và trung học phổ thông'],
      ['CNTT', 'công nghệ thông tin'],
      ['ứng dụng AI', 'ứng dụng trí tuệ nhân tạo'],
      ['Zalo OA', 'Da lô ô a'],
      ['VNeID', 'vê en e ai đi'],
      ['TTHC', 'thủ tục hành chính'],
      ['DVC trực tuyến', 'dịch vụ công trực tuyến'],
      ['NQ/TW', 'Nghị quyết Trung ương'],
      ['KHCN', 'khoa học công nghệ'],
      ['ĐVHC cấp xã', 'đơn vị hành chính cấp xã'],
      ['(UBND)', '(Ủy ban nhân dân)'],
      ['KH&CN, ĐMST và CĐS', 'khoa học và công nghệ, đổi mới sáng tạo và chuyển đổi số'],
      ['Sở TT&TT', 'Sở thông tin và truyền thông'],
      ['nông dân & doanh nghiệp', 'nông dân và doanh nghiệp'],
    ])('%s → %s', (text, spoken) => {
      expect(say(text)).toBe(spoken);
    });

    it('leaves unknown all-capital tokens and words that contain a key', () => {
      expect(say('chuẩn ISO, mã QR')).toBe('chuẩn ISO, mã QR');
      expect(say('KHAI MẠC TRAI HÈ')).toBe('KHAI MẠC TRAI HÈ');
    });

    it('takes extra readings from the options over the table', () => {
      expect(normaliseForSpeech('TT Văn hóa', { abbreviations: { TT: 'Trung tâm' } })).toBe('Trung tâm Văn hóa');
      expect(normaliseForSpeech('PCTT', { abbreviations: { PCTT: 'phòng chống thiên tai' } })).toBe(
        'phòng chống thiên tai',
      );
    });

    it('has a reading without digits for every key', () => {
      for (const [key, reading] of Object.entries(ABBREVIATIONS)) {
        expect({ key, reading }).toEqual({ key, reading: expect.stringMatching(/^[^\d]+$/u) });
      }
    });
  });

  describe('text as a whole', () => {
    it('returns NFC', () => {
      const decomposed = 'Ủy ban nhân dân'.normalize('NFD');
      expect(say(decomposed)).toBe('Ủy ban nhân dân'.normalize('NFC'));
      expect(say(decomposed)).not.toBe(decomposed);
    });

    it('keeps line breaks and tidies spaces', () => {
      expect(say('  UBND  xã (CĐS) ,  năm 2026 .\nDòng hai')).toBe(
        'Ủy ban nhân dân xã (chuyển đổi số), năm hai nghìn không trăm hai mươi sáu.\nDòng hai',
      );
    });

    it('changes nothing when run on its own output', () => {
      const bulletin =
        'Sáng 10/10/2026, UBND phường tổ chức hưởng ứng Ngày CĐS quốc gia; 100% hộ dân được hướng dẫn ' +
        'dùng VNeID, Zalo OA. Đường dây nóng 1022 hỗ trợ từ 7h30-17h. Quý II/2026 đạt ≥80% chỉ tiêu ' +
        'của Nghị quyết 57-NQ/TW, giai đoạn 2025–2030.';
      const once = say(bulletin);
      expect(once).not.toMatch(/\d/);
      expect(say(once)).toBe(once);
    });
  });
});
