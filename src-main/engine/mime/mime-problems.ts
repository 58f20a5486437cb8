/**
 * Finds structural damage that mailparser repairs silently, so the reader can say that what
 * it shows may be incomplete. mailparser keeps going past a multipart without a boundary
 * or a message cut off before its closing delimiter; the user deserves to know the text
 * they read may not be all the sender wrote.
 */

/** Header fields are scanned as Latin-1: only ASCII matters here and every byte maps to one char. */
const contentTypeField = /^content-type:[^\r\n]*(?:\r?\n[ \t][^\r\n]*)*/gim;
const boundaryParam = /;\s*boundary\s*=\s*(?:"([^"\r\n]{1,200})"|([^\s;"]{1,200}))/i;

export function findMimeProblem(source: Buffer): string | null {
  const text = source.toString('latin1');
  for (const match of text.matchAll(contentTypeField)) {
    const field = match[0].replace(/\r?\n[ \t]/g, ' ');
    if (!/^content-type:\s*multipart\//i.test(field)) continue;
    const boundary = boundaryParam.exec(field);
    const value = boundary?.[1] ?? boundary?.[2];
    if (value === undefined) {
      return 'This message is damaged: one of its parts has no boundary (RFC 2046 §5.1.1), so some of it may be shown as plain source.';
    }
    // The close delimiter is "--boundary--" at the start of a line (RFC 2046 §5.1.1); a
    // message that lacks it was cut off in transit or by the sender's software.
    if (!hasLineStartingWith(text, `--${value}--`)) {
      return 'This message is incomplete: it ends before its last part does, so some of it may be missing.';
    }
  }
  return null;
}

function hasLineStartingWith(text: string, prefix: string): boolean {
  return text.startsWith(prefix) || text.includes(`\n${prefix}`);
}
