/**
 * What the user is shown about a server certificate Tern does not trust, so they can
 * compare it with what their provider publishes and trust that exact certificate: subject,
 * issuer, validity, and the SHA-256 fingerprint of the DER bytes.
 */
import * as tls from 'node:tls';
import type { CertificateReport } from '../../../src-shared/account-setup';

/**
 * Trusting a certificate adds it to the authorities the connections verify against (the
 * account's `trustedCertificates`), which makes exactly that certificate valid only when it
 * is self-signed; an expired one, one for another name, or one issued by an unknown
 * authority would fail again, so those are not offered for trust.
 */
const TRUSTABLE = 'DEPTH_ZERO_SELF_SIGNED_CERT';

const reasons: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'it is self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'it was issued by an authority this system does not trust',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'it was issued by an authority this system does not trust',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'it was issued by an authority this system does not trust',
  CERT_HAS_EXPIRED: 'it has expired',
  CERT_NOT_YET_VALID: 'it is not valid yet',
  ERR_TLS_CERT_ALTNAME_INVALID: 'it was made for a different server name',
};

/** Why a certificate failed, in words, with Node's code for the expert. */
export function reasonText(code: string): string {
  return `${reasons[code] ?? 'it did not verify'} (${code || 'unknown'})`;
}

export function certificateReport(socket: tls.TLSSocket): CertificateReport | null {
  const certificate = socket.getPeerCertificate(false);
  if (!certificate || !certificate.raw) return null;
  const reason = String(socket.authorizationError ?? '');
  return {
    subject: distinguishedName(certificate.subject),
    issuer: distinguishedName(certificate.issuer),
    fingerprint: certificate.fingerprint256,
    validFrom: certificate.valid_from,
    validTo: certificate.valid_to,
    reason,
    pem: toPem(certificate.raw),
    trustable: reason === TRUSTABLE,
  };
}

export function toPem(der: Buffer): string {
  const base64 = der.toString('base64').replace(/.{1,64}/g, '$&\n');
  return `-----BEGIN CERTIFICATE-----\n${base64}-----END CERTIFICATE-----\n`;
}

/** TLS options that verify against the default authorities plus the certificates the user trusted. */
export function authorities(trusted: readonly string[]): Pick<tls.ConnectionOptions, 'ca'> {
  // Node's `ca` replaces the default authorities, so they are listed again with the extra ones.
  return trusted.length > 0 ? { ca: [...tls.rootCertificates, ...trusted] } : {};
}

function distinguishedName(name: tls.Certificate | undefined): string {
  if (!name) return '';
  return Object.entries(name)
    .map(([key, value]) => `${key}=${Array.isArray(value) ? value.join('+') : String(value)}`)
    .join(', ')
    .slice(0, 2000);
}
