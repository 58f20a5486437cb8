/**
 * The last discovery step: guess the usual host names (imap., pop., mail., smtp. and the
 * domain itself) on the standard ports and probe each without logging in. Implicit TLS is
 * preferred (RFC 8314 §3), then STARTTLS; plaintext only when the host is this machine or
 * the user consented, because a guessed plaintext server would receive the password in clear.
 */
import type { Security } from '../../../src-shared/model';
import { isLoopback } from '../imap/connection-options';
import { probeServer, type ProbeResult } from '../verify/probe-server';
import type { MailProtocol, ServerCandidate } from './client-config';
import type { DiscoveryConfig } from './discovery-config';

const prefixes: Record<MailProtocol, string[]> = {
  imap: ['imap.', 'mail.', ''],
  pop3: ['pop.', 'pop3.', 'mail.', ''],
  smtp: ['smtp.', 'mail.', ''],
};
const preference: Security[] = ['tls', 'starttls', 'none'];

export interface GuessOptions {
  allowPlaintext: boolean;
  signal: AbortSignal;
}

export async function guessServers(domain: string, email: string, config: DiscoveryConfig, { allowPlaintext, signal }: GuessOptions): Promise<ServerCandidate[]> {
  const attempts = (Object.keys(prefixes) as MailProtocol[]).flatMap((protocol) =>
    prefixes[protocol].flatMap((prefix) =>
      preference.flatMap((security) => {
        const port = config.guessPorts[protocol][security];
        const host = `${prefix}${domain}`;
        if (port === undefined || (security === 'none' && !allowPlaintext && !isLoopback(host))) return [];
        return [{ protocol, host, port, security }];
      }),
    ),
  );
  const probed = await Promise.all(
    attempts.map(async (target) => ({
      target,
      result: await probeServer(target, { lookup: config.lookup, trustedCertificates: [], timeoutMs: config.requestTimeoutMs, signal }),
    })),
  );
  // A server that answered with the protocol and could be secured as asked; the certificate
  // is judged at verification, where the user can decide to trust it.
  const working = probed.filter((p): p is typeof p & { result: Extract<ProbeResult, { kind: 'ok' }> } => p.result.kind === 'ok');
  const bySecurity = [...working].sort((a, b) => preference.indexOf(a.target.security) - preference.indexOf(b.target.security));
  return bySecurity.map(({ target }) => ({
    ...target,
    username: email,
    source: `guessed: ${target.host}:${target.port} answered`,
  }));
}
