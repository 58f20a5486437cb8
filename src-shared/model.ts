/**
 * The domain model shared by the engine (main process) and the cache (renderer).
 * Schemas are zod so that every value crossing the process boundary can be checked at
 * runtime; the TypeScript types are derived from them, so the two can never disagree.
 */
import { z } from 'zod';

export const accountIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'account id must be 1-64 letters, digits, _ or -');
export type AccountId = z.infer<typeof accountIdSchema>;

/** How a connection is protected. `none` is plaintext and meant for loopback or explicit consent. */
export const securitySchema = z.enum(['tls', 'starttls', 'none']);
export type Security = z.infer<typeof securitySchema>;

const hostSchema = z
  .string()
  .min(1, 'host is required')
  .max(253)
  .regex(/^[A-Za-z0-9.\-:[\]]+$/, 'host may contain only letters, digits, dots, dashes, colons and brackets');

export const serverSettingsSchema = z.object({
  host: hostSchema,
  port: z.number().int().min(1).max(65535),
  security: securitySchema,
  user: z.string().min(1, 'user name is required').max(256),
});
export type ServerSettings = z.infer<typeof serverSettingsSchema>;

/** Which protocol brings mail in. Each branch carries that protocol's own options. */
export const incomingSettingsSchema = z.discriminatedUnion('protocol', [
  serverSettingsSchema.extend({
    protocol: z.literal('imap'),
    /** RFC 1733 access model: disconnected mirrors and queues; online acts on the server. */
    accessModel: z.enum(['disconnected', 'online']).default('disconnected'),
  }),
  serverSettingsSchema.extend({
    protocol: z.literal('pop3'),
    // Optional, so accounts stored before these options existed still parse; `pop3Options`
    // fills in the defaults (leave on server, check every 10 minutes, TOP above 5 MB).
    /** What happens to the server's copy once a message is durably in the cache (issue 7). */
    retention: z.enum(['keep', 'delete-after-download', 'delete-after-days', 'delete-when-deleted-locally']).optional(),
    /** Days a downloaded message stays on the server under 'delete-after-days'. */
    retentionDays: z.number().int().min(1).max(3650).optional(),
    /** Minutes between checks for new mail. */
    checkIntervalMinutes: z.number().int().min(1).max(24 * 60).optional(),
    /** Above this size only the header is fetched (TOP) and the rest when the message is opened. */
    largeMessageBytes: z.number().int().min(1024).max(1024 * 1024 * 1024).optional(),
    /** Login mechanism; by default SASL PLAIN when offered, else USER/PASS. APOP only when chosen. */
    auth: z.enum(['user', 'apop', 'sasl-plain']).optional(),
  }),
]);
export type Pop3Settings = Extract<IncomingSettings, { protocol: 'pop3' }>;
export type Pop3Options = Required<Pick<Pop3Settings, 'retention' | 'retentionDays' | 'checkIntervalMinutes' | 'largeMessageBytes'>>;
export type Pop3Retention = Pop3Options['retention'];

/** A POP3 account's options with the defaults filled in. */
export function pop3Options(settings: Pop3Settings): Pop3Options {
  return {
    retention: settings.retention ?? 'keep',
    retentionDays: settings.retentionDays ?? 14,
    checkIntervalMinutes: settings.checkIntervalMinutes ?? 10,
    largeMessageBytes: settings.largeMessageBytes ?? 5 * 1024 * 1024,
  };
}
export type IncomingSettings = z.infer<typeof incomingSettingsSchema>;
export type IncomingProtocol = IncomingSettings['protocol'];

/** A From address the user sends as (RFC 5322 §3.6.2), with its own signature and Reply-To. */
export const identitySchema = z.object({
  name: z.string().max(200),
  address: z.string().min(3).max(320),
  replyTo: z.string().max(320).nullable().default(null),
  signature: z.string().max(10_000).default(''),
});
export type Identity = z.infer<typeof identitySchema>;

/**
 * Which bodies a folder of a disconnected IMAP account keeps offline (RFC 4549): all of
 * them, those of messages from the last `days` days, or none (headers only; a body then
 * comes when the message is opened).
 */
export const offlinePolicySchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all') }),
  z.object({ kind: z.literal('recent'), days: z.number().int().min(1).max(36_500) }),
  z.object({ kind: z.literal('headers') }),
]);
export type OfflinePolicy = z.infer<typeof offlinePolicySchema>;

