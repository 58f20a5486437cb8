import { describe, expect, it } from 'vitest';
import { parseCli } from './cli-args';

describe('relay command line', () => {
  it('parses listen, spool, smarthost, dns and mx port', () => {
    const command = parseCli(['--listen', '127.0.0.1:2626', '--spool', '/s', '--smarthost', 'smtp.example.test:587', '--smarthost-user', 'u', '--smarthost-password-file', '/p', '--dns', '127.0.0.1:5353', '--mx-port', '2525']);
    expect(command).toEqual({
      kind: 'run',
      passwordFile: '/p',
      options: {
        spool: '/s',
        listenHost: '127.0.0.1',
        listenPort: 2626,
        dnsServers: ['127.0.0.1:5353'],
        mxPort: 2525,
        smarthost: { host: 'smtp.example.test', port: 587, secure: false, insecure: false, user: 'u' },
      },
    });
  });

  it('answers --help and the queue commands, and explains bad input', () => {
    expect(parseCli(['--help'])).toEqual({ kind: 'help' });
    expect(parseCli(['queue', 'list', '--spool', '/s'])).toEqual({ kind: 'queue', spool: '/s', command: { action: 'list' } });
    expect(parseCli(['queue', 'flush', '--spool', '/s'])).toEqual({ kind: 'queue', spool: '/s', command: { action: 'flush' } });
    expect(parseCli(['--spool', '/s', 'queue', 'delete', 'abc-0123456789ab'])).toEqual({ kind: 'queue', spool: '/s', command: { action: 'delete', id: 'abc-0123456789ab' } });
    expect(() => parseCli(['queue', 'delete', '--spool', '/s'])).toThrow(/one queue id/);
    expect(() => parseCli(['queue', 'purge', '--spool', '/s'])).toThrow(/list, flush or delete/);
    expect(() => parseCli(['mailq', '--spool', '/s'])).toThrow(/unknown command/);
    expect(() => parseCli([])).toThrow(/--spool DIR is required/);
    expect(() => parseCli(['--spool', '/s', '--listen', 'nowhere'])).toThrow(/HOST:PORT/);
    expect(() => parseCli(['--spool', '/s', '--mx-port', '70000'])).toThrow(/not a port/);
    expect(() => parseCli(['--spool', '/s', '--smarthost', 'h:25', '--smarthost-user', 'u'])).toThrow(/password-file/);
    expect(() => parseCli(['--spool', '/s', '--bogus'])).toThrow(/bogus/);
  });
});
