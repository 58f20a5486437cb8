/**
 * mailto: URLs (RFC 6068) as a message to compose: recipients, Cc, Bcc, subject and body.
 * Any other header a link names is ignored (RFC 6068 §7: a link must not set headers the
 * user cannot see, such as From or Reply-To); values are percent-decoded as UTF-8 and
 * bounded, and a malformed URL gives null rather than a half-read message.
 */
export interface MailtoMessage {
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  body: string;
  /** In-Reply-To, which RFC 6068 §2 allows so that a link can answer a message. */
  inReplyTo: string | null;
}

const MAX_URL = 16_000;

function decode(part: string): string | null {
  try {
    return decodeURIComponent(part.replace(/\+/g, '%2B'));
  } catch {
    return null;
  }
}

const addresses = (value: string): string[] =>
  value
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);

export function parseMailto(url: string): MailtoMessage | null {
  if (url.length > MAX_URL || !/^mailto:/i.test(url)) return null;
  const rest = url.slice('mailto:'.length);
  const query = rest.indexOf('?');
  const to = decode(query === -1 ? rest : rest.slice(0, query));
  if (to === null) return null;
  const message: MailtoMessage = { to: addresses(to), cc: [], bcc: [], subject: '', body: '', inReplyTo: null };
  if (query === -1) return message;
  for (const field of rest.slice(query + 1).split('&')) {
    if (!field) continue;
    const equals = field.indexOf('=');
    const name = decode(equals === -1 ? field : field.slice(0, equals))?.toLowerCase();
    const value = decode(equals === -1 ? '' : field.slice(equals + 1));
    if (name === undefined || value === null) return null;
    if (name === 'to') message.to.push(...addresses(value));
    else if (name === 'cc') message.cc.push(...addresses(value));
    else if (name === 'bcc') message.bcc.push(...addresses(value));
    // A subject is one line; a header-injection attempt becomes spaces.
    else if (name === 'subject') message.subject = value.replace(/[\r\n]+/g, ' ').slice(0, 1000);
    else if (name === 'body') message.body = value.replace(/\r\n?/g, '\n').slice(0, 100_000);
    else if (name === 'in-reply-to' && /^<[^<>\s]{1,900}>$/.test(value.trim())) message.inReplyTo = value.trim();
  }
  return message;
}
