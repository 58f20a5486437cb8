/**
 * Reads a Mozilla autoconfig file (the "clientConfig" format of Thunderbird's ISPDB, so
 * existing provider files work) into server candidates. The file comes from the network
 * and is hostile until checked: it is size-limited, parsed without entity expansion, and
 * every hostname, port and socket type is validated; entries Tern cannot use (Exchange,
 * OAuth-only) are skipped rather than guessed at.
 */
import { XMLParser } from 'fast-xml-parser';
import type { Security } from '../../../src-shared/model';

export type MailProtocol = 'imap' | 'pop3' | 'smtp';

export interface ServerCandidate {
  protocol: MailProtocol;
  host: string;
  port: number;
  security: Security;
  /** The login name with the file's placeholders filled in. */
  username: string;
  /** Where this candidate came from, shown to the user next to it. */
  source: string;
}

export class AutoconfigError extends Error {
  override name = 'AutoconfigError';
}

const MAX_BYTES = 256 * 1024;
const socketTypes: Record<string, Security> = { SSL: 'tls', STARTTLS: 'starttls', PLAIN: 'none' };
const hostnamePattern = /^(?=.{1,253}$)([A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  // No DTD entities: a "billion laughs" file must not expand.
  processEntities: false,
  htmlEntities: false,
  isArray: (name) => ['emailProvider', 'incomingServer', 'outgoingServer', 'authentication'].includes(name),
  maxNestedTags: 20,
});

export function parseClientConfig(xml: string, email: string, source: string): ServerCandidate[] {
  if (Buffer.byteLength(xml) > MAX_BYTES) throw new AutoconfigError(`The autoconfig file from ${source} is larger than ${MAX_BYTES / 1024} KB.`);
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw new AutoconfigError(`The autoconfig file from ${source} declares a DTD; refusing it.`);
  let document: unknown;
  try {
    document = parser.parse(xml, true);
  } catch (error) {
    throw new AutoconfigError(`The autoconfig file from ${source} is not well-formed XML: ${error instanceof Error ? error.message : String(error)}`);
  }
  const providers = (document as { clientConfig?: { emailProvider?: unknown[] } }).clientConfig?.emailProvider;
  if (!Array.isArray(providers)) throw new AutoconfigError(`The file from ${source} is not a clientConfig autoconfig file.`);
  const servers = providers.flatMap((provider) => {
    const p = provider as { incomingServer?: unknown[]; outgoingServer?: unknown[] };
    return [...(p.incomingServer ?? []), ...(p.outgoingServer ?? [])];
  });
  return servers.flatMap((server) => candidateOf(server as RawServer, email, source) ?? []);
}

interface RawServer {
  '@type'?: unknown;
  hostname?: unknown;
  port?: unknown;
  socketType?: unknown;
  username?: unknown;
  authentication?: unknown[];
}

function candidateOf(server: RawServer, email: string, source: string): ServerCandidate | null {
  const protocol = server['@type'];
  if (protocol !== 'imap' && protocol !== 'pop3' && protocol !== 'smtp') return null;
  const security = socketTypes[String(server.socketType ?? '').toUpperCase()];
  const host = fill(String(server.hostname ?? ''), email).toLowerCase();
  const port = Number(server.port);
  // Tern logs in with a password; a server offering only OAuth2 or GSSAPI is of no use yet.
  const methods = (server.authentication ?? []).map(String);
  const passwordLogin = methods.length === 0 || methods.some((m) => m.startsWith('password-'));
  const username = fill(String(server.username ?? '%EMAILADDRESS%'), email);
  if (!security || !hostnamePattern.test(host) || !Number.isInteger(port) || port < 1 || port > 65535 || !passwordLogin) return null;
  // A login name is an address at most (RFC 5321 §4.5.3.1 limits a path to 256 octets).
  if (username === '' || username.length > 320 || /\p{Cc}/u.test(username)) return null;
  return { protocol, host, port, security, username, source };
}

/** The placeholders of the format: %EMAILADDRESS%, %EMAILLOCALPART%, %EMAILDOMAIN%. */
function fill(template: string, email: string): string {
  const at = email.lastIndexOf('@');
  return template
    .replaceAll('%EMAILADDRESS%', email)
    .replaceAll('%EMAILLOCALPART%', email.slice(0, at))
    .replaceAll('%EMAILDOMAIN%', email.slice(at + 1))
    .trim();
}
