/**
 * How abbreviations, brand names and letters are read aloud in a loudspeaker script.
 * Keys are matched case-sensitively as whole tokens; the longest key wins, so
 * "KH&CN" is read before "KH" and "TP.HCM" before "TP.".
 */
export const ABBREVIATIONS: Readonly<Record<string, string>> = {
  // Science, technology, innovation, digital transformation (Resolution 57-NQ/TW)
  'KH&CN': 'khoa học và công nghệ',
  KHCN: 'khoa học công nghệ',
  'KH,CN': 'khoa học, công nghệ',
  ĐMST: 'đổi mới sáng tạo',
  CĐS: 'chuyển đổi số',
  'KH&CĐS': 'khoa học và chuyển đổi số',
  'KHCN&ĐMST': 'khoa học công nghệ và đổi mới sáng tạo',
  CNTT: 'công nghệ thông tin',
  'TT&TT': 'thông tin và truyền thông',
  TTTT: 'thông tin và truyền thông',
  AI: 'trí tuệ nhân tạo',
  IoT: 'in tơ nét vạn vật',
  CSDL: 'cơ sở dữ liệu',
  TTĐT: 'thông tin điện tử',
  STEM: 'xtem',
  TFP: 'năng suất các nhân tố tổng hợp',
  GRDP: 'tổng sản phẩm trên địa bàn',
  GDP: 'tổng sản phẩm quốc nội',
  KOLs: 'những người có ảnh hưởng',
  KOL: 'người có ảnh hưởng',
  SKHCN: 'Sở Khoa học và Công nghệ',
  DN: 'doanh nghiệp',
  HTX: 'hợp tác xã',
  OCOP: 'ô cốp',
  'NQ/TW': 'Nghị quyết Trung ương',
  NQ: 'nghị quyết',
  BCĐ: 'Ban Chỉ đạo',
  TW: 'Trung ương',

  // Government and mass organisations
  UBND: 'Ủy ban nhân dân',
  HĐND: 'Hội đồng nhân dân',
  UBMTTQ: 'Ủy ban Mặt trận Tổ quốc',
  MTTQ: 'Mặt trận Tổ quốc',
  MTTQVN: 'Mặt trận Tổ quốc Việt Nam',
  BCH: 'Ban Chấp hành',
  VP: 'Văn phòng',
  ĐVHC: 'đơn vị hành chính',
  TTHC: 'thủ tục hành chính',
  DVC: 'dịch vụ công',
  DVCTT: 'dịch vụ công trực tuyến',
  CQNN: 'cơ quan nhà nước',
  CBCCVC: 'cán bộ, công chức, viên chức',
  'KT-XH': 'kinh tế - xã hội',
  CCCD: 'căn cước công dân',
  BHXH: 'bảo hiểm xã hội',
  BHYT: 'bảo hiểm y tế',
  'GD&ĐT': 'giáo dục và đào tạo',
  THCS: 'trung học cơ sở',
  THPT: 'trung học phổ thông',
  'TP.HCM': 'Thành phố Hồ Chí Minh',
  TPHCM: 'Thành phố Hồ Chí Minh',
  'TP.': 'thành phố',
  'Tp.': 'thành phố',
  TP: 'thành phố',
  // Districts and townships were abolished on 01/07/2025, so a bare "TT" in a 2026 bulletin is
  // "trung tâm" (e.g. "TT Phục vụ hành chính công"), not "thị trấn"; circulars carry a number.
  TT: 'trung tâm',
  PCT: 'phó chủ tịch',
  SĐT: 'số điện thoại',
  ĐT: 'điện thoại',
  'v.v.': 'vân vân',
  'b/c': 'báo cáo',
  'PT-TH': 'phát thanh - truyền hình',
  PTTH: 'phát thanh truyền hình',

  // Platforms, respelled so that a Vietnamese voice says them the way listeners do
  Zalo: 'Da lô',
  OA: 'ô a',
  VNeID: 'vê en e ai đi',
  Facebook: 'Phây búc',
  YouTube: 'Diu túp',
  Youtube: 'Diu túp',
  TikTok: 'Tích tóc',
  Tiktok: 'Tích tóc',
  Fanpage: 'phan pết',
  fanpage: 'phan pết',
  chatbot: 'chát bót',
  Internet: 'in tơ nét',
  Hotline: 'đường dây nóng',
  hotline: 'đường dây nóng',
  online: 'trực tuyến',
};

