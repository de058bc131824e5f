import { PARTY_AGENCY_KINDS } from '@nhip/database';
import { placeName } from './report-assembly';
import type { ReportDocument, ReportSigner } from './report.types';

/** An agency as the document needs it: the reporting agency first, then each agency above it. */
export interface DocumentAgency {
  name: string;
  shortName: string | null;
  kind: string;
}

/** How the person who signs is chosen for one report (Decree 30/2020 Art. 13; Hướng dẫn 36-HD/VPTW). */
export interface SignerChoice {
  /** TM.: for the collective; KT.: a deputy for the head; Q.: acting head; none: the head signs. */
  form?: 'TM' | 'KT' | 'Q' | null;
  /** The signer's own title when it is not the default ("PHÓ CHỦ TỊCH" under KT.). */
  title?: string;
  name?: string;
}

export interface DocumentOptions {
  signer?: SignerChoice;
  /** Abbreviation of the drafting unit for "Lưu: VT, <unit>." ("VHXH"). */
  draftingUnit?: string | null;
  /** Further recipients besides the plans' and the agency's own. */
  recipients?: string[];
}

const PEOPLES_COMMITTEE = /^(ủy ban nhân dân|uỷ ban nhân dân|ubnd)(?=\s|$)/i;
const PLACE_WORDS = /\s+(tỉnh|thành phố|phường|xã|thị trấn|đặc khu)\s+.+$/i;
/** Six spaces: where the clerk writes the number from the register. */
const REGISTER_BLANK = '      ';

export function isPeoplesCommittee(agency: DocumentAgency): boolean {
  return PEOPLES_COMMITTEE.test(agency.name.trim()) || ['province', 'commune', 'ward'].includes(agency.kind);
}

export function isPartyBody(agency: { kind: string }): boolean {
  return (PARTY_AGENCY_KINDS as readonly string[]).includes(agency.kind);
}

/** "Sở Khoa học và Công nghệ" from "Sở Khoa học và Công nghệ tỉnh Quảng Ngãi" under that province. */
function withoutSuperiorPlace(name: string, superior: DocumentAgency | undefined): string {
  if (!superior) return name;
  const place = PLACE_WORDS.exec(superior.name)?.[0]?.trim() ?? superior.name.replace(/^tỉnh ủy\s+/i, '').trim();
  const lower = name.toLocaleLowerCase('vi');
  for (const suffix of [superior.name.replace(PEOPLES_COMMITTEE, '').trim(), place]) {
    if (suffix && lower.endsWith(` ${suffix.toLocaleLowerCase('vi')}`)) return name.slice(0, -suffix.length).trim();
  }
  return name;
}

/** "SKHCN" from "Sở Khoa học và Công nghệ", "BTGDV" from "Ban Tuyên giáo và Dân vận". */
export function initials(name: string): string {
  return name
    .split(/[\s\-–,&]+/)
    .filter((w) => w && !['và', 'các'].includes(w.toLocaleLowerCase('vi')))
    .map((w) => w.charAt(0).toLocaleUpperCase('vi'))
    .join('');
}

const upper = (text: string) => text.normalize('NFC').toLocaleUpperCase('vi');

function headTitle(agency: DocumentAgency, issuer: string): string {
  if (isPartyBody(agency)) return /^tỉnh ủy|^thành ủy|^đảng ủy/i.test(agency.name) ? 'BÍ THƯ' : 'TRƯỞNG BAN';
  if (isPeoplesCommittee(agency)) return 'CHỦ TỊCH';
  if (/^(sở|trung tâm)(?=\s|$)/i.test(issuer)) return 'GIÁM ĐỐC';
  if (/^văn phòng(?=\s|$)/i.test(issuer)) return 'CHÁNH VĂN PHÒNG';
  if (/^phòng(?=\s|$)/i.test(issuer)) return 'TRƯỞNG PHÒNG';
  if (/^ban(?=\s|$)/i.test(issuer)) return 'TRƯỞNG BAN';
  return 'THỦ TRƯỞNG CƠ QUAN';
}

/** The signature block: TM./KT./Q. as the signer is chosen for this report; Party bodies write T/M and K/T. */
export function signerBlock(agency: DocumentAgency, issuer: string, choice: SignerChoice = {}): ReportSigner {
  const party = isPartyBody(agency);
  const head = headTitle(agency, issuer);
  const collective = party
    ? /^tỉnh ủy|^thành ủy|^đảng ủy/i.test(agency.name)
      ? 'T/M BAN THƯỜNG VỤ'
      : null
    : isPeoplesCommittee(agency)
      ? 'TM. ỦY BAN NHÂN DÂN'
      : null;
  const title = choice.title ? upper(choice.title.trim()) : null;
  const name = choice.name?.normalize('NFC').trim() || null;
  switch (choice.form ?? (collective ? 'TM' : null)) {
    case 'KT':
      return {
        authority: collective,
        deputy: `${party ? 'K/T' : 'KT.'} ${head}`,
        title: title ?? `PHÓ ${head}`,
        name,
      };
    case 'Q':
      return { authority: collective, deputy: null, title: title ?? `Q. ${head}`, name };
    default:
      return { authority: collective, deputy: null, title: title ?? head, name };
  }
}

