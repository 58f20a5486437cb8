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

/** A staged attachment's name in the main process's spool: random, and nothing a path could hide in. */
export const blobIdSchema = z.string().regex(/^[a-f0-9]{32}$/, 'is not a blob id');

export const outgoingAttachmentSchema = z.object({
  /** Shown to the recipient; path separators and control characters are removed when composing. */
  filename: z.string().max(255),
  contentType: z.string().regex(/^[\w.+-]+\/[\w.+-]+$/, 'is not a MIME type').max(255),
  /** The bytes, staged in the main process beforehand (`compose.blobCreate`/`compose.blobAppend`),
   *  so that a large file never travels as one JSON value. */
  blobId: blobIdSchema,
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

/** A draft's id (a UUID): it names the draft in the cache and, as its Message-ID, on the server. */
export const draftIdSchema = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'is not a draft id');

/** What the composer hands over: the engine adds the Message-ID and Date when it queues. */
export const composedMessageSchema = outgoingMessageSchema.omit({ messageId: true, date: true });
export type ComposedOutgoing = z.infer<typeof composedMessageSchema>;

/** Where one recipient stands: accepted (250), rejected (5xx, final) or deferred (4xx, retried). */
export const recipientOutcomeSchema = z.object({
  address: z.string().max(400),
  outcome: z.enum(['pending', 'accepted', 'rejected', 'deferred']),
  /** The server's own words for a refusal. */
  text: z.string().max(2000),
});
export type RecipientOutcome = z.infer<typeof recipientOutcomeSchema>;

/**
 * One outbox entry as the UI shows it. `waiting`: held for undo, scheduled, or retrying
 * later; `sending`: a submission is under way; `submitted`: the server took it and the
 * copy for Sent is still to be saved; `failed`: it cannot go as it is (the error or the
 * rejected recipients say why) and stays until the user removes it.
 */
export const outboxEntrySchema = z.object({
  id: z.string().regex(/^[a-f0-9]{32}$/),
  accountId: z.string().max(64),
  messageId: z.string().max(600),
  subject: z.string().max(2000),
  createdAt: z.number(),
  sendAt: z.number(),
  state: z.enum(['waiting', 'sending', 'submitted', 'failed']),
  attempts: z.number().int().nonnegative(),
  nextAttemptAt: z.number(),
  error: z.string().max(2000).nullable(),
  recipients: z.array(recipientOutcomeSchema).max(3000),
  size: z.number().int().nonnegative(),
});
export type OutboxEntry = z.infer<typeof outboxEntrySchema>;
