import { normaliseForSpeech } from './script-normaliser';

/*
 * Sentences taken from the five source plans (libs/demo/plans; the texts are in the seeds the plans were
 * transcribed from), some cut to the clause a bulletin would carry, a few turned into the announcement a
 * ward would air from the plan's task (the quiz, the festival, the portal). Each expected value is what
 * a Vietnamese announcer reads aloud, written by hand: document numbers with their issuing body,
 * "mùng" for days 1 to 10, Roman numerals as numbers, acronyms expanded, addresses spelled.
 */
type Row = [written: string, spoken: string];

const Y2024 = 'hai nghìn không trăm hai mươi tư';
const Y2025 = 'hai nghìn không trăm hai mươi lăm';
const Y2026 = 'hai nghìn không trăm hai mươi sáu';
const Y2030 = 'hai nghìn không trăm ba mươi';
const NQ57 = 'Nghị quyết số năm mươi bảy';
const NQ57_DATE = `${NQ57} ngày hai mươi hai tháng mười hai năm ${Y2024} của Bộ Chính trị`;

const HA_TINH: Row[] = [
  [
    'Tuyên truyền Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học, công nghệ.',
    `Tuyên truyền ${NQ57_DATE} về đột phá phát triển khoa học, công nghệ.`,
  ],
  [
    'Triển khai Nghị quyết số 71/NQ-CP ngày 01/4/2025 của Chính phủ.',
    `Triển khai Nghị quyết số bảy mươi mốt ngày mùng một tháng tư năm ${Y2025} của Chính phủ.`,
  ],
  [
    'Chương trình hành động số 42-CTr/TU ngày 10/4/2025 của Ban Thường vụ Tỉnh ủy.',
    `Chương trình hành động số bốn mươi hai ngày mùng mười tháng tư năm ${Y2025} của Ban Thường vụ Tỉnh ủy.`,
  ],
  [
    'Kế hoạch số 231/KH-UBND ngày 10/5/2025 của Ủy ban nhân dân tỉnh.',
    `Kế hoạch số hai trăm ba mươi mốt ngày mùng mười tháng năm năm ${Y2025} của Ủy ban nhân dân tỉnh.`,
  ],
  [
    'Ủy ban nhân dân tỉnh ban hành Kế hoạch tuyên truyền Nghị quyết số 57-NQ/TW như sau.',
    `Ủy ban nhân dân tỉnh ban hành Kế hoạch tuyên truyền ${NQ57} của Bộ Chính trị như sau.`,
  ],
  [
    'Các văn bản liên quan của Quốc hội, Chính phủ, Tỉnh ủy và UBND tỉnh.',
    'Các văn bản liên quan của Quốc hội, Chính phủ, Tỉnh ủy và Ủy ban nhân dân tỉnh.',
  ],
  [
    'Đẩy mạnh chuyển đổi số, nhất là công nghệ số, trí tuệ nhân tạo (AI), đổi mới sáng tạo.',
    'Đẩy mạnh chuyển đổi số, nhất là công nghệ số, trí tuệ nhân tạo, đổi mới sáng tạo.',
  ],
  [
    'Nghị quyết số 09-NQ/TU, ngày 03/02/2015 của Ban Chấp hành Đảng bộ tỉnh.',
    'Nghị quyết số chín, ngày mùng ba tháng hai năm hai nghìn không trăm mười lăm của Ban Chấp hành Đảng bộ tỉnh.',
  ],
  [
    'Nghị quyết số 05-NQ/TU, ngày 22/10/2021 về chuyển đổi số tỉnh Hà Tĩnh giai đoạn 2021 - 2025, định hướng đến năm 2030.',
    'Nghị quyết số năm, ngày hai mươi hai tháng mười năm hai nghìn không trăm hai mươi mốt của Tỉnh ủy về chuyển đổi ' +
      `số tỉnh Hà Tĩnh giai đoạn hai nghìn không trăm hai mươi mốt đến ${Y2025}, định hướng đến năm ${Y2030}.`,
  ],
  [
    'Nghị quyết số 193/2025/QH15, ngày 19/02/2025 của Quốc hội.',
    `Nghị quyết số một trăm chín mươi ba năm ${Y2025}, ngày mười chín tháng hai năm ${Y2025} của Quốc hội.`,
  ],
  [
    'Thí điểm cơ chế theo Nghị quyết số 193/2025/QH15.',
    `Thí điểm cơ chế theo Nghị quyết số một trăm chín mươi ba năm ${Y2025} của Quốc hội khóa mười lăm.`,
  ],
  [
    'Thực hiện Nghị quyết số 71/NQ-CP và Chương trình hành động số 42-CTr/TU.',
    'Thực hiện Nghị quyết số bảy mươi mốt của Chính phủ và Chương trình hành động số bốn mươi hai của Tỉnh ủy.',
  ],
  [
    'Kế hoạch số 231/KH-UBND về đột phá phát triển khoa học, công nghệ.',
    'Kế hoạch số hai trăm ba mươi mốt của Ủy ban nhân dân về đột phá phát triển khoa học, công nghệ.',
  ],
  [
    'Khai thác ứng dụng trí tuệ nhân tạo, chatbot AI để hỗ trợ về chuyển đổi số.',
    'Khai thác ứng dụng trí tuệ nhân tạo, chát bót trí tuệ nhân tạo để hỗ trợ về chuyển đổi số.',
  ],
  [
    'Tiếp tục tuyên truyền, phổ biến thực hiện Nghị quyết số 57/NQ-TW đến toàn thể cán bộ, đảng viên.',
    `Tiếp tục tuyên truyền, phổ biến thực hiện ${NQ57} của Bộ Chính trị đến toàn thể cán bộ, đảng viên.`,
  ],
  [
    'Tổng hợp báo cáo UBND tỉnh kết quả triển khai thực hiện Kế hoạch này.',
    'Tổng hợp báo cáo Ủy ban nhân dân tỉnh kết quả triển khai thực hiện Kế hoạch này.',
  ],
  [
    'Lợi dụng việc triển khai thực hiện Nghị quyết 57-NQ/TW để hạ thấp mục đích, ý nghĩa.',
    `Lợi dụng việc triển khai thực hiện ${NQ57} của Bộ Chính trị để hạ thấp mục đích, ý nghĩa.`,
  ],
  [
    'Tuyên truyền thường xuyên về Nghị quyết 57-NQ/TW, Nghị quyết 71/NQ-CP và Chương trình hành động 42-CTr/TU.',
    `Tuyên truyền thường xuyên về ${NQ57} của Bộ Chính trị, Nghị quyết số bảy mươi mốt của Chính phủ và ` +
      'Chương trình hành động số bốn mươi hai của Tỉnh ủy.',
  ],
  ['Báo Hà Tĩnh hoàn thành trong tháng 8/2025.', `Báo Hà Tĩnh hoàn thành trong tháng tám năm ${Y2025}.`],
  ['Báo Hà Tĩnh hoàn thành 8/2025.', `Báo Hà Tĩnh hoàn thành tháng tám năm ${Y2025}.`],
  ['Chủ tịch, các PCT UBND tỉnh.', 'Chủ tịch, các phó chủ tịch Ủy ban nhân dân tỉnh.'],
  ['UBND các xã, phường sau sắp xếp.', 'Ủy ban nhân dân các xã, phường sau sắp xếp.'],
  ['Thường trực HĐND tỉnh.', 'Thường trực Hội đồng nhân dân tỉnh.'],
  [
    'Sở KH&CN phối hợp với Sở Văn hóa, Thể thao và Du lịch.',
    'Sở khoa học và công nghệ phối hợp với Sở Văn hóa, Thể thao và Du lịch.',
  ],
  [
    'Hỏi đáp về ứng dụng các nền tảng số, ứng dụng số thông dụng trên Cổng TTĐT tỉnh.',
    'Hỏi đáp về ứng dụng các nền tảng số, ứng dụng số thông dụng trên Cổng thông tin điện tử tỉnh.',
  ],
  [
    'Tin, bài trên hệ thống truyền thanh cơ sở của 100% xã, phường.',
    'Tin, bài trên hệ thống truyền thanh cơ sở của một trăm phần trăm xã, phường.',
  ],
  [
    'Tuyên truyền trên màn hình LED, pano, áp phích tại 69 xã, phường.',
    'Tuyên truyền trên màn hình LED, pano, áp phích tại sáu mươi chín xã, phường.',
  ],
  [
    'Phát triển hạ tầng số, phủ sóng 5G tại các khu công nghiệp.',
    'Phát triển hạ tầng số, phủ sóng năm giê tại các khu công nghiệp.',
  ],
  [
    'Ứng dụng IoT trong sản xuất nông nghiệp thông minh.',
    'Ứng dụng in tơ nét vạn vật trong sản xuất nông nghiệp thông minh.',
  ],
  [
    'Cách mạng công nghiệp 4.0 mở ra cơ hội cho doanh nghiệp.',
    'Cách mạng công nghiệp bốn chấm không mở ra cơ hội cho doanh nghiệp.',
  ],
];