/**
 * The parts of the header, number, signature and "Nơi nhận" that depend on who issues the report: the
 * State form of Decree 30/2020 Appendix I (no superior line above a People's Committee, "Số:      /BC-…"
 * left for the register), or the Party's own of Hướng dẫn 36-HD/VPTW ("ĐẢNG CỘNG SẢN VIỆT NAM" on the
 * right, "Số      -BC/…").
 */
export function documentHeader(
  path: DocumentAgency[],
  options: DocumentOptions & { planRecipients: string[]; agencyRecipients?: string[] },
): Omit<ReportDocument, 'title' | 'basis' | 'cutOff'> {
  const [agency, parent] = path;
  const party = isPartyBody(agency);
  const committee = !party && isPeoplesCommittee(agency);
  let superior: string | null = null;
  let issuerName = agency.name;
  let symbol: string;
  if (party) {
    if (parent && isPartyBody(parent)) {
      superior = upper(parent.shortName ?? parent.name);
      issuerName = withoutSuperiorPlace(agency.name, parent);
      symbol = `${initials(issuerName)}${partyCommitteeCode(parent.name)}`;
    } else {
      // A provincial Party committee: "ĐẢNG BỘ TỈNH …" above "TỈNH ỦY".
      const place = agency.name.replace(/^(tỉnh ủy|thành ủy|đảng ủy)\s+/i, '').trim();
      superior = upper(`Đảng bộ tỉnh ${place}`);
      issuerName = /^tỉnh ủy/i.test(agency.name) ? 'Tỉnh ủy' : agency.name;
      symbol = partyCommitteeCode(agency.name);
    }
  } else if (committee || !parent) {
    symbol = committee ? 'UBND' : initials(agency.name);
  } else {
    superior = upper(parent.shortName ?? parent.name);
    issuerName = withoutSuperiorPlace(agency.name, parent);
    symbol = initials(issuerName.replace(/^phòng\s+/i, ''));
  }
  const issuer = upper(issuerName);
  const number = party ? `${REGISTER_BLANK}-BC/${symbol}` : `${REGISTER_BLANK}/BC-${symbol}`;
  const placeOf = path.find((a) => isPeoplesCommittee(a) && !isPartyBody(a));
  const place = party
    ? placeName(agency.name.replace(/^.*?(tỉnh ủy|thành ủy)\s+/i, ''))
    : placeName((placeOf ?? agency).name);

  const recipients: string[] = [];
  const add = (name: string) => {
    const clean = name.normalize('NFC').trim();
    if (clean && !recipients.some((r) => r.replace(/ \(b\/c\)$/, '') === clean.replace(/ \(b\/c\)$/, '')))
      recipients.push(clean);
  };
  for (const r of options.planRecipients) add(`${r} (b/c)`);
  // A department or office reports to the body above it; a People's Committee only to whom its plans name.
  if (parent && !committee) add(`${parent.name} (b/c)`);
  for (const r of options.agencyRecipients ?? []) add(r);
  for (const r of options.recipients ?? []) add(r);
  const drafting = options.draftingUnit?.trim();
  recipients.push(drafting ? `Lưu: VT, ${drafting}` : 'Lưu: VT');

  return {
    layout: party ? 'party' : 'state',
    superior,
    issuer,
    number,
    place,
    signer: signerBlock(agency, issuerName, options.signer),
    recipients,
  };
}

/** "TU" for a provincial Party committee ("Tỉnh ủy Đồng Nai"), "ĐU" for a Party committee of a ward or commune. */
function partyCommitteeCode(name: string): string {
  if (/^tỉnh ủy/i.test(name)) return 'TU';
  if (/^thành ủy/i.test(name)) return 'ThU';
  if (/^đảng ủy/i.test(name)) return 'ĐU';
  return initials(name);
}

/** Vietnamese quotation marks for ASCII ones: "Bình dân học vụ số" → “Bình dân học vụ số”. */
export function vietnameseQuotes(text: string): string {
  let open = true;
  return text.replace(/"/g, () => {
    const mark = open ? '“' : '”';
    open = !open;
    return mark;
  });
}
