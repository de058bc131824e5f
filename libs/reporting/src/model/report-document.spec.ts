import { documentHeader, initials, signerBlock, vietnameseQuotes } from './report-document';

const ward = { name: 'Ủy ban nhân dân phường Đăk Bla', shortName: 'UBND phường Đăk Bla', kind: 'ward' };
const province = { name: 'Ủy ban nhân dân tỉnh Quảng Ngãi', shortName: 'UBND tỉnh Quảng Ngãi', kind: 'province' };
const department = {
  name: 'Sở Khoa học và Công nghệ tỉnh Quảng Ngãi',
  shortName: 'Sở KH&CN Quảng Ngãi',
  kind: 'department',
};
const wardOffice = { name: 'Phòng Văn hóa - Xã hội phường Đăk Bla', shortName: null, kind: 'department' };
const partyCommittee = { name: 'Tỉnh ủy Đồng Nai', shortName: 'Tỉnh ủy Đồng Nai', kind: 'party' };
const partyBoard = { name: 'Ban Tuyên giáo và Dân vận Tỉnh ủy Đồng Nai', shortName: null, kind: 'party' };

describe('the document header, number, signer and recipients', () => {
  it('a ward: no superior line (plan 662 has none), the number left for the register, TM. of the committee', () => {
    const doc = documentHeader([ward, province], { planRecipients: ['Sở Khoa học và Công nghệ tỉnh Quảng Ngãi'] });
    expect(doc).toMatchObject({
      layout: 'state',
      superior: null,
      issuer: 'ỦY BAN NHÂN DÂN PHƯỜNG ĐĂK BLA',
      number: '      /BC-UBND',
      place: 'Đăk Bla',
      signer: { authority: 'TM. ỦY BAN NHÂN DÂN', deputy: null, title: 'CHỦ TỊCH', name: null },
    });
    // Addressed to whom the plan names, not to the province above it.
    expect(doc.recipients).toEqual(['Sở Khoa học và Công nghệ tỉnh Quảng Ngãi (b/c)', 'Lưu: VT']);
  });

  it('a ward signed KT. by a vice-chairman, with the drafting unit on the archive line', () => {
    const doc = documentHeader([ward, province], {
      planRecipients: [],
      signer: { form: 'KT', name: ' Nguyễn Đại Trà ' },
      draftingUnit: 'VHXH',
      recipients: ['Thường trực Đảng ủy phường', 'Thường trực HĐND phường'],
    });
    expect(doc.signer).toEqual({
      authority: 'TM. ỦY BAN NHÂN DÂN',
      deputy: 'KT. CHỦ TỊCH',
      title: 'PHÓ CHỦ TỊCH',
      name: 'Nguyễn Đại Trà',
    });
    expect(doc.recipients).toEqual(['Thường trực Đảng ủy phường', 'Thường trực HĐND phường', 'Lưu: VT, VHXH']);
  });

  it("a department: its People's Committee as the superior line, its own symbol, reporting to the committee", () => {
    const doc = documentHeader([department, province], { planRecipients: [] });
    expect(doc).toMatchObject({
      superior: 'UBND TỈNH QUẢNG NGÃI',
      issuer: 'SỞ KHOA HỌC VÀ CÔNG NGHỆ',
      number: '      /BC-SKHCN',
      place: 'Quảng Ngãi',
      signer: { authority: null, title: 'GIÁM ĐỐC' },
    });
    expect(doc.recipients).toEqual(['Ủy ban nhân dân tỉnh Quảng Ngãi (b/c)', 'Lưu: VT']);
    expect(documentHeader([wardOffice, ward, province], { planRecipients: [] })).toMatchObject({
      superior: 'UBND PHƯỜNG ĐĂK BLA',
      issuer: 'PHÒNG VĂN HÓA - XÃ HỘI',
      number: '      /BC-VHXH',
      place: 'Đăk Bla',
      signer: { title: 'TRƯỞNG PHÒNG' },
    });
  });

  it('a province: no superior line, and Q. for an acting chairman', () => {
    const doc = documentHeader([province], { planRecipients: [], signer: { form: 'Q' } });
    expect(doc).toMatchObject({ superior: null, issuer: 'ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI', place: 'Quảng Ngãi' });
    expect(doc.signer).toMatchObject({ authority: 'TM. ỦY BAN NHÂN DÂN', title: 'Q. CHỦ TỊCH' });
    expect(doc.recipients).toEqual(['Lưu: VT']);
  });

  it('a Party board: the Party layout of Hướng dẫn 36-HD/VPTW, "Số -BC/…", K/T', () => {
    const doc = documentHeader([partyBoard, partyCommittee], { planRecipients: [] });
    expect(doc).toMatchObject({
      layout: 'party',
      superior: 'TỈNH ỦY ĐỒNG NAI',
      issuer: 'BAN TUYÊN GIÁO VÀ DÂN VẬN',
      number: '      -BC/BTGDVTU',
      place: 'Đồng Nai',
      signer: { authority: null, title: 'TRƯỞNG BAN' },
    });
    expect(signerBlock(partyBoard, 'Ban Tuyên giáo và Dân vận', { form: 'KT' })).toMatchObject({
      deputy: 'K/T TRƯỞNG BAN',
      title: 'PHÓ TRƯỞNG BAN',
    });
    expect(documentHeader([partyCommittee], { planRecipients: [] })).toMatchObject({
      layout: 'party',
      superior: 'ĐẢNG BỘ TỈNH ĐỒNG NAI',
      issuer: 'TỈNH ỦY',
      number: '      -BC/TU',
      signer: { authority: 'T/M BAN THƯỜNG VỤ', title: 'BÍ THƯ' },
    });
  });

  it('writes initials and Vietnamese quotation marks', () => {
    expect(initials('Sở Khoa học và Công nghệ')).toBe('SKHCN');
    expect(initials('Văn hóa - Xã hội')).toBe('VHXH');
    expect(vietnameseQuotes('phong trào "Bình dân học vụ số" và "Mỗi hộ một tài khoản số"')).toBe(
      'phong trào “Bình dân học vụ số” và “Mỗi hộ một tài khoản số”',
    );
  });
});