const THANH_HOA: Row[] = [
  [
    'Phê duyệt Kế hoạch tuyên truyền Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị.',
    `Phê duyệt Kế hoạch tuyên truyền ${NQ57_DATE}.`,
  ],
  [
    'Căn cứ Luật tổ chức chính quyền địa phương ngày 16/6/2025.',
    `Căn cứ Luật tổ chức chính quyền địa phương ngày mười sáu tháng sáu năm ${Y2025}.`,
  ],
  [
    'Căn cứ Nghị quyết số 71/NQ-CP ngày 01 tháng 4 năm 2025 của Chính phủ.',
    `Căn cứ Nghị quyết số bảy mươi mốt ngày mùng một tháng tư năm ${Y2025} của Chính phủ.`,
  ],
  ['Nghị quyết số 57-NQ/TW ngày 22 tháng 12 năm 2024 của Bộ Chính trị.', `${NQ57_DATE}.`],
  [
    'Căn cứ Quyết định số 1169/QĐ-TTg ngày 16/6/2025 của Thủ tướng Chính phủ.',
    `Căn cứ Quyết định số một nghìn một trăm sáu mươi chín ngày mười sáu tháng sáu năm ${Y2025} của Thủ tướng Chính phủ.`,
  ],
  [
    'Theo đề nghị của Sở Khoa học và Công nghệ tại Tờ trình số 2914/TTr - SKHCN ngày 26 tháng 9 năm 2025.',
    'Theo đề nghị của Sở Khoa học và Công nghệ tại Tờ trình số hai nghìn chín trăm mười bốn ngày hai mươi sáu ' +
      `tháng chín năm ${Y2025} của Sở Khoa học và Công nghệ.`,
  ],
  [
    'Tăng cường truyền thông Nghị quyết số 57-NQ/TW tại các doanh nghiệp.',
    `Tăng cường truyền thông ${NQ57} của Bộ Chính trị tại các doanh nghiệp.`,
  ],
  [
    'UBND các xã, phường theo chức năng, nhiệm vụ, quyền hạn xây dựng kế hoạch.',
    'Ủy ban nhân dân các xã, phường theo chức năng, nhiệm vụ, quyền hạn xây dựng kế hoạch.',
  ],
  [
    'Tổng hợp báo cáo Chủ tịch UBND tỉnh trước ngày 20/6 và trước ngày 20/12 hằng năm.',
    'Tổng hợp báo cáo Chủ tịch Ủy ban nhân dân tỉnh trước ngày hai mươi tháng sáu và trước ngày hai mươi tháng ' +
      'mười hai hằng năm.',
  ],
  [
    'Lồng ghép tuyên truyền vào các cuộc vận động và phong trào thi đua do MTTQ chủ trì.',
    'Lồng ghép tuyên truyền vào các cuộc vận động và phong trào thi đua do Mặt trận Tổ quốc chủ trì.',
  ],
  [
    'Đưa nội dung giám sát việc triển khai Nghị quyết 57-NQ/TW vào chương trình giám sát hằng năm của MTTQ tỉnh.',
    `Đưa nội dung giám sát việc triển khai ${NQ57} của Bộ Chính trị vào chương trình giám sát hằng năm của Mặt trận ` +
      'Tổ quốc tỉnh.',
  ],
  ['Chánh Văn phòng UBND tỉnh.', 'Chánh Văn phòng Ủy ban nhân dân tỉnh.'],
  [
    'Chủ tịch UBND các xã, phường và Thủ trưởng các cơ quan liên quan.',
    'Chủ tịch Ủy ban nhân dân các xã, phường và Thủ trưởng các cơ quan liên quan.',
  ],
  [
    'Kế hoạch số 266-KH/TU ngày 26/4/2024 của Ban Thường vụ Tỉnh ủy.',
    `Kế hoạch số hai trăm sáu mươi sáu ngày hai mươi sáu tháng tư năm ${Y2024} của Ban Thường vụ Tỉnh ủy.`,
  ],
  ['Thực hiện theo Kế hoạch số 266-KH/TU.', 'Thực hiện theo Kế hoạch số hai trăm sáu mươi sáu của Tỉnh ủy.'],
  ['Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/ 2024 của Bộ Chính trị.', `Căn cứ ${NQ57_DATE}.`],
  ['Quyết định này có hiệu lực kể từ ngày ký.', 'Quyết định này có hiệu lực kể từ ngày ký.'],
  [
    'Báo cáo UBND tỉnh kết quả thực hiện trước ngày 20/12/2025.',
    `Báo cáo Ủy ban nhân dân tỉnh kết quả thực hiện trước ngày hai mươi tháng mười hai năm ${Y2025}.`,
  ],
  [
    'Nhiệm vụ 1.1 do Sở Khoa học và Công nghệ chủ trì, thực hiện hằng năm.',
    'Nhiệm vụ một chấm một do Sở Khoa học và Công nghệ chủ trì, thực hiện hằng năm.',
  ],
  [
    'Xây dựng tài liệu tuyên truyền Nghị quyết số 57-NQ/TW riêng cho từng đối tượng.',
    `Xây dựng tài liệu tuyên truyền ${NQ57} của Bộ Chính trị riêng cho từng đối tượng.`,
  ],
  [
    'Ủy ban MTTQ Việt Nam tỉnh và các tổ chức chính trị - xã hội.',
    'Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh và các tổ chức chính trị - xã hội.',
  ],
  [
    'Đẩy mạnh ứng dụng CNTT trong hoạt động của cơ quan nhà nước.',
    'Đẩy mạnh ứng dụng công nghệ thông tin trong hoạt động của cơ quan nhà nước.',
  ],
  [
    'Thực hiện Quyết định số 1169/QĐ-TTg đến năm 2030.',
    `Thực hiện Quyết định số một nghìn một trăm sáu mươi chín của Thủ tướng Chính phủ đến năm ${Y2030}.`,
  ],
  ['Thường trực HĐND tỉnh (để b/c).', 'Thường trực Hội đồng nhân dân tỉnh (để báo cáo).'],
  [
    'Các sở, ban, ngành báo cáo UBND tỉnh qua Sở Văn hóa, Thể thao và Du lịch trước ngày 15/6.',
    'Các sở, ban, ngành báo cáo Ủy ban nhân dân tỉnh qua Sở Văn hóa, Thể thao và Du lịch trước ngày mười lăm tháng sáu.',
  ],
  [
    'Đài Phát thanh và Truyền hình tỉnh mở chuyên mục về KH&CN, ĐMST và CĐS.',
    'Đài Phát thanh và Truyền hình tỉnh mở chuyên mục về khoa học và công nghệ, đổi mới sáng tạo và chuyển đổi số.',
  ],
  [
    'Phối hợp với Báo Thanh Hóa, Đài PT-TH tỉnh thực hiện 12 số chuyên đề.',
    'Phối hợp với Báo Thanh Hóa, Đài phát thanh - truyền hình tỉnh thực hiện mười hai số chuyên đề.',
  ],
  [
    'Tổ chức 02 hội nghị quán triệt cho cán bộ chủ chốt trong quý IV.',
    'Tổ chức hai hội nghị quán triệt cho cán bộ chủ chốt trong quý bốn.',
  ],
  ['Các DN, HTX được hướng dẫn chuyển đổi số.', 'Các doanh nghiệp, hợp tác xã được hướng dẫn chuyển đổi số.'],
  [
    'Sản phẩm OCOP được giới thiệu trên sàn thương mại điện tử.',
    'Sản phẩm ô cốp được giới thiệu trên sàn thương mại điện tử.',
  ],
];

