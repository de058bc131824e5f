import { randomBytes } from 'node:crypto';

export interface MultipartPart {
  name: string;
  contentType: string;
  body: Buffer | string;
  filename?: string;
}

/** A `multipart/form-data` body (RFC 7578) built in memory, so that its length is known before sending. */
export function encodeMultipart(parts: MultipartPart[]): { body: Buffer; contentType: string } {
  const boundary = `nhip-${randomBytes(12).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = `form-data; name="${quote(part.name)}"${part.filename ? `; filename="${quote(part.filename)}"` : ''}`;
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: ${disposition}\r\nContent-Type: ${part.contentType}\r\n\r\n`,
        'utf8',
      ),
    );
    chunks.push(typeof part.body === 'string' ? Buffer.from(part.body, 'utf8') : part.body);
    chunks.push(Buffer.from('\r\n', 'utf8'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`, 'utf8'));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

function quote(value: string): string {
  return value.replace(/["\r\n\\]/g, '_');
}
