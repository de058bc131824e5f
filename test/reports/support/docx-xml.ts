import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface XmlParagraph {
  text: string;
  bold: boolean;
  italics: boolean;
  underline: boolean;
  /** Half-points of the first run, or null when the style's default applies. */
  size: number | null;
}

const decode = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** `word/document.xml` of a DOCX file, read with unzip rather than the library that wrote it. */
export async function documentXml(file: string): Promise<string> {
  return (await run('unzip', ['-p', file, 'word/document.xml'], { maxBuffer: 64 * 1024 * 1024 })).stdout;
}

/** Paragraphs of a piece of document.xml, with the text and the formatting of their runs. */
export function paragraphs(xml: string): XmlParagraph[] {
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map(([p]) => {
    const runs = [...p.matchAll(/<w:r>([\s\S]*?)<\/w:r>|<w:r [^>]*>([\s\S]*?)<\/w:r>/g)].map((m) => m[1] ?? m[2]);
    const first = runs.find((r) => /<w:t[ >]/.test(r)) ?? '';
    const size = /<w:sz w:val="(\d+)"/.exec(first);
    return {
      text: decode(
        runs.map((r) => [...r.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('')).join(''),
      ),
      bold: /<w:b\/>|<w:b w:val="(true|1)"\/>/.test(first),
      italics: /<w:i\/>|<w:i w:val="(true|1)"\/>/.test(first),
      underline: /<w:u /.test(first),
      size: size ? Number(size[1]) : null,
    };
  });
}

/** The cells of the n-th top-level table (0-based), each as its paragraphs. */
export function tableCells(xml: string, n: number): XmlParagraph[][] {
  const body = xml.slice(xml.indexOf('<w:body>'));
  const tables = [...body.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((m) => m[0]);
  return [...tables[n].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map(([c]) => paragraphs(c));
}

/** The last top-level table of the main section (the signature block), as its cells. */
export function signatureCells(xml: string): XmlParagraph[][] {
  const main = xml.slice(0, xml.indexOf('DANH MỤC TIN, BÀI'));
  const tables = [...main.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((m) => m[0]);
  return [...tables[tables.length - 1].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map(([c]) => paragraphs(c));
}