/** The smallest disk budget accepted: below it a single large message would not fit. */
export const MIN_BODY_BUDGET_BYTES = 50 * 1024 * 1024;

/**
 * An IMAP account's offline settings. Every field is optional so accounts stored before they
 * existed still parse; `offlineSettings` (offline-policy.ts) fills in the defaults.
 */
export const offlineSettingsSchema = z.object({
  /** The policy of folders without their own; by default bodies of the last 90 days. */
  defaultPolicy: offlinePolicySchema.optional(),
  /** Per-folder policies, by folder path. */
  folderPolicies: z.record(z.string().min(1).max(1000), offlinePolicySchema).optional(),
  /** Bytes of bodies and attachments the account may keep; the oldest bodies go first beyond it. */
  budgetBytes: z.number().int().min(MIN_BODY_BUDGET_BYTES).max(2 ** 40).optional(),
});
export type OfflineSettings = z.infer<typeof offlineSettingsSchema>;

/** An account as the cache stores it. Passwords are never part of it (see SecretStore). */
export const accountSchema = z.object({
  id: accountIdSchema,
  name: z.string().min(1).max(200),
  email: z.string().min(3).max(320),
  incoming: incomingSettingsSchema,
  /** Submission server (RFC 6409); null until the user or autoconfiguration sets one. Its
   *  user may differ from the incoming one; its password is stored under its own key. */
  smtp: serverSettingsSchema.nullable().default(null),
  /** Extra From addresses; the account's own name and email are always the first identity. */
  identities: z.array(identitySchema).max(50).default([]),
  /** Hand outgoing mail to the embedded relay instead of the submission server. */
  sendThroughRelay: z.boolean().default(false),
  /** The submission server files sent mail in Sent itself (e.g. Gmail), so Tern saves no copy. */
  serverSavesSent: z.boolean().optional(),
  /** PEM certificates to trust in addition to the system store (self-signed servers). */
  trustedCertificates: z.array(z.string().max(20_000)).max(8).default([]),
  /** Which bodies are kept offline, and in how many bytes (IMAP accounts; offline-policy.ts). */
  offline: offlineSettingsSchema.optional(),
});
export type Account = z.infer<typeof accountSchema>;

export const accountStateSchema = z.enum(['connecting', 'syncing', 'online', 'offline', 'error']);
export type AccountState = z.infer<typeof accountStateSchema>;

export const accountStatusSchema = z.object({
  accountId: accountIdSchema,
  state: accountStateSchema,
  /** Human-readable detail, e.g. the server's own words for a failed login. */
  detail: z.string().max(2000).optional(),
  at: z.number(),
});
export type AccountStatus = z.infer<typeof accountStatusSchema>;

/** RFC 6154 special-use roles that Tern recognises. */
export const specialUseSchema = z.enum(['inbox', 'sent', 'drafts', 'trash', 'junk', 'archive', 'all', 'flagged']);
export type SpecialUse = z.infer<typeof specialUseSchema>;

const folderPathSchema = z.string().min(1).max(1000);

export const folderSchema = z.object({
  accountId: accountIdSchema,
  /** The server's mailbox name, decoded (imapflow decodes modified UTF-7). */
  path: folderPathSchema,
  /** Last hierarchy level, for display. */
  name: z.string().max(1000),
  /** Hierarchy separator as the server reported it (RFC 3501 §6.3.8); null for flat. */
  delimiter: z.string().max(1).nullable(),
  parentPath: folderPathSchema.nullable(),
  specialUse: specialUseSchema.nullable(),
  subscribed: z.boolean(),
  /** \Noselect folders hold no messages (RFC 3501 §7.2.2). */
  selectable: z.boolean(),
});
export type Folder = z.infer<typeof folderSchema>;

export const addressSchema = z.object({ name: z.string().max(1000), address: z.string().max(1000) });
export type Address = z.infer<typeof addressSchema>;