const DONG_NAI: Row[] = [
  [
    'Đẩy mạnh tuyên truyền thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị.',
    `Đẩy mạnh tuyên truyền thực hiện ${NQ57_DATE}.`,
  ],
  [
    'Kế hoạch số 01-KH/BCĐTW ngày 21/03/2025 của Ban Chỉ đạo Trung ương.',
    `Kế hoạch số một ngày hai mươi mốt tháng ba năm ${Y2025} của Ban Chỉ đạo Trung ương.`,
  ],
  [
    'Căn cứ Hướng dẫn số 186-HD/BTGTW ngày 10/01/2025 của Ban Tuyên giáo Trung ương.',
    `Căn cứ Hướng dẫn số một trăm tám mươi sáu ngày mùng mười tháng một năm ${Y2025} của Ban Tuyên giáo Trung ương.`,
  ],
  [
    'Triển khai phong trào “Bình dân học vụ số” theo Kế hoạch số 01-KH/BCDTW.',
    'Triển khai phong trào “Bình dân học vụ số” theo Kế hoạch số một của Ban Chỉ đạo Trung ương.',
  ],
  [
    'Kế hoạch hành động số 469-KH/TU ngày 16/5/2025 của Ban Thường vụ Tỉnh ủy.',
    `Kế hoạch hành động số bốn trăm sáu mươi chín ngày mười sáu tháng năm năm ${Y2025} của Ban Thường vụ Tỉnh ủy.`,
  ],
  [
    'Viết tắt là Nghị quyết số 57-NQ/TW, Kế hoạch số 01-KH/BCĐTW, Kế hoạch số 469-KH/TU.',
    `Viết tắt là ${NQ57} của Bộ Chính trị, Kế hoạch số một của Ban Chỉ đạo Trung ương, Kế hoạch số bốn trăm sáu ` +
      'mươi chín của Tỉnh ủy.',
  ],
  [
    'Ban Tuyên giáo và Dân vận Tỉnh ủy hướng dẫn tuyên truyền như sau.',
    'Ban Tuyên giáo và Dân vận Tỉnh ủy hướng dẫn tuyên truyền như sau.',
  ],
  [
    'Tháo gỡ những điểm nghẽn, rào cản về thể chế để Nghị quyết số 57-NQ/TW đi vào cuộc sống.',
    `Tháo gỡ những điểm nghẽn, rào cản về thể chế để ${NQ57} của Bộ Chính trị đi vào cuộc sống.`,
  ],
  [
    'Nâng cao đóng góp của chỉ số TFP trong tăng trưởng GRDP của địa phương.',
    'Nâng cao đóng góp của chỉ số năng suất các nhân tố tổng hợp trong tăng trưởng tổng sản phẩm trên địa bàn của ' +
      'địa phương.',
  ],
  [
    'Hướng dẫn cho mọi người dân cài đặt và sử dụng ứng dụng VNeID, Cổng dịch vụ công quốc gia.',
    'Hướng dẫn cho mọi người dân cài đặt và sử dụng ứng dụng vê en e ai đi, Cổng dịch vụ công quốc gia.',
  ],
  [
    'Tuyên truyền, hưởng ứng Ngày Chuyển đổi số quốc gia 10/10 hằng năm.',
    'Tuyên truyền, hưởng ứng Ngày Chuyển đổi số quốc gia mùng mười tháng mười hằng năm.',
  ],
  [
    'Tuyên truyền về lịch sử, ý nghĩa của Ngày chuyển đổi số quốc gia 10/10.',
    'Tuyên truyền về lịch sử, ý nghĩa của Ngày chuyển đổi số quốc gia mùng mười tháng mười.',
  ],
  [
    'Tổ chức “Ngày hội toàn dân học tập số” vào ngày 10/10 hàng năm.',
    'Tổ chức “Ngày hội toàn dân học tập số” vào ngày mùng mười tháng mười hàng năm.',
  ],
  ['Hưởng ứng Ngày Chuyển đổi số quốc gia 10-10.', 'Hưởng ứng Ngày Chuyển đổi số quốc gia mùng mười tháng mười.'],
  [
    'Nhân dịp 10.10, các phường ra quân hướng dẫn người dân.',
    'Nhân dịp ngày mùng mười tháng mười, các phường ra quân hướng dẫn người dân.',
  ],
  [
    'Sáng 10-10, Ban Tuyên giáo và Dân vận Tỉnh ủy phát động phong trào.',
    'Sáng ngày mùng mười tháng mười, Ban Tuyên giáo và Dân vận Tỉnh ủy phát động phong trào.',
  ],
  [
    'Đề nghị Đảng ủy UBND tỉnh chỉ đạo UBND tỉnh.',
    'Đề nghị Đảng ủy Ủy ban nhân dân tỉnh chỉ đạo Ủy ban nhân dân tỉnh.',
  ],
  [
    'Báo cáo kết quả về Ban Tuyên giáo Tỉnh ủy trước ngày 25/11/2025.',
    `Báo cáo kết quả về Ban Tuyên giáo Tỉnh ủy trước ngày hai mươi lăm tháng mười một năm ${Y2025}.`,
  ],
  ['Ủy ban MTTQ Việt Nam tỉnh.', 'Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh.'],
  [
    'Tuyên truyền trên Facebook, Zalo, YouTube của các cơ quan, đơn vị.',
    'Tuyên truyền trên Phây búc, Da lô, Diu túp của các cơ quan, đơn vị.',
  ],
  [
    'Kế hoạch số 01-KH/BCDTW của Ban Chỉ đạo Trung ương, Kế hoạch hành động số 469-KH/TU của Ban Thường vụ Tỉnh ủy.',
    'Kế hoạch số một của Ban Chỉ đạo Trung ương, Kế hoạch hành động số bốn trăm sáu mươi chín của Ban Thường vụ Tỉnh ủy.',
  ],
  [
    'Phổ cập kỹ năng số cơ bản cho người dân thông qua ứng dụng AI.',
    'Phổ cập kỹ năng số cơ bản cho người dân thông qua ứng dụng trí tuệ nhân tạo.',
  ],
  [
    'Phấn đấu ≥80% người dân trưởng thành có kỹ năng số cơ bản.',
    'Phấn đấu ít nhất tám mươi phần trăm người dân trưởng thành có kỹ năng số cơ bản.',
  ],
  [
    'Tỷ lệ hồ sơ trực tuyến toàn trình đạt ≥ 50%.',
    'Tỷ lệ hồ sơ trực tuyến toàn trình đạt từ năm mươi phần trăm trở lên.',
  ],
  ['Tỷ lệ hồ sơ trễ hạn ≤ 2% tổng số hồ sơ.', 'Tỷ lệ hồ sơ trễ hạn không quá hai phần trăm tổng số hồ sơ.'],
  [
    'Đoàn viên thanh niên hỗ trợ người dân tại 95 khu phố, ấp.',
    'Đoàn viên thanh niên hỗ trợ người dân tại chín mươi lăm khu phố, ấp.',
  ],
  [
    'Tổ công nghệ số cộng đồng hướng dẫn dùng dịch vụ công trực tuyến và thanh toán không dùng tiền mặt.',
    'Tổ công nghệ số cộng đồng hướng dẫn dùng dịch vụ công trực tuyến và thanh toán không dùng tiền mặt.',
  ],
  [
    'Hướng dẫn người dân đăng ký tài khoản định danh điện tử mức độ 2.',
    'Hướng dẫn người dân đăng ký tài khoản định danh điện tử mức độ hai.',
  ],
  [
    'Ban Tuyên giáo và Dân vận Tỉnh ủy theo dõi, báo cáo Ban Thường vụ Tỉnh ủy.',
    'Ban Tuyên giáo và Dân vận Tỉnh ủy theo dõi, báo cáo Ban Thường vụ Tỉnh ủy.',
  ],
  [
    'Thời gian hoàn thành trước ngày 25/11/2025.',
    `Thời gian hoàn thành trước ngày hai mươi lăm tháng mười một năm ${Y2025}.`,
  ],
];

