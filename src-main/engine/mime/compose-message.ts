/**
 * Turns an OutgoingMessage into RFC 5322 bytes with nodemailer's composer: text and HTML as
 * multipart/alternative, inline images in multipart/related, attachments in
 * multipart/mixed, RFC 2047 encoded words and RFC 2231 filenames, quoted-printable or
 * base64 per part so no line exceeds 998 octets (RFC 5322 §2.1.1). Bcc recipients go into
 * the envelope only. Attachment bytes are streamed from the outbox's staged blobs, so a
 * large attachment is never held in memory whole.
 */
import type { Readable } from 'node:stream';
import { domainToASCII } from 'node:url';
import MailComposer from 'nodemailer/lib/mail-composer';
import { outgoingMessageSchema, type OutgoingAddress, type OutgoingMessage } from '../../../src-shared/outgoing';

export interface Envelope {
  from: string;
  to: string[];
}

export interface ComposedMessage {
  raw: Buffer;
  envelope: Envelope;
  /** True when an address needs SMTPUTF8 (a non-ASCII local part, RFC 6531). */
  needsSmtpUtf8: boolean;
}

export interface ComposedStream {
  /** The message's bytes; read it once. */
  stream: Readable;
  envelope: Envelope;
  needsSmtpUtf8: boolean;
}

/** Where the bytes of a staged attachment come from (the outbox spool, or memory in tests). */
export interface AttachmentSource {
  open(blobId: string): Readable | Buffer;
}

/** The whole message in memory: for drafts and Sent copies, whose size the caller bounds. */
export async function composeMessage(input: OutgoingMessage, attachments: AttachmentSource): Promise<ComposedMessage> {
  const { stream, envelope, needsSmtpUtf8 } = composeMessageStream(input, attachments);
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return { raw: Buffer.concat(chunks), envelope, needsSmtpUtf8 };
}

export function composeMessageStream(input: OutgoingMessage, attachments: AttachmentSource): ComposedStream {
  // The contract already validated this; parse again because this is the last line of
  // defence against header injection before bytes reach a server.
  const message = outgoingMessageSchema.parse(input);
  const composer = new MailComposer({
    from: mailbox(message.from),
    ...(message.replyTo ? { replyTo: mailbox(message.replyTo) } : {}),
    to: message.to.map(mailbox),
    cc: message.cc.map(mailbox),
    subject: message.subject,
    messageId: message.messageId,
    date: new Date(message.date),
    ...(message.inReplyTo ? { inReplyTo: message.inReplyTo } : {}),
    ...(message.references.length > 0 ? { references: message.references } : {}),
    text: message.text,
    ...(message.html !== null ? { html: message.html } : {}),
    attachments: message.attachments.map((a) => ({
      filename: safeFilename(a.filename),
      contentType: a.contentType,
      content: attachments.open(a.blobId),
      // Explicit, because nodemailer shows some types (message/rfc822) inline by default,
      // and a forwarded message must arrive as a file to open (RFC 2183).
      ...(a.contentId ? { cid: a.contentId } : { contentDisposition: 'attachment' as const }),
    })),
    // Attachments come only from the bytes above, never from a path or URL in the input.
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  const stream = composer.compile().createReadStream();
  const recipients = [...message.to, ...message.cc, ...message.bcc].map((a) => envelopeAddress(a.address));
  return {
    stream,
    envelope: { from: envelopeAddress(message.from.address), to: [...new Set(recipients)] },
    needsSmtpUtf8: [message.from, ...message.to, ...message.cc, ...message.bcc].some((a) => !isAscii(localPart(a.address))),
  };
}

function mailbox(address: OutgoingAddress): { name: string; address: string } {
  return { name: address.name, address: address.address };
}

/** The name a recipient's program will save the file as: no directories, no control characters. */
export function safeFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
  const cleaned = base.replace(/[\u0000-\u001f\u007f]/g, '').replace(/^\.+/, '').trim();
  return cleaned.length > 0 ? cleaned : 'attachment';
}

/** The domain in its ASCII (IDNA) form, so that only a non-ASCII local part needs SMTPUTF8. */
function envelopeAddress(address: string): string {
  const at = address.lastIndexOf('@');
  const domain = domainToASCII(address.slice(at + 1));
  return `${address.slice(0, at)}@${domain || address.slice(at + 1)}`;
}

function localPart(address: string): string {
  return address.slice(0, address.lastIndexOf('@'));
}

function isAscii(text: string): boolean {
  return !/[\u0080-\u{10ffff}]/u.test(text);
}
