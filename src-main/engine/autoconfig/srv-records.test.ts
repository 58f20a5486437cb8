import { describe, expect, it } from 'vitest';
import { orderRecords, srvCandidates, type SrvRecord } from './srv-records';

const record = (name: string, port: number, priority = 0, weight = 0): SrvRecord => ({ name, port, priority, weight });

describe('SRV discovery (RFC 6186)', () => {
  it('turns each service into candidates with its security and source', async () => {
    const zone: Record<string, SrvRecord[]> = {
      '_imaps._tcp.example.org': [record('mail.example.org', 993)],
      '_submission._tcp.example.org': [record('smtp.example.org.', 587)],
      '_pop3._tcp.example.org': [record('.', 0)],
    };
    const found = await srvCandidates('example.org', 'zoe@example.org', async (name) => zone[name] ?? Promise.reject(new Error('ENOTFOUND')));
    expect(found.problems).toEqual([]);
    expect(found.candidates).toEqual([
      { protocol: 'imap', host: 'mail.example.org', port: 993, security: 'tls', username: 'zoe@example.org', source: 'DNS SRV _imaps._tcp.example.org' },
      { protocol: 'smtp', host: 'smtp.example.org', port: 587, security: 'starttls', username: 'zoe@example.org', source: 'DNS SRV _submission._tcp.example.org' },
    ]);
  });

  it('skips hostile or broken targets, saying which', async () => {
    const hostile = [record('evil host', 993), record('a'.repeat(300), 993), record('ok.example.org', 0), record('x;rm -rf /.example', 993), record('bell\u0007.example', 993)];
    const found = await srvCandidates('example.org', 'z@example.org', async (n) => (n.startsWith('_imaps') ? hostile : []));
    expect(found.candidates).toEqual([]);
    expect(found.problems.map((p) => p.message)).toEqual([
      'Skipped the SRV record of _imaps._tcp.example.org pointing at "evil host" port 993: not a usable host name and port.',
      `Skipped the SRV record of _imaps._tcp.example.org pointing at "${'a'.repeat(80)}…" port 993: not a usable host name and port.`,
      'Skipped the SRV record of _imaps._tcp.example.org pointing at "ok.example.org" port 0: not a usable host name and port.',
      'Skipped the SRV record of _imaps._tcp.example.org pointing at "x;rm -rf /.example" port 993: not a usable host name and port.',
      'Skipped the SRV record of _imaps._tcp.example.org pointing at "bell?.example" port 993: not a usable host name and port.',
    ]);
  });

  it('orders by priority, then by weight (RFC 2782)', () => {
    const records = [record('backup', 1, 20, 0), record('light', 1, 10, 1), record('heavy', 1, 10, 99)];
    expect(orderRecords(records, () => 0.5).map((r) => r.name)).toEqual(['heavy', 'light', 'backup']);
    expect(orderRecords(records, () => 0.001).map((r) => r.name)).toEqual(['light', 'heavy', 'backup']);
  });
});
