/**
 * Replies and forwards: one "Re:" or "Fwd:" however many the subject carried (in the
 * common languages' forms too), In-Reply-To and References per RFC 5322 §3.6.4, reply-all
 * without the user's own addresses, and the original quoted under an attribution line.
 * The original is quoted from its text part, so nothing of its HTML reaches the composer.
 */
import type { Address, MessageHeader } from '../../../src-shared/model';
import type { OutgoingAddress } from '../../../src-shared/outgoing';
import { formatAddresses } from './address-field';
import { escapeHtml, textToHtml, type Draft } from './draft';

export type ReplyMode = 'reply' | 'replyAll' | 'forward';

const PREFIXES = /^\s*((re|fwd?|aw|wg|sv|vs|antw|tr|rv)\s*(\[\d+\])?\s*:\s*)+/i;

export function replySubject(subject: string, mode: ReplyMode): string {
  const bare = subject.replace(PREFIXES, '').trim();
  return `${mode === 'forward' ? 'Fwd' : 'Re'}: ${bare}`;
}

/** References: the parent's, then the parent itself; the oldest kept, the middle trimmed (RFC 5322 §3.6.4). */
export function referencesFor(header: Pick<MessageHeader, 'messageId' | 'references' | 'inReplyTo'>): string[] {
  const parents = header.references && header.references.length > 0 ? header.references : header.inReplyTo ? [header.inReplyTo] : [];
  const chain = header.messageId ? [...parents, header.messageId] : parents;
  return chain.length > 20 ? [chain[0]!, ...chain.slice(-19)] : chain;
}

export function replyRecipients(header: Pick<MessageHeader, 'from' | 'to' | 'cc'>, mode: ReplyMode, own: readonly string[]): { to: OutgoingAddress[]; cc: OutgoingAddress[] } {
  if (mode === 'forward') return { to: [], cc: [] };
  const mine = new Set(own.map((a) => a.toLowerCase()));
  const seen = new Set<string>();
  const keep = (list: readonly Address[]) =>
    list.filter((a) => {
      const key = a.address.toLowerCase();
      if (key === '' || mine.has(key) || seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  // Replying to one's own message goes to its recipients, not back to oneself.
  const fromSelf = header.from.every((a) => mine.has(a.address.toLowerCase()));
  const to = keep(fromSelf ? header.to : header.from);
  return { to, cc: mode === 'replyAll' ? keep([...header.to, ...header.cc]) : [] };
}

export function attribution(header: Pick<MessageHeader, 'from' | 'date'>, locale?: string): string {
  const sender = header.from[0] ? header.from[0].name || header.from[0].address : 'someone';
  const when = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(header.date));
  return `On ${when}, ${sender} wrote:`;
}

/** The draft fields of a reply or forward; the caller adds account, identity and id. */
export function replyFields(header: MessageHeader, originalText: string, mode: ReplyMode, own: readonly string[], locale?: string): Partial<Draft> {
  const { to, cc } = replyRecipients(header, mode, own);
  const original = originalText.replace(/\r\n/g, '\n').trimEnd();
  let text: string;
  let html: string;
  if (mode === 'forward') {
    const head = [
      '---------- Forwarded message ----------',
      `From: ${formatAddresses(header.from)}`,
      `Date: ${new Date(header.date).toUTCString()}`,
      `Subject: ${header.subject}`,
      `To: ${formatAddresses(header.to)}`,
      ...(header.cc.length > 0 ? [`Cc: ${formatAddresses(header.cc)}`] : []),
    ].join('\n');
    text = `\n\n${head}\n\n${original}\n`;
    html = `<p></p>${textToHtml(`${head}\n\n${original}`)}`;
  } else {
    const line = attribution(header, locale);
    text = `\n\n${line}\n${original.split('\n').map((l) => (l.startsWith('>') ? `>${l}` : `> ${l}`)).join('\n')}\n`;
    html = `<p></p><p>${escapeHtml(line)}</p><blockquote>${textToHtml(original)}</blockquote>`;
  }
  return {
    to: formatAddresses(to),
    cc: formatAddresses(cc),
    subject: replySubject(header.subject, mode),
    text,
    html,
    inReplyTo: mode === 'forward' ? null : header.messageId,
    references: mode === 'forward' ? [] : referencesFor(header),
  };
}
