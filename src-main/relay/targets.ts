import type { MxHost } from './mx';
import type { RelayOptions } from './options';
import type { OutboundTarget } from './smtp-client';

/** Bound on addresses tried per destination per attempt, so a huge MX set cannot stall the queue. */
const MAX_TARGETS = 10;

function common(options: RelayOptions): Pick<OutboundTarget, 'heloName' | 'connectTimeout' | 'socketTimeout'> {
  return { heloName: options.hostname, connectTimeout: options.connectTimeout, socketTimeout: options.socketTimeout };
}

/** Every address of every MX host, in MX order, on the configured MX port. */
export function mxTargets(hosts: MxHost[], options: RelayOptions): OutboundTarget[] {
  return hosts
    .flatMap((host) =>
      host.addresses.map((address) => ({
        host: address,
        port: options.mxPort,
        name: host.name,
        secure: false,
        // Opportunistic STARTTLS (RFC 3207, RFC 7435): encrypt when offered, verify only when asked.
        requireTLS: false,
        rejectUnauthorized: options.verifyMxCertificates,
        ...common(options),
      })),
    )
    .slice(0, MAX_TARGETS);
}

/** The smarthost: TLS is required (implicit or STARTTLS) and verified unless marked insecure. */
export function smarthostTarget(options: RelayOptions): OutboundTarget | undefined {
  const s = options.smarthost;
  if (!s) return undefined;
  return {
    host: s.host,
    port: s.port,
    name: s.host,
    secure: s.secure,
    requireTLS: !s.secure && !s.insecure,
    rejectUnauthorized: !s.insecure,
    ...(s.ca ? { ca: s.ca } : {}),
    ...(s.user !== undefined && s.password !== undefined ? { auth: { user: s.user, pass: s.password } } : {}),
    ...common(options),
  };
}