const TUYEN_QUANG: Row[] = [
  [
    'Triển khai công tác truyền thông thực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị đến năm 2030.',
    `Triển khai công tác truyền thông thực hiện ${NQ57} của Bộ Chính trị đến năm ${Y2030}.`,
  ],
  [
    'Căn cứ Quyết định số 1169/QĐ-TTg ngày 16/6/2025 của Thủ tướng Chính phủ phê duyệt Chương trình.',
    `Căn cứ Quyết định số một nghìn một trăm sáu mươi chín ngày mười sáu tháng sáu năm ${Y2025} của Thủ tướng ` +
      'Chính phủ phê duyệt Chương trình.',
  ],
  [
    'Chương trình “Đẩy mạnh truyền thông thực hiện Nghị quyết số 57- NQ/TW đến năm 2030”.',
    `Chương trình “Đẩy mạnh truyền thông thực hiện ${NQ57} của Bộ Chính trị đến năm ${Y2030}”.`,
  ],
  [
    'Căn cứ Kế hoạch số 01- KH/BCĐTW ngày 02/6/2025 của Ban Chỉ đạo Trung ương.',
    `Căn cứ Kế hoạch số một ngày mùng hai tháng sáu năm ${Y2025} của Ban Chỉ đạo Trung ương.`,
  ],
  [
    'Căn cứ Kế hoạch số 24- KH/TU ngày 11/8/2025 của Ban Chấp hành Đảng bộ tỉnh.',
    `Căn cứ Kế hoạch số hai mươi tư ngày mười một tháng tám năm ${Y2025} của Ban Chấp hành Đảng bộ tỉnh.`,
  ],
  [
    'Căn cứ Kế hoạch số 04-KH/BCĐ ngày 12/3/2026 của Ban Chỉ đạo.',
    `Căn cứ Kế hoạch số bốn ngày mười hai tháng ba năm ${Y2026} của Ban Chỉ đạo.`,
  ],
  [
    'Thực hiện Kế hoạch số 04-KH/BCĐ về phát triển khoa học, công nghệ tỉnh Tuyên Quang.',
    'Thực hiện Kế hoạch số bốn của Ban Chỉ đạo về phát triển khoa học, công nghệ tỉnh Tuyên Quang.',
  ],
  [
    'Cụ thể hóa các nhiệm vụ truyền thông năm 2026 theo Quyết định số 1169/QĐ-TTg.',
    `Cụ thể hóa các nhiệm vụ truyền thông năm ${Y2026} theo Quyết định số một nghìn một trăm sáu mươi chín của ` +
      'Thủ tướng Chính phủ.',
  ],
  [
    '100% lãnh đạo, cán bộ, công chức, viên chức trong cơ quan nhà nước được tuyên truyền, phổ biến.',
    'Một trăm phần trăm lãnh đạo, cán bộ, công chức, viên chức trong cơ quan nhà nước được tuyên truyền, phổ biến.',
  ],
  [
    '100% cơ quan báo chí truyền thông xây dựng các chuyên trang, chuyên mục.',
    'Một trăm phần trăm cơ quan báo chí truyền thông xây dựng các chuyên trang, chuyên mục.',
  ],
  [
    'Cung cấp kịp thời 100% nội dung chỉ đạo của Ban Chỉ đạo.',
    'Cung cấp kịp thời một trăm phần trăm nội dung chỉ đạo của Ban Chỉ đạo.',
  ],
  [
    'Ít nhất 80% người dân tiếp cận thông tin thông qua hệ thống thông tin cơ sở.',
    'Ít nhất tám mươi phần trăm người dân tiếp cận thông tin thông qua hệ thống thông tin cơ sở.',
  ],
  [
    'Ít nhất 70% cán bộ làm công tác thông tin cơ sở được đào tạo chuyên sâu.',
    'Ít nhất bảy mươi phần trăm cán bộ làm công tác thông tin cơ sở được đào tạo chuyên sâu.',
  ],
  [
    'Đến năm 2030, ≥80% người dân tiếp cận thông tin qua hệ thống thông tin cơ sở.',
    `Đến năm ${Y2030}, ít nhất tám mươi phần trăm người dân tiếp cận thông tin qua hệ thống thông tin cơ sở.`,
  ],
  [
    'Đến năm 2030, ≥70% cán bộ truyền thông được đào tạo.',
    `Đến năm ${Y2030}, ít nhất bảy mươi phần trăm cán bộ truyền thông được đào tạo.`,
  ],
  [
    'Tỷ lệ cán bộ truyền thông được đào tạo đạt ≥70%.',
    'Tỷ lệ cán bộ truyền thông được đào tạo đạt từ bảy mươi phần trăm trở lên.',
  ],
  [
    'Ngày Khoa học và Công nghệ Việt Nam (18/5), Ngày hội Đổi mới sáng tạo quốc gia (01/10), Ngày Chuyển đổi số quốc gia (10/10).',
    'Ngày Khoa học và Công nghệ Việt Nam (mười tám tháng năm), Ngày hội Đổi mới sáng tạo quốc gia (mùng một tháng ' +
      'mười), Ngày Chuyển đổi số quốc gia (mùng mười tháng mười).',
  ],
  [
    'Thường xuyên trong năm 2026; cao điểm vào quý II và quý III năm 2026.',
    `Thường xuyên trong năm ${Y2026}; cao điểm vào quý hai và quý ba năm ${Y2026}.`,
  ],
  ['Thời gian thực hiện: Quý II năm 2026.', `Thời gian thực hiện: Quý hai năm ${Y2026}.`],
  ['Thời gian thực hiện: Quý III năm 2026.', `Thời gian thực hiện: Quý ba năm ${Y2026}.`],
  ['Thời gian thực hiện: Tháng 10 năm 2026.', `Thời gian thực hiện: Tháng mười năm ${Y2026}.`],
  [
    'Cuộc thi trực tuyến tổ chức vào tháng 6 và tháng 9 năm 2026.',
    `Cuộc thi trực tuyến tổ chức vào tháng sáu và tháng chín năm ${Y2026}.`,
  ],
  [
    'Xây dựng nội dung tuyên truyền trọng tâm theo từng giai đoạn (cao điểm quý III năm 2026).',
    `Xây dựng nội dung tuyên truyền trọng tâm theo từng giai đoạn (cao điểm quý ba năm ${Y2026}).`,
  ],
  [
    'Phối hợp với người có ảnh hưởng (KOL), lực lượng truyền thông xã hội (KOLs).',
    'Phối hợp với người có ảnh hưởng, lực lượng truyền thông xã hội (những người có ảnh hưởng).',
  ],
  [
    'Các chủ trang mạng xã hội, Tiktok, Fanpage, KOLs trên địa bàn tỉnh.',
    'Các chủ trang mạng xã hội, Tích tóc, phan pết, những người có ảnh hưởng trên địa bàn tỉnh.',
  ],
  [
    'Phối hợp với các KOL lan tỏa thông tin về chuyển đổi số.',
    'Phối hợp với các người có ảnh hưởng lan tỏa thông tin về chuyển đổi số.',
  ],
  [
    'Xây dựng các chuyên mục trên Cổng Thông tin điện tử tỉnh và các trang thông tin điện tử.',
    'Xây dựng các chuyên mục trên Cổng Thông tin điện tử tỉnh và các trang thông tin điện tử.',
  ],
  [
    'Văn phòng UBND tỉnh chỉ đạo Trung tâm Thông tin - Hội nghị.',
    'Văn phòng Ủy ban nhân dân tỉnh chỉ đạo Trung tâm Thông tin - Hội nghị.',
  ],
  ['Gắn với tuyên truyền phát triển KT-XH của tỉnh.', 'Gắn với tuyên truyền phát triển kinh tế - xã hội của tỉnh.'],
  ['Lãnh đạo VP UBND tỉnh.', 'Lãnh đạo Văn phòng Ủy ban nhân dân tỉnh.'],
  ['Chủ tịch, PCT UBND tỉnh.', 'Chủ tịch, phó chủ tịch Ủy ban nhân dân tỉnh.'],
  [
    'Kết hợp truyền thông bằng tiếng Việt và tiếng dân tộc trên hệ thống truyền thanh cấp xã.',
    'Kết hợp truyền thông bằng tiếng Việt và tiếng dân tộc trên hệ thống truyền thanh cấp xã.',
  ],
  [
    'Cuộc thi trực tuyến diễn ra từ 01/6 đến 30/6/2026.',
    `Cuộc thi trực tuyến diễn ra từ ngày mùng một tháng sáu đến ngày ba mươi tháng sáu năm ${Y2026}.`,
  ],
  [
    'Đợt hai của cuộc thi diễn ra từ ngày 01/9 đến ngày 30/9/2026.',
    `Đợt hai của cuộc thi diễn ra từ ngày mùng một tháng chín đến ngày ba mươi tháng chín năm ${Y2026}.`,
  ],
  [
    'Liên hoan truyền thông diễn ra từ 8-10/10/2026 tại Trung tâm Hội nghị tỉnh.',
    `Liên hoan truyền thông diễn ra từ ngày mùng tám đến ngày mùng mười tháng mười năm ${Y2026} tại Trung tâm ` +
      'Hội nghị tỉnh.',
  ],
  [
    'Lớp tập huấn kỹ năng truyền thông khai giảng lúc 7h30 ngày 15/5/2026.',
    `Lớp tập huấn kỹ năng truyền thông khai giảng lúc bảy giờ ba mươi phút ngày mười lăm tháng năm năm ${Y2026}.`,
  ],
  [
    'Hội nghị bắt đầu từ 8h00 đến 11h30 sáng 18/9.',
    'Hội nghị bắt đầu từ tám giờ đến mười một giờ ba mươi phút sáng ngày mười tám tháng chín.',
  ],
  [
    'Thông tin chi tiết đăng trên Cổng Thông tin điện tử tỉnh tại địa chỉ tuyenquang.gov.vn.',
    'Thông tin chi tiết đăng trên Cổng Thông tin điện tử tỉnh tại địa chỉ Tuyên Quang chấm gốp chấm vê en.',
  ],
  [
    'Bà con truy cập https://tuyenquang.gov.vn/cuoc-thi-57 để dự thi.',
    'Bà con truy cập Tuyên Quang chấm gốp chấm vê en để dự thi.',
  ],
  [
    'Bài dự thi gửi về hộp thư skhcn@tuyenquang.gov.vn trước ngày 30/6.',
    'Bài dự thi gửi về hộp thư ét ca hát xê en a còng Tuyên Quang chấm gốp chấm vê en trước ngày ba mươi tháng sáu.',
  ],
  [
    'Nộp hồ sơ trực tuyến tại www.dichvucong.gov.vn.',
    'Nộp hồ sơ trực tuyến tại vê kép vê kép vê kép chấm dịch vụ công chấm gốp chấm vê en.',
  ],
  [
    'Hội thảo chuyên đề tổ chức trong quý III với 200 đại biểu.',
    'Hội thảo chuyên đề tổ chức trong quý ba với hai trăm đại biểu.',
  ],
  [
    'Tập huấn cho 1.200 cán bộ thông tin cơ sở trong quý II.',
    'Tập huấn cho một nghìn hai trăm cán bộ thông tin cơ sở trong quý hai.',
  ],
  [
    'Kinh phí thực hiện khoảng 1,5 tỷ đồng từ ngân sách nhà nước.',
    'Kinh phí thực hiện khoảng một phẩy năm tỷ đồng từ ngân sách nhà nước.',
  ],
  [
    'Giai đoạn 2026–2030, tỉnh tập trung phát triển hạ tầng số.',
    `Giai đoạn ${Y2026} đến ${Y2030}, tỉnh tập trung phát triển hạ tầng số.`,
  ],
  ['Học sinh học kỳ II được tìm hiểu về giáo dục STEM.', 'Học sinh học kỳ hai được tìm hiểu về giáo dục xtem.'],
  [
    'Đại hội Đảng bộ tỉnh lần thứ XVIII đã xác định chuyển đổi số là đột phá.',
    'Đại hội Đảng bộ tỉnh lần thứ mười tám đã xác định chuyển đổi số là đột phá.',
  ],
  [
    'Ngày 18/5/2026, tỉnh tổ chức Ngày Khoa học và Công nghệ Việt Nam.',
    `Ngày mười tám tháng năm năm ${Y2026}, tỉnh tổ chức Ngày Khoa học và Công nghệ Việt Nam.`,
  ],
  [
    'Sáng 01/10, tỉnh hưởng ứng Ngày hội Đổi mới sáng tạo quốc gia.',
    'Sáng ngày mùng một tháng mười, tỉnh hưởng ứng Ngày hội Đổi mới sáng tạo quốc gia.',
  ],
  [
    'Tuần lễ hưởng ứng diễn ra từ 04/10 đến 10/10/2026.',
    `Tuần lễ hưởng ứng diễn ra từ ngày mùng bốn tháng mười đến ngày mùng mười tháng mười năm ${Y2026}.`,
  ],
  [
    'Theo Thông tư 39/2020/TT-BTTTT, đài truyền thanh cấp xã ứng dụng công nghệ thông tin - viễn thông.',
    'Theo Thông tư số ba mươi chín năm hai nghìn không trăm hai mươi của Bộ Thông tin và Truyền thông, đài truyền ' +
      'thanh cấp xã ứng dụng công nghệ thông tin - viễn thông.',
  ],
  [
    'Văn bản trình bày theo Nghị định 30/2020/NĐ-CP.',
    'Văn bản trình bày theo Nghị định số ba mươi năm hai nghìn không trăm hai mươi của Chính phủ.',
  ],
  [
    'Số liệu báo cáo 6 tháng tính từ 15/12 đến 14/6.',
    'Số liệu báo cáo sáu tháng tính từ ngày mười lăm tháng mười hai đến ngày mười bốn tháng sáu.',
  ],
  [
    'Số liệu tính từ ngày 15/12/2025 đến ngày 14/6/2026.',
    `Số liệu tính từ ngày mười lăm tháng mười hai năm ${Y2025} đến ngày mười bốn tháng sáu năm ${Y2026}.`,
  ],
  [
    'Theo Nghị định 09/2019/NĐ-CP, kỳ báo cáo 6 tháng chốt số liệu từ 15/12 năm trước đến 14/6.',
    'Theo Nghị định số chín năm hai nghìn không trăm mười chín của Chính phủ, kỳ báo cáo sáu tháng chốt số liệu từ ' +
      'ngày mười lăm tháng mười hai năm trước đến ngày mười bốn tháng sáu.',
  ],
  [
    'Bản tin phát lúc 17h30 hằng ngày trên loa truyền thanh.',
    'Bản tin phát lúc mười bảy giờ ba mươi phút hằng ngày trên loa truyền thanh.',
  ],
  [
    'Mọi thắc mắc xin gọi đường dây nóng 0207.3822.456.',
    'Mọi thắc mắc xin gọi đường dây nóng không hai không bảy, ba tám hai hai, bốn năm sáu.',
  ],
];

