import { describe, expect, it } from 'vitest';
import { simpleParser } from 'mailparser';
import { buildDsn } from './dsn';
import type { Envelope } from './envelope';

const original = Buffer.from('Received: from x\r\nMessage-ID: <orig@sender.test>\r\nSubject: hi\r\n\r\nbody text\r\n');

function envelope(ret?: 'HDRS' | 'FULL'): Envelope {
  return {
    id: 'q1',
    from: 'a@sender.test',
    queuedAt: Date.UTC(2026, 0, 1),
    warned: false,
    envid: 'env-42',
    ...(ret ? { ret } : {}),
    recipients: [{ address: 'b@example.test', state: 'failed', attempts: 1, nextAttemptAt: 0, status: '5.1.1', remoteMta: 'mx.example.test', lastError: '550 5.1.1 No such\r\nuser \u00e9' }],
  };
}

describe('RFC 3464 delivery status notifications', () => {
  it('is a multipart/report with the human part, delivery-status fields and the original', async () => {
    const e = envelope();
    const dsn = buildDsn({ envelope: e, recipients: e.recipients, action: 'failed', original, reportingMta: 'relay.test', now: new Date(Date.UTC(2026, 0, 2)) });
    const text = dsn.toString('latin1');
    expect(text).toMatch(/^From: Mail Delivery System <MAILER-DAEMON@relay\.test>\r\nTo: <a@sender\.test>\r\n/);
    expect(text).toContain('In-Reply-To: <orig@sender.test>');
    expect(text).toContain('Auto-Submitted: auto-replied');
    expect(text).toMatch(/Content-Type: multipart\/report; report-type=delivery-status; boundary="/);
    expect(text).toContain('Reporting-MTA: dns; relay.test\r\nOriginal-Envelope-Id: env-42\r\nArrival-Date: Thu, 01 Jan 2026 00:00:00 +0000\r\n\r\nFinal-Recipient: rfc822; b@example.test\r\nAction: failed\r\nStatus: 5.1.1\r\nRemote-MTA: dns; mx.example.test\r\n');
    // The remote words, folded onto one clean line.
    expect(text).toContain('Diagnostic-Code: smtp; 550 5.1.1 No such user ?');
    expect(text).toContain('Content-Type: message/rfc822\r\n\r\nReceived: from x');
    const parsed = await simpleParser(dsn);
    expect(parsed.subject).toBe('Undelivered Mail Returned to Sender');
    expect(parsed.text).toContain('mx.example.test said: 550 5.1.1 No such user');
  });

  it('returns only the headers when the sender asked RET=HDRS, and marks delay reports', () => {
    const e = envelope('HDRS');
    const dsn = buildDsn({ envelope: e, recipients: e.recipients, action: 'delayed', original, reportingMta: 'relay.test', now: new Date(), retryUntil: new Date(Date.UTC(2026, 0, 6)) });
    const text = dsn.toString('latin1');
    expect(text).toContain('Action: delayed');
    expect(text).toContain('Will-Retry-Until: Tue, 06 Jan 2026 00:00:00 +0000');
    expect(text).toContain('Content-Type: text/rfc822-headers');
    expect(text).not.toContain('body text');
  });
});
