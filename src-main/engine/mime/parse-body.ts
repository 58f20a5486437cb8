/**
 * Reads a raw RFC 5322 message into what the reader shows. Never throws: a message that
 * cannot be parsed still yields the text that could be recovered, with `problem` saying
 * what went wrong, because one broken message must not cost the user anything else.
 */
import { simpleParser, type Attachment } from 'mailparser';
import { findMimeProblem } from './mime-problems';

/** A part that is not the message's text, with its decoded bytes. */
export interface ParsedPart {
  partId: string;
  filename: string;
  contentType: string;
  size: number;
  contentId: string | null;
  inline: boolean;
  content: Buffer;
}

export interface ParsedBody {
  text: string;
  /** Raw HTML part, unsanitised (the reader sanitises it). */
  html: string | null;
  problem: string | null;
  attachments: ParsedPart[];
}

export const MAX_BODY_BYTES = 50 * 1024 * 1024;
/** html-to-text is the slow step; beyond this much HTML, deriving text is not worth stalling the process for. */
const MAX_HTML_TO_TEXT_CHARS = 10_000_000;
const MAX_PROBLEM = 2000;

export async function parseBody(raw: Uint8Array, maxBytes = MAX_BODY_BYTES): Promise<ParsedBody> {
  if (raw.byteLength > maxBytes) return tooLargeBody(raw.byteLength, maxBytes);
  const source = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  try {
    const parsed = await simpleParser(source, {
      skipTextToHtml: true,
      skipImageLinks: true,
      maxHtmlLengthToParse: MAX_HTML_TO_TEXT_CHARS,
    });
    const html = typeof parsed.html === 'string' ? parsed.html : null;
    // mailparser derives `text` from the HTML part when there is no text part, unless that
    // HTML is too big or too deep to convert; the HTML is kept then.
    const text = typeof parsed.text === 'string' ? parsed.text : null;
    const conversion = parsed.textConversionError
      ? `No text version could be made of this message (${parsed.textConversionError.message}).`
      : null;
    const problem = (conversion ?? findMimeProblem(source))?.slice(0, MAX_PROBLEM) ?? null;
    const attachments = parsed.attachments.map(partOf);
    if (text !== null || html !== null || attachments.length > 0) return { text: text ?? '', html, problem, attachments };
    const body = bodyOf(source);
    if (body.trim() === '') return { text: '', html: null, problem, attachments };
    return { text: body, html: null, problem: problem ?? 'No readable text part was found in this message; showing its source.', attachments };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      text: source.toString('utf8'),
      html: null,
      problem: `This message could not be read (${reason}); showing its source.`.slice(0, MAX_PROBLEM),
      attachments: [],
    };
  }
}

/** The body stored for a message too large to show, also used when it is not even downloaded. */
export function tooLargeBody(size: number, maxBytes = MAX_BODY_BYTES): ParsedBody {
  return {
    text: '',
    html: null,
    problem: `This message is too large to show (${sizeText(size)}; the limit is ${sizeText(maxBytes)}).`,
    attachments: [],
  };
}

function partOf(attachment: Attachment): ParsedPart {
  return {
    // A message that is one non-text part has no part number from mailparser; IMAP calls
    // that part 1 (RFC 3501 §6.4.5).
    partId: attachment.partId ?? '1',
    filename: attachment.filename ?? '',
    contentType: attachment.contentType.toLowerCase(),
    size: attachment.content.byteLength,
    contentId: attachment.cid ?? null,
    inline: attachment.related === true,
    content: attachment.content,
  };
}

/** What follows the header block, or everything when there is no blank line. */
function bodyOf(source: Buffer): string {
  const text = source.toString('utf8');
  const match = /\r?\n\r?\n/.exec(text);
  return match ? text.slice(match.index + match[0].length) : text;
}

function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${Math.round(bytes / (1024 * 1024))} MB`;
}