/** Plan 662 is an OCR text without diacritics; the sentences are written here as the ward would air them. */
const DAK_BLA: Row[] = [
  [
    'Kế hoạch số 662/KH-UBND ngày 26/11/2025 của UBND phường Đăk Bla.',
    `Kế hoạch số sáu trăm sáu mươi hai ngày hai mươi sáu tháng mười một năm ${Y2025} của Ủy ban nhân dân phường Đăk Bla.`,
  ],
  [
    'Thực hiện Kế hoạch số 662/KH-UBND, phường đẩy mạnh truyền thông.',
    'Thực hiện Kế hoạch số sáu trăm sáu mươi hai của Ủy ban nhân dân, phường đẩy mạnh truyền thông.',
  ],
  [
    'Thực hiện Kế hoạch số 58/KH-UBND ngày 10 tháng 10 năm 2025 của Ủy ban nhân dân tỉnh.',
    `Thực hiện Kế hoạch số năm mươi tám ngày mùng mười tháng mười năm ${Y2025} của Ủy ban nhân dân tỉnh.`,
  ],
  [
    'Thực hiện thành công các mục tiêu của Nghị quyết số 57-NQ/TW và Kế hoạch số 58/KH-UBND của Ủy ban nhân dân tỉnh.',
    `Thực hiện thành công các mục tiêu của ${NQ57} của Bộ Chính trị và Kế hoạch số năm mươi tám của Ủy ban nhân ` +
      'dân tỉnh.',
  ],
  [
    'Tại Tờ trình số 350/TTr-VHXH ngày 25 tháng 11 năm 2025.',
    `Tại Tờ trình số ba trăm năm mươi ngày hai mươi lăm tháng mười một năm ${Y2025} của Phòng Văn hóa - Xã hội.`,
  ],
  [
    'Bám sát nội dung Nghị quyết số 57-NQ/TW ngày 22 tháng 12 năm 2024.',
    `Bám sát nội dung ${NQ57} ngày hai mươi hai tháng mười hai năm ${Y2024} của Bộ Chính trị.`,
  ],
  [
    'Thực hiện Chuyên mục truyền thông thực hiện Nghị quyết 57-NQ/TW trên Trang thông tin điện tử phường.',
    `Thực hiện Chuyên mục truyền thông thực hiện ${NQ57} của Bộ Chính trị trên Trang thông tin điện tử phường.`,
  ],
  [
    '100% lãnh đạo, cán bộ, công chức phường được phổ biến về Nghị quyết 57-NQ/TW.',
    `Một trăm phần trăm lãnh đạo, cán bộ, công chức phường được phổ biến về ${NQ57} của Bộ Chính trị.`,
  ],
  [
    '100% các nhiệm vụ khoa học và công nghệ có sử dụng ngân sách nhà nước được truyền thông.',
    'Một trăm phần trăm các nhiệm vụ khoa học và công nghệ có sử dụng ngân sách nhà nước được truyền thông.',
  ],
  [
    'Ít nhất 80% người dân tiếp cận thông tin định hướng của Đảng và Nhà nước.',
    'Ít nhất tám mươi phần trăm người dân tiếp cận thông tin định hướng của Đảng và Nhà nước.',
  ],
  [
    '100% cán bộ chuyên trách, cán bộ kiêm nhiệm làm nhiệm vụ chuyển đổi số được tập huấn.',
    'Một trăm phần trăm cán bộ chuyên trách, cán bộ kiêm nhiệm làm nhiệm vụ chuyển đổi số được tập huấn.',
  ],
  [
    'Hưởng ứng Ngày Khoa học và Công nghệ Việt Nam (18/5), Ngày hội Đổi mới sáng tạo quốc gia (1/10).',
    'Hưởng ứng Ngày Khoa học và Công nghệ Việt Nam (mười tám tháng năm), Ngày hội Đổi mới sáng tạo quốc gia (mùng ' +
      'một tháng mười).',
  ],
  [
    'Ngày Chuyển đổi số quốc gia (10/10) hằng năm và các ngày truyền thống khác.',
    'Ngày Chuyển đổi số quốc gia (mùng mười tháng mười) hằng năm và các ngày truyền thống khác.',
  ],
  [
    'Thành lập các câu lạc bộ STEM, câu lạc bộ tin học trong trường học.',
    'Thành lập các câu lạc bộ xtem, câu lạc bộ tin học trong trường học.',
  ],
  [
    'Nâng cao nhận thức về các môn khoa học, công nghệ, kỹ thuật, toán học (STEM).',
    'Nâng cao nhận thức về các môn khoa học, công nghệ, kỹ thuật, toán học (xtem).',
  ],
  [
    'Phát trên Trang thông tin điện tử phường, các trang mạng xã hội Facebook, Zalo, Youtube, Tiktok.',
    'Phát trên Trang thông tin điện tử phường, các trang mạng xã hội Phây búc, Da lô, Diu túp, Tích tóc.',
  ],
  [
    'Hỗ trợ người dân, hộ kinh doanh ứng dụng nền tảng số, dịch vụ công trực tuyến.',
    'Hỗ trợ người dân, hộ kinh doanh ứng dụng nền tảng số, dịch vụ công trực tuyến.',
  ],
  [
    'Báo cáo kết quả về UBND phường trước ngày 15/6 và 15/12 hằng năm.',
    'Báo cáo kết quả về Ủy ban nhân dân phường trước ngày mười lăm tháng sáu và ngày mười lăm tháng mười hai hằng năm.',
  ],
  ['Báo cáo 6 tháng gửi trước ngày 15/6/2026.', `Báo cáo sáu tháng gửi trước ngày mười lăm tháng sáu năm ${Y2026}.`],
  [
    'Đài truyền thanh phường phát bản tin vào 6h00 và 17h00 hằng ngày.',
    'Đài truyền thanh phường phát bản tin vào sáu giờ và mười bảy giờ hằng ngày.',
  ],
  [
    'Sáng 10/10/2025, UBND phường Đăk Bla tổ chức Ngày hội toàn dân học tập số.',
    `Sáng ngày mùng mười tháng mười năm ${Y2025}, Ủy ban nhân dân phường Đăk Bla tổ chức Ngày hội toàn dân học tập số.`,
  ],
  [
    'Tổ công nghệ số cộng đồng của 15 tổ dân phố hướng dẫn bà con cài đặt VNeID.',
    'Tổ công nghệ số cộng đồng của mười lăm tổ dân phố hướng dẫn bà con cài đặt vê en e ai đi.',
  ],
  [
    'Bà con liên hệ UBND phường qua số điện thoại 0260.3862.117 trong giờ hành chính.',
    'Bà con liên hệ Ủy ban nhân dân phường qua số điện thoại không hai sáu không, ba tám sáu hai, một một bảy trong ' +
      'giờ hành chính.',
  ],
  [
    'Đoàn Thanh niên, Hội Liên hiệp Phụ nữ và Hội Cựu chiến binh phối hợp với MTTQ phường.',
    'Đoàn Thanh niên, Hội Liên hiệp Phụ nữ và Hội Cựu chiến binh phối hợp với Mặt trận Tổ quốc phường.',
  ],
  [
    'Ứng dụng KH&CN trong sản xuất, kinh doanh tại địa phương.',
    'Ứng dụng khoa học và công nghệ trong sản xuất, kinh doanh tại địa phương.',
  ],
  [
    'Trạm y tế phường hướng dẫn đặt lịch khám qua ứng dụng VNeID từ 7h30-11h00.',
    'Trạm y tế phường hướng dẫn đặt lịch khám qua ứng dụng vê en e ai đi từ bảy giờ ba mươi phút đến mười một giờ.',
  ],
  [
    'Phấn đấu đến năm 2027 có 100% hộ gia đình được hướng dẫn kỹ năng số.',
    'Phấn đấu đến năm hai nghìn không trăm hai mươi bảy có một trăm phần trăm hộ gia đình được hướng dẫn kỹ năng số.',
  ],
  [
    'Mỗi năm thực hiện ít nhất 24 tin, bài về chuyển đổi số trên chuyên mục.',
    'Mỗi năm thực hiện ít nhất hai mươi tư tin, bài về chuyển đổi số trên chuyên mục.',
  ],
  [
    'Năm 2025 xây dựng 01 chuyên mục về Nghị quyết 57-NQ/TW.',
    `Năm ${Y2025} xây dựng một chuyên mục về ${NQ57} của Bộ Chính trị.`,
  ],
  [
    'Thông tin chi tiết xem tại trang dakbla.quangngai.gov.vn.',
    'Thông tin chi tiết xem tại trang Đăk Bla chấm Quảng Ngãi chấm gốp chấm vê en.',
  ],
  [
    'Ý kiến góp ý gửi về ubnddakbla@quangngai.gov.vn.',
    'Ý kiến góp ý gửi về ubnddakbla a còng Quảng Ngãi chấm gốp chấm vê en.',
  ],
  [
    'Bản tin tiếng dân tộc phát vào thứ 3 và thứ 6 hằng tuần.',
    'Bản tin tiếng dân tộc phát vào thứ ba và thứ sáu hằng tuần.',
  ],
  ['Năm 2026, phường hoàn thành mục II của kế hoạch.', `Năm ${Y2026}, phường hoàn thành mục hai của kế hoạch.`],
  [
    'Nội dung phần III của kế hoạch quy định trách nhiệm thực hiện.',
    'Nội dung phần ba của kế hoạch quy định trách nhiệm thực hiện.',
  ],
  [
    'Chương IV của quy chế quy định về hệ thống truyền thanh cơ sở.',
    'Chương bốn của quy chế quy định về hệ thống truyền thanh cơ sở.',
  ],
  [
    'Ban Chấp hành Đảng bộ phường khóa I, nhiệm kỳ 2025-2030.',
    `Ban Chấp hành Đảng bộ phường khóa một, nhiệm kỳ ${Y2025} đến ${Y2030}.`,
  ],
];

