import { describe, expect, it } from 'vitest';
import type { ServerSettings } from '../../../src-shared/model';
import { DEFAULT_TIMEOUTS, imapFlowOptions, isLoopback } from './connection-options';

const server = (security: ServerSettings['security']): ServerSettings => ({ host: 'imap.example.org', port: 993, security, user: 'alice' });
const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

describe('imapFlowOptions', () => {
  it("'tls' is implicit TLS with verified certificates and the default authorities", () => {
    const options = imapFlowOptions({ server: server('tls'), password: 'pw', trustedCertificates: [] }, DEFAULT_TIMEOUTS);
    expect(options).toMatchObject({ secure: true, host: 'imap.example.org', port: 993, auth: { user: 'alice', pass: 'pw' }, logger: false });
    expect(options.tls).toMatchObject({ rejectUnauthorized: true });
    expect(options.tls?.ca).toBeUndefined();
    expect(options.doSTARTTLS).toBeUndefined();
  });

  it("'starttls' requires the upgrade, so a missing STARTTLS fails instead of falling back", () => {
    const options = imapFlowOptions({ server: server('starttls'), password: 'pw', trustedCertificates: [PEM] }, DEFAULT_TIMEOUTS);
    expect(options).toMatchObject({ secure: false, doSTARTTLS: true });
    expect(options.tls).toMatchObject({ rejectUnauthorized: true });
    // Trusted certificates come on top of the default authorities, not instead of them.
    const ca = options.tls?.ca;
    expect(Array.isArray(ca) && ca.length > 100 && ca.at(-1) === PEM).toBe(true);
  });

  it("'none' never attempts TLS", () => {
    const options = imapFlowOptions({ server: server('none'), password: 'pw', trustedCertificates: [PEM] }, DEFAULT_TIMEOUTS);
    expect(options).toMatchObject({ secure: false, doSTARTTLS: false });
    expect(options.tls).toBeUndefined();
  });

  it('passes the connection and greeting timeouts on', () => {
    const options = imapFlowOptions({ server: server('tls'), password: 'pw', trustedCertificates: [] }, { connectMs: 1, greetingMs: 2, socketMs: 3 });
    expect(options).toMatchObject({ connectionTimeout: 1, greetingTimeout: 2, socketTimeout: 3 });
  });

  it('turns COMPRESS=DEFLATE off only on loopback, where it costs time and saves nothing', () => {
    const at = (host: string) => imapFlowOptions({ server: { ...server('tls'), host }, password: 'pw', trustedCertificates: [] }, DEFAULT_TIMEOUTS);
    expect(at('127.0.0.1').disableCompression).toBe(true);
    expect(at('imap.example.org').disableCompression).toBe(false);
  });
});

describe('isLoopback', () => {
  it.each(['localhost', 'LOCALHOST.', 'mail.localhost', '127.0.0.1', '127.1.2.3', '::1', '[::1]', '::ffff:127.0.0.1'])('%s is loopback', (host) => {
    expect(isLoopback(host)).toBe(true);
  });

  it.each(['imap.example.org', 'localhost.example.org', '128.0.0.1', '10.0.0.1', '::2', '127.0.0.1.example.org', ''])('%s is not', (host) => {
    expect(isLoopback(host)).toBe(false);
  });
});
