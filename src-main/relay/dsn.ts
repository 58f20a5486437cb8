import { randomBytes } from 'node:crypto';
import type { Envelope, RecipientRecord } from './envelope';

export interface DsnInput {
  envelope: Envelope;
  /** The recipients this report is about. */
  recipients: RecipientRecord[];
  action: 'failed' | 'delayed';
  /** The original message as queued (Received header included). */
  original: Buffer;
  reportingMta: string;
  now: Date;
  /** For a delay report: when the relay will stop trying. */
  retryUntil?: Date;
}

/** Above this, the original is returned as headers only unless the sender asked RET=FULL. */
const FULL_RETURN_LIMIT = 256 * 1024;

/**
 * Builds an RFC 3464 delivery status notification: a multipart/report (RFC 6522) with a
 * human-readable part quoting the remote server's words, the machine-readable
 * message/delivery-status part (§2.2 per-message and §2.3 per-recipient fields), and the
 * original message or its headers (RFC 3461 §4.3 RET). It goes to the envelope sender from
 * the null sender, so it can never cause another bounce (RFC 5321 §4.5.5).
 */
export function buildDsn(input: DsnInput): Buffer {
  const { envelope, recipients, action, original, reportingMta, now } = input;
  const boundary = `=_tern_${randomBytes(12).toString('hex')}`;
  const headerEnd = findHeaderEnd(original);
  const originalHeaders = original.subarray(0, headerEnd).toString('latin1');
  const messageId = /^message-id:\s*(<[^>\r\n]{1,500}>)/im.exec(originalHeaders)?.[1];
  const full = envelope.ret === 'FULL' || (envelope.ret !== 'HDRS' && original.length <= FULL_RETURN_LIMIT);
  const subject = action === 'failed' ? 'Undelivered Mail Returned to Sender' : 'Delayed Mail (still being retried)';
  const lines = [
    `From: Mail Delivery System <MAILER-DAEMON@${reportingMta}>`,
    `To: <${envelope.from}>`,
    `Subject: ${subject}`,
    `Date: ${now.toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: <${now.getTime().toString(36)}.${randomBytes(6).toString('hex')}@${reportingMta}>`,
    ...(messageId ? [`In-Reply-To: ${messageId}`, `References: ${messageId}`] : []),
    'Auto-Submitted: auto-replied',
    'MIME-Version: 1.0',
    `Content-Type: multipart/report; report-type=delivery-status; boundary="${boundary}"`,
    '',
    'This is a MIME-encapsulated delivery status notification.',
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    ...humanText(input),
    '',
    `--${boundary}`,
    'Content-Type: message/delivery-status',
    '',
    `Reporting-MTA: dns; ${reportingMta}`,
    ...(envelope.envid ? [`Original-Envelope-Id: ${clean(envelope.envid)}`] : []),
    `Arrival-Date: ${new Date(envelope.queuedAt).toUTCString().replace('GMT', '+0000')}`,
    ...recipients.flatMap((r) => ['', ...recipientFields(r, action, input.retryUntil)]),
    '',
    `--${boundary}`,
    full ? 'Content-Type: message/rfc822' : 'Content-Type: text/rfc822-headers',
    '',
  ];
  const body = full ? original : original.subarray(0, headerEnd);
  return Buffer.concat([Buffer.from(lines.join('\r\n') + '\r\n', 'utf8'), body, Buffer.from(`\r\n--${boundary}--\r\n`, 'latin1')]);
}

function humanText({ recipients, action, reportingMta }: DsnInput): string[] {
  const intro =
    action === 'failed'
      ? `This is the mail system at ${reportingMta}. Your message could not be delivered to the recipients below.`
      : `This is the mail system at ${reportingMta}. Your message has not been delivered yet to the recipients below; delivery is still being retried and you need not send it again.`;
  return [intro, '', ...recipients.map((r) => `<${r.address}>: ${r.remoteMta ? `${r.remoteMta} said: ` : ''}${clean(r.lastError ?? 'no reason recorded')}`)];
}

function recipientFields(r: RecipientRecord, action: 'failed' | 'delayed', retryUntil?: Date): string[] {
  const fromServer = r.lastError && /^\d{3}[ -]/.test(r.lastError);
  return [
    `Final-Recipient: rfc822; ${r.address}`,
    `Action: ${action}`,
    `Status: ${r.status ?? (action === 'failed' ? '5.0.0' : '4.0.0')}`,
    ...(r.remoteMta ? [`Remote-MTA: dns; ${r.remoteMta}`] : []),
    `Diagnostic-Code: ${fromServer ? 'smtp' : 'x-tern'}; ${clean(r.lastError ?? 'no reason recorded')}`,
    ...(retryUntil ? [`Will-Retry-Until: ${retryUntil.toUTCString().replace('GMT', '+0000')}`] : []),
  ];
}

/** Remote words are untrusted: one line of printable ASCII, bounded. */
function clean(text: string): string {
  return text.replace(/[\r\n\t]+/g, ' ').replace(/[^\x20-\x7e]/g, '?').slice(0, 900);
}

function findHeaderEnd(message: Buffer): number {
  const at = message.indexOf('\r\n\r\n');
  return at === -1 ? message.length : at + 2;
}