const TABLES: Array<[plan: string, rows: Row[]]> = [
  ['Hà Tĩnh, kế hoạch tuyên truyền Nghị quyết 57', HA_TINH],
  ['Thanh Hóa, quyết định phê duyệt kế hoạch', THANH_HOA],
  ['Đồng Nai, hướng dẫn của Ban Tuyên giáo và Dân vận Tỉnh ủy', DONG_NAI],
  ['Tuyên Quang, kế hoạch truyền thông năm 2026', TUYEN_QUANG],
  ['Đăk Bla, Kế hoạch 662', DAK_BLA],
];

describe('broadcast scripts read as an announcer reads them: sentences from the five source plans', () => {
  it('has at least 150 sentences, none twice', () => {
    const written = TABLES.flatMap(([, rows]) => rows.map(([text]) => text));
    expect(written.length).toBeGreaterThanOrEqual(150);
    expect(new Set(written).size).toBe(written.length);
  });

  describe.each(TABLES)('%s', (_plan, rows) => {
    it.each(rows)('%s', (written, spoken) => {
      expect(normaliseForSpeech(written)).toBe(spoken);
    });
  });

  it('leaves no digit, code or address in any spoken form, and reading it again changes nothing', () => {
    for (const [, rows] of TABLES) {
      for (const [written] of rows) {
        const once = normaliseForSpeech(written);
        expect({ written, once }).toEqual({ written, once: expect.not.stringMatching(/\d|\/|@|\.(?:vn|com)\b/u) });
        expect(normaliseForSpeech(once)).toBe(once);
      }
    }
  });
});
