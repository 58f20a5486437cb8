/**
 * The embedded relay as the Settings view sees it: its settings (kept by the main process in
 * the profile, never in IndexedDB; the smarthost password lives in the host's secret store),
 * whether it runs, and its queue.
 */
import { z } from 'zod';

const ipv4Loopback = /^127(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;

/** The app's relay takes mail from this machine only, so it needs no AUTH and is never an open relay. */
export const loopbackHostSchema = z.string().refine((h) => ipv4Loopback.test(h) || h === '::1', 'must be a loopback address (127.x.x.x or ::1)');

/** `IP:PORT` of a DNS server for MX lookups (split DNS, tests). */
export const dnsServerSchema = z.string().regex(/^(?:\d{1,3}(?:\.\d{1,3}){3}|\[[0-9a-fA-F:]+\]):\d{1,5}$/, 'must be IP:PORT, e.g. 192.0.2.53:53');

export const relaySettingsSchema = z
  .object({
    enabled: z.boolean(),
    listenHost: loopbackHostSchema,
    listenPort: z.number().int().min(1).max(65535),
    mode: z.enum(['direct', 'smarthost']),
    /** Direct mode: the DNS server to ask for MX records; the system's when null. */
    dnsServer: dnsServerSchema.nullable(),
    /** Smarthost mode: `smtp://host:port` (STARTTLS) or `smtps://host:port` (implicit TLS). */
    smarthostUrl: z.string().max(300).nullable(),
    smarthostUser: z.string().max(320).nullable(),
  })
  .strict()
  .superRefine((s, ctx) => {
    if (s.mode !== 'smarthost') return;
    const parsed = s.smarthostUrl === null ? null : parseSmarthostUrl(s.smarthostUrl);
    if (!parsed || 'error' in parsed) ctx.addIssue({ code: 'custom', path: ['smarthostUrl'], message: parsed && 'error' in parsed ? parsed.error : 'a smarthost URL is required' });
  });
export type RelaySettings = z.infer<typeof relaySettingsSchema>;

export const defaultRelaySettings: RelaySettings = {
  enabled: false,
  listenHost: '127.0.0.1',
  listenPort: 2525,
  mode: 'direct',
  dnsServer: null,
  smarthostUrl: null,
  smarthostUser: null,
};

export interface SmarthostAddress {
  host: string;
  port: number;
  /** Implicit TLS (smtps, RFC 8314 §3.3); otherwise STARTTLS. */
  secure: boolean;
}

/** Reads `smtp://host[:port]` (default 587) or `smtps://host[:port]` (default 465). */
export function parseSmarthostUrl(text: string): SmarthostAddress | { error: string } {
  const match = /^(smtps?):\/\/(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+)(?::(\d{1,5}))?\/?$/.exec(text.trim());
  if (!match) return { error: 'must look like smtp://smtp.example.com:587 or smtps://smtp.example.com:465' };
  const [, scheme, host, port] = match;
  const secure = scheme === 'smtps';
  const number = port === undefined ? (secure ? 465 : 587) : Number(port);
  if (number < 1 || number > 65535) return { error: `${port} is not a port number` };
  return { host: host!.replace(/^\[|\]$/g, ''), port: number, secure };
}

export const relayStatusSchema = z.object({
  state: z.enum(['off', 'starting', 'running', 'failed']),
  /** Where it takes mail while running. */
  address: z.object({ host: z.string(), port: z.number().int() }).nullable(),
  /** Why it failed to start (e.g. the port is taken). */
  error: z.string().nullable(),
});
export type RelayStatus = z.infer<typeof relayStatusSchema>;

export const relayQueuedMessageSchema = z.object({
  id: z.string(),
  from: z.string(),
  queuedAt: z.number(),
  size: z.number().int().nonnegative(),
  recipients: z.array(
    z.object({
      address: z.string(),
      state: z.enum(['pending', 'delivered', 'failed']),
      attempts: z.number().int().nonnegative(),
      nextAttemptAt: z.number(),
      lastError: z.string().nullable(),
    }),
  ),
});
export type RelayQueuedMessage = z.infer<typeof relayQueuedMessageSchema>;
export const relayQueueSchema = z.array(relayQueuedMessageSchema);

export const relayOverviewSchema = z.object({
  settings: relaySettingsSchema,
  smarthostPasswordSaved: z.boolean(),
  status: relayStatusSchema,
  queue: relayQueueSchema,
});
export type RelayOverview = z.infer<typeof relayOverviewSchema>;