/** Units written after a number ("5 ha", "100.000đ"). */
export const UNITS: Readonly<Record<string, string>> = {
  km: 'ki lô mét',
  m: 'mét',
  m2: 'mét vuông',
  'm²': 'mét vuông',
  ha: 'héc ta',
  kg: 'ki lô gam',
  đ: 'đồng',
  VNĐ: 'đồng',
  VND: 'đồng',
  USD: 'đô la Mỹ',
  G: 'giê',
  GB: 'ghi ga bai',
  MB: 'mê ga bai',
};

/**
 * Letter names used to spell codes such as the "NQ/TW" of "57-NQ/TW". The short forms ("en", "em")
 * are the ones used when spelling an acronym aloud, not the names recited in school ("en nờ").
 */
export const LETTER_NAMES: Readonly<Record<string, string>> = {
  A: 'a',
  Ă: 'á',
  Â: 'ớ',
  B: 'bê',
  C: 'xê',
  D: 'dê',
  Đ: 'đê',
  E: 'e',
  Ê: 'ê',
  F: 'ép',
  G: 'giê',
  H: 'hát',
  I: 'i',
  J: 'gi',
  K: 'ca',
  L: 'e lờ',
  M: 'em',
  N: 'en',
  O: 'o',
  Ô: 'ô',
  Ơ: 'ơ',
  P: 'pê',
  Q: 'quy',
  R: 'e rờ',
  S: 'ét',
  T: 'tê',
  U: 'u',
  Ư: 'ư',
  V: 'vê',
  W: 'vê kép',
  X: 'ích',
  Y: 'i dài',
  Z: 'dét',
};

/** Segments of document codes that have a settled spoken form other than spelling letter by letter. */
export const CODE_SEGMENT_READINGS: Readonly<Record<string, string>> = {
  TW: 'tê vê',
};

/** Words after which a Roman numeral is a number ("Quý II", "Khóa XIV", "thế kỷ XXI"). */
export const ROMAN_NUMERAL_CONTEXTS: readonly string[] = [
  'quý',
  'khóa',
  'khoá',
  'đại hội',
  'hội nghị',
  'kỳ họp',
  'phần',
  'chương',
  'mục',
  'phụ lục',
  'thế kỷ',
  'giai đoạn',
  'lần thứ',
  'học kỳ',
  'tiểu mục',
];

/** Words after which a number is a telephone number, read digit by digit ("đường dây nóng 1022"). */
export const PHONE_CONTEXTS: readonly string[] = [
  'điện thoại',
  'số điện thoại',
  'SĐT',
  'ĐT',
  'đường dây nóng',
  'hotline',
  'tổng đài',
  'số máy',
  'gọi số',
  'gọi đến số',
  'gọi điện đến số',
  'nhắn tin đến số',
];

/**
 * Kinds of document in a document number ("57-NQ/TW", "662/KH-UBND", "30/2020/NĐ-CP"), as announcers
 * name them when the text gives only the number.
 */
export const DOCUMENT_TYPES: Readonly<Record<string, string>> = {
  NQ: 'Nghị quyết',
  NĐ: 'Nghị định',
  QĐ: 'Quyết định',
  TT: 'Thông tư',
  KH: 'Kế hoạch',
  CT: 'Chỉ thị',
  CTr: 'Chương trình',
  KL: 'Kết luận',
  HD: 'Hướng dẫn',
  TTr: 'Tờ trình',
  BC: 'Báo cáo',
  TB: 'Thông báo',
  CV: 'Công văn',
  QC: 'Quy chế',
  QĐi: 'Quy định',
  ĐA: 'Đề án',
  CĐ: 'Công điện',
};

