/**
 * What the account wizard and the engine exchange while setting up an account: server
 * candidates found by discovery (each labelled with where it came from), discovery
 * progress, and the outcome of verifying a server with the user's password. Passwords
 * appear only in the `account.verify` arguments, never in a result or an event.
 */
import { z } from 'zod';
import { accountIdSchema, incomingSettingsSchema, securitySchema, serverSettingsSchema } from './model';

export const mailProtocolSchema = z.enum(['imap', 'pop3', 'smtp']);

export const serverCandidateSchema = z.object({
  protocol: mailProtocolSchema,
  host: z.string().min(1).max(253),
  port: z.number().int().min(1).max(65535),
  security: securitySchema,
  username: z.string().max(320),
  /** Where the candidate came from, shown next to it (e.g. "autoconfig.example.org"). */
  source: z.string().max(500),
});
export type ServerCandidateDto = z.infer<typeof serverCandidateSchema>;

/** The discovery steps of issue #8, in the order their answers are preferred. */
export const discoveryStepSchema = z.enum(['autoconfig', 'srv', 'mx', 'guess']);
export type DiscoveryStep = z.infer<typeof discoveryStepSchema>;

export const discoverProgressSchema = z.object({
  /** The id the window gave `account.discover`, so it can tell its own lookups apart. */
  requestId: z.string().max(64),
  step: discoveryStepSchema,
  state: z.enum(['started', 'found', 'nothing', 'failed']),
  detail: z.string().max(2000),
});
export type DiscoverProgress = z.infer<typeof discoverProgressSchema>;

export const discoveryResultSchema = z.object({
  /** The best incoming server (IMAP preferred over POP3) and outgoing server, or null. */
  incoming: serverCandidateSchema.nullable(),
  smtp: serverCandidateSchema.nullable(),
  /** Every usable candidate found, best first per protocol, for an expert to pick from. */
  candidates: z.array(serverCandidateSchema).max(200),
  /** Sources that answered with something unusable (malformed XML, a refused redirect …). */
  problems: z.array(z.object({ source: z.string().max(500), message: z.string().max(2000) })).max(50),
  /** True when the overall time limit ended the lookups before every step had answered. */
  timedOut: z.boolean(),
});
export type DiscoveryResult = z.infer<typeof discoveryResultSchema>;

/** A server certificate as shown to the user before they decide to trust it. */
export const certificateReportSchema = z.object({
  subject: z.string().max(2000),
  issuer: z.string().max(2000),
  /** SHA-256 of the DER certificate, colon-separated hex, as browsers show it. */
  fingerprint: z.string().max(200),
  validFrom: z.string().max(100),
  validTo: z.string().max(100),
  /** Why verification failed, in Node's words (e.g. DEPTH_ZERO_SELF_SIGNED_CERT). */
  reason: z.string().max(500),
  /** PEM of the certificate, added to the account's trusted certificates when the user accepts it. */
  pem: z.string().max(20_000),
  /** True only for a self-signed certificate: adding any other one to the trusted list would not make it verify. */
  trustable: z.boolean(),
});
export type CertificateReport = z.infer<typeof certificateReportSchema>;

/** The outcome of verifying one server, with the problems a user can act on named. */
export const verifyOutcomeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ok'), detail: z.string().max(2000) }),
  z.object({ kind: z.literal('wrong-password'), detail: z.string().max(2000) }),
  z.object({ kind: z.literal('unreachable'), detail: z.string().max(2000) }),
  z.object({ kind: z.literal('certificate-untrusted'), detail: z.string().max(2000), certificate: certificateReportSchema }),
  z.object({ kind: z.literal('tls-not-offered'), detail: z.string().max(2000) }),
  z.object({ kind: z.literal('plaintext-refused'), detail: z.string().max(2000) }),
  z.object({ kind: z.literal('failed'), detail: z.string().max(2000) }),
]);
export type VerifyOutcome = z.infer<typeof verifyOutcomeSchema>;

export const discoverArgsSchema = z
  .object({
    requestId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
    email: z.string().min(3).max(320),
    /** The user agreed to plaintext servers beyond this machine (never the default). */
    allowPlaintext: z.boolean().default(false),
  })
  .strict();

export const verifyArgsSchema = z
  .object({
    incoming: incomingSettingsSchema,
    smtp: serverSettingsSchema.nullable(),
    password: z.string().min(1).max(10_000),
    /** For an SMTP login that differs from the incoming one; else `password` is used. */
    smtpPassword: z.string().min(1).max(10_000).optional(),
    trustedCertificates: z.array(z.string().max(20_000)).max(8).default([]),
    allowPlaintext: z.boolean().default(false),
  })
  .strict();
export type VerifyArgs = z.infer<typeof verifyArgsSchema>;

/**
 * Checking a saved account's changed settings (`account.reverify`). A password left out is
 * the one Tern holds, but only for a server whose host did not change (see
 * engine/verify/stored-passwords.ts).
 */
export const reverifyArgsSchema = verifyArgsSchema.extend({
  accountId: accountIdSchema,
  password: z.string().min(1).max(10_000).optional(),
});
export type ReverifyArgs = z.infer<typeof reverifyArgsSchema>;

export const verifyResultSchema = z.object({ incoming: verifyOutcomeSchema, smtp: verifyOutcomeSchema.nullable() });
export type VerifyResult = z.infer<typeof verifyResultSchema>;
