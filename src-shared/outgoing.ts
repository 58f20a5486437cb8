/**
 * A message on its way out, as the composer hands it to the outbox and the engine turns
 * it into MIME. Everything in it is user input and is checked here; header values may not
 * carry line breaks (they would inject headers), and the Message-ID and Date are fixed when
 * the message is queued so that a retry sends the same message, not a second one.
 */
import { z } from 'zod';

const noLineBreaks = (max: number) => z.string().max(max).refine((value) => !/[\r\n]/.test(value), 'must not contain line breaks');

/** An address as the user typed it; the domain may be internationalised. */
export const outgoingAddressSchema = z.object({
  name: noLineBreaks(500),
  address: z
    .string()
    .max(320)
    .regex(/^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/u, 'is not an email address'),
});
export type OutgoingAddress = z.infer<typeof outgoingAddressSchema>;

export const outgoingAttachmentSchema = z.object({
  /** Shown to the recipient; path separators and control characters are removed when composing. */
  filename: z.string().max(255),
  contentType: z.string().regex(/^[\w.+-]+\/[\w.+-]+$/, 'is not a MIME type').max(255),
  /** The bytes, base64-encoded. */
  contentBase64: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'is not base64'),
  /** For inline images: the Content-ID that the HTML refers to as cid:… (RFC 2392). */
  contentId: z.string().regex(/^[\x21-\x7e]{1,250}$/).optional(),
});
export type OutgoingAttachment = z.infer<typeof outgoingAttachmentSchema>;

export const outgoingMessageSchema = z.object({
  /** `<id@domain>`, fixed at queue time. */
  messageId: z.string().regex(/^<[\x21-\x3d\x3f-\x7e]{1,250}@[\x21-\x3d\x3f-\x7e]{1,250}>$/, 'is not a Message-ID'),
  date: z.number(),
  from: outgoingAddressSchema,
  replyTo: outgoingAddressSchema.optional(),
  to: z.array(outgoingAddressSchema).max(1000),
  cc: z.array(outgoingAddressSchema).max(1000),
  /** Receive the message, never appear in any header. */
  bcc: z.array(outgoingAddressSchema).max(1000),
  subject: noLineBreaks(2000),
  text: z.string(),
  html: z.string().nullable(),
  inReplyTo: z.string().max(1000).nullable(),
  references: z.array(z.string().max(1000)).max(500),
  attachments: z.array(outgoingAttachmentSchema).max(500),
});
export type OutgoingMessage = z.infer<typeof outgoingMessageSchema>;
