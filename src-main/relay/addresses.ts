import { isIP } from 'node:net';

/**
 * Checks a forward-path from RCPT TO (RFC 5321 §4.1.2, §4.5.3.1): a local part of at most 64
 * octets and a domain that is a host name or an address literal. smtp-server has already
 * refused syntax it cannot parse; this refuses what we could never route.
 */
export function routableAddressProblem(address: string): string | undefined {
  const at = address.lastIndexOf('@');
  if (at <= 0 || at === address.length - 1) return 'an address needs a local part and a domain';
  if (at > 64) return 'the local part is longer than 64 octets';
  const domain = address.slice(at + 1);
  if (domain.length > 255) return 'the domain is longer than 255 octets';
  if (domain.startsWith('[')) return 'address literals are not accepted';
  const labels = domain.split('.');
  const ok = labels.length >= 2 && labels.every((l) => /^(?!-)[\p{L}\p{N}-]{1,63}(?<!-)$/u.test(l));
  if (!ok || isIP(domain)) return 'the domain is not a valid host name';
  return undefined;
}

/** Loopback listeners (127.0.0.0/8, ::1) serve only this machine and need no AUTH to relay. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