export const messageHeaderSchema = z.object({
  accountId: accountIdSchema,
  folderPath: folderPathSchema,
  uid: z.number().int().positive(),
  messageId: z.string().max(1000).nullable(),
  subject: z.string().max(10_000),
  from: z.array(addressSchema).max(100),
  to: z.array(addressSchema).max(10_000),
  cc: z.array(addressSchema).max(10_000),
  /** Envelope date (ms since epoch); internal date when the header has none. */
  date: z.number(),
  internalDate: z.number(),
  size: z.number().int().nonnegative(),
  flags: z.array(z.string().max(200)).max(200),
  /** 1 when \Seen is absent. A number, because IndexedDB cannot index booleans. */
  unread: z.union([z.literal(0), z.literal(1)]),
  inReplyTo: z.string().max(2000).nullable(),
  /** Message-IDs of the References header (RFC 5322 §3.6.4), oldest first, for threading. */
  references: z.array(z.string().max(1000)).max(500).optional(),
  /** RFC 2919 List-Id, for mailing-list views and filters. */
  listId: z.string().max(1000).nullable().optional(),
  /** 1 when BODYSTRUCTURE shows an attachment part (known without downloading the body). */
  hasAttachments: z.union([z.literal(0), z.literal(1)]).optional(),
});
export type MessageHeader = z.infer<typeof messageHeaderSchema>;

export const messageBodySchema = z.object({
  accountId: accountIdSchema,
  folderPath: folderPathSchema,
  uid: z.number().int().positive(),
  text: z.string(),
  /** Raw (unsanitised) HTML part, if any; the reader sanitises before showing it. */
  html: z.string().nullable(),
  /** Set when the message could not be fully parsed; the text shows what could be. */
  problem: z.string().max(2000).nullable(),
  fetchedAt: z.number(),
});
export type MessageBody = z.infer<typeof messageBodySchema>;

/** One part of a downloaded message other than its text: an attachment, or an inline part
 *  the HTML refers to by cid: (RFC 2392). Its bytes are stored apart (the cache's
 *  attachmentData table) so that listing attachments never loads them. */
export const messageAttachmentSchema = z.object({
  accountId: accountIdSchema,
  folderPath: folderPathSchema,
  uid: z.number().int().positive(),
  /** The IMAP part number (RFC 3501 §6.4.5), unique within the message. */
  partId: z.string().regex(/^\d{1,6}(\.\d{1,6}){0,50}$/),
  /** As the message names it (RFC 2231 decoded), unsanitised: the reader sanitises before saving. */
  filename: z.string().max(2000),
  contentType: z.string().max(300),
  size: z.number().int().nonnegative(),
  /** Content-ID without angle brackets, or null. */
  contentId: z.string().max(1000).nullable(),
  /** True for a part of multipart/related with a Content-ID (an image the HTML shows), not listed. */
  inline: z.boolean(),
});
export type MessageAttachment = z.infer<typeof messageAttachmentSchema>;

/**
 * Where a folder's synchronisation stands. Advanced only together with the content it
 * describes (see StorePort.applyHeaderDelta). UIDNEXT and HIGHESTMODSEQ are optional
 * because RFC 3501 servers may omit UIDNEXT and only CONDSTORE servers send HIGHESTMODSEQ.
 */
export const syncCursorSchema = z.object({
  accountId: accountIdSchema,
  folderPath: folderPathSchema,
  uidValidity: z.number().int().nonnegative(),
  uidNext: z.number().int().nonnegative().nullable(),
  highestModseq: z.string().regex(/^\d{1,20}$/).nullable(),
  /** Highest UID whose headers are in the cache. */
  highestUid: z.number().int().nonnegative(),
  /**
   * EXISTS at the SELECT of the last complete sync, with UIDNEXT and HIGHESTMODSEQ from it:
   * a STATUS answering the same three shows nothing changed since (sync/folder-unchanged.ts).
   * Absent from cursors stored before it was kept.
   */
  exists: z.number().int().nonnegative().nullable().optional(),
  syncedAt: z.number(),
});
export type SyncCursor = z.infer<typeof syncCursorSchema>;

/** One batch of header changes for a folder, applied atomically with its cursor. */
export const headerDeltaSchema = z.object({
  accountId: accountIdSchema,
  folderPath: folderPathSchema,
  /** Drop every cached message of the folder first (UIDVALIDITY changed, RFC 4549 §4.1). */
  reset: z.boolean(),
  upserts: z.array(messageHeaderSchema),
  flagUpdates: z.array(z.object({ uid: z.number().int().positive(), flags: z.array(z.string().max(200)).max(200) })),
  removedUids: z.array(z.number().int().positive()),
  cursor: syncCursorSchema,
});
export type HeaderDelta = z.infer<typeof headerDeltaSchema>;