/**
 * Issuing bodies in a document number, read as the body's name after "của". A key may name the kind of
 * document too ("NQ/TW": the Politburo's resolutions; other central Party documents are "Trung ương").
 */
export const DOCUMENT_ISSUERS: Readonly<Record<string, string>> = {
  'NQ/TW': 'Bộ Chính trị',
  TW: 'Trung ương',
  BCĐTW: 'Ban Chỉ đạo Trung ương',
  BCDTW: 'Ban Chỉ đạo Trung ương',
  BTGTW: 'Ban Tuyên giáo Trung ương',
  BTGDVTW: 'Ban Tuyên giáo và Dân vận Trung ương',
  VPTW: 'Văn phòng Trung ương Đảng',
  TU: 'Tỉnh ủy',
  ĐU: 'Đảng ủy',
  BTGTU: 'Ban Tuyên giáo Tỉnh ủy',
  BTGDVTU: 'Ban Tuyên giáo và Dân vận Tỉnh ủy',
  BCĐ: 'Ban Chỉ đạo',
  QH: 'Quốc hội',
  CP: 'Chính phủ',
  TTg: 'Thủ tướng Chính phủ',
  VPCP: 'Văn phòng Chính phủ',
  BTTTT: 'Bộ Thông tin và Truyền thông',
  BKHCN: 'Bộ Khoa học và Công nghệ',
  BNV: 'Bộ Nội vụ',
  BTC: 'Bộ Tài chính',
  BGDĐT: 'Bộ Giáo dục và Đào tạo',
  BVHTTDL: 'Bộ Văn hóa, Thể thao và Du lịch',
  BCA: 'Bộ Công an',
  UBND: 'Ủy ban nhân dân',
  HĐND: 'Hội đồng nhân dân',
  UBMTTQ: 'Ủy ban Mặt trận Tổ quốc',
  MTTQ: 'Mặt trận Tổ quốc',
  SKHCN: 'Sở Khoa học và Công nghệ',
  STTTT: 'Sở Thông tin và Truyền thông',
  SVHTTDL: 'Sở Văn hóa, Thể thao và Du lịch',
  SNV: 'Sở Nội vụ',
  VHXH: 'Phòng Văn hóa - Xã hội',
};

/** Written words that name a document before its number ("Kế hoạch hành động số 469-KH/TU"). */
export const DOCUMENT_WORDS: readonly string[] = [
  'nghị quyết',
  'nghị định',
  'quyết định',
  'thông tư',
  'kế hoạch',
  'kế hoạch hành động',
  'chỉ thị',
  'chương trình',
  'chương trình hành động',
  'kết luận',
  'hướng dẫn',
  'tờ trình',
  'báo cáo',
  'thông báo',
  'công văn',
  'quy chế',
  'quy định',
  'đề án',
  'công điện',
  'luật',
  'pháp lệnh',
];

/** How the parts of a web or e-mail address are read; any other part is read as written, or spelled when short. */
export const ADDRESS_PARTS: Readonly<Record<string, string>> = {
  www: 'vê kép vê kép vê kép',
  gov: 'gốp',
  vn: 'vê en',
  com: 'com',
  net: 'nét',
  org: 'o rờ gờ',
  edu: 'e đu',
  info: 'in phô',
  gmail: 'gờ meo',
  dichvucong: 'dịch vụ công',
  chinhphu: 'chính phủ',
  baochinhphu: 'báo chính phủ',
  tuyenquang: 'Tuyên Quang',
  hatinh: 'Hà Tĩnh',
  thanhhoa: 'Thanh Hóa',
  dongnai: 'Đồng Nai',
  quangngai: 'Quảng Ngãi',
  dakbla: 'Đăk Bla',
  vneid: 'vê en e ai đi',
};
