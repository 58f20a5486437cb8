import { describe, expect, it } from 'vitest';
import { describeFailure } from './connection-errors';

const server = { host: 'imap.example.com', port: 993 };
const error = (message: string, props: Record<string, unknown>) => Object.assign(new Error(message), props);

describe('describeFailure', () => {
  it('names the server and the reason for network failures, which are retried', () => {
    expect(describeFailure(error('connect ECONNREFUSED 1.2.3.4:993', { code: 'ECONNREFUSED' }), server)).toEqual({
      kind: 'network',
      detail: 'Cannot reach imap.example.com:993 (connection refused)',
    });
    expect(describeFailure(error('x', { code: 'GREETING_TIMEOUT' }), server).detail).toBe('Cannot reach imap.example.com:993 (the server did not greet)');
  });

  it("quotes the server's own words for a refused login, which is not retried", () => {
    const refused = error('Command failed', { authenticationFailed: true, responseText: 'Authentication failed.', serverResponseCode: 'AUTHENTICATIONFAILED' });
    expect(describeFailure(refused, server)).toEqual({ kind: 'auth', detail: 'Login failed: Authentication failed.' });
  });

  it('retries a login the server says is refused only for now (RFC 5530 UNAVAILABLE)', () => {
    const busy = error('Command failed', { authenticationFailed: true, responseText: 'Try again later', serverResponseCode: 'UNAVAILABLE' });
    expect(describeFailure(busy, server).kind).toBe('network');
  });

  it('reports TLS and STARTTLS failures as needing the user', () => {
    expect(describeFailure(error('Server does not support STARTTLS', { tlsFailed: true }), server)).toEqual({
      kind: 'tls',
      detail: 'Cannot secure the connection to imap.example.com:993: Server does not support STARTTLS',
    });
    expect(describeFailure(error('self-signed certificate', { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }), server).kind).toBe('tls');
  });

  it('keeps a hostile server text to one bounded line', () => {
    const { detail } = describeFailure(error('x', { authenticationFailed: true, responseText: `no\r\n${'a'.repeat(5000)}` }), server);
    expect(detail).not.toMatch(/[\r\n]/);
    expect(detail.length).toBeLessThan(600);
  });

  it('describes anything else it is given', () => {
    expect(describeFailure('boom', server)).toEqual({ kind: 'network', detail: 'Connection to imap.example.com:993 failed: boom' });
  });
});
