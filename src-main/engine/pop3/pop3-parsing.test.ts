import { describe, expect, it } from 'vitest';
import { LineReader } from './line-reader';
import { kindOfRefusal, responseCode } from './pop3-error';
import { apopTimestamp, parseCapabilities, parseScanListing, parseStat, parseStatus, parseUidListing } from './pop3-replies';

const body = (text: string) => Buffer.from(text, 'latin1');

describe('POP3 line reader', () => {
  it('joins lines split across packets and accepts a bare LF', async () => {
    const reader = new LineReader(100);
    const first = reader.readLine();
    reader.push(body('+OK hel'));
    reader.push(body('lo\r\n-ERR x\n'));
    expect((await first).toString()).toBe('+OK hello');
    expect((await reader.readLine()).toString()).toBe('-ERR x');
  });

  it('refuses an over-long line instead of buffering it', async () => {
    const reader = new LineReader(10);
    const line = reader.readLine();
    reader.push(body('x'.repeat(11)));
    await expect(line).rejects.toThrow(/longer than 10 bytes/);
  });

  it('fails a pending read when the stream ends', async () => {
    const reader = new LineReader(10);
    const line = reader.readLine();
    reader.fail(new Error('closed'));
    await expect(line).rejects.toThrow('closed');
  });
});

describe('POP3 replies', () => {
  it('parses status lines and refuses anything else', () => {
    expect(parseStatus(body('+OK 2 320'))).toEqual({ ok: true, text: '2 320' });
    expect(parseStatus(body('-ERR [IN-USE] locked'))).toEqual({ ok: false, text: '[IN-USE] locked' });
    expect(parseStatus(body('+OK'))).toEqual({ ok: true, text: '' });
    expect(() => parseStatus(body('* OK IMAP here'))).toThrow(/invalid response/);
  });

  it('reads RFC 2449 response codes into kinds', () => {
    expect(responseCode('[IN-USE] Mailbox locked')).toBe('IN-USE');
    expect(kindOfRefusal('PASS x', '[IN-USE] locked')).toBe('in-use');
    expect(kindOfRefusal('USER a', '[LOGIN-DELAY] wait')).toBe('login-delay');
    expect(kindOfRefusal('PASS x', 'Authentication failed')).toBe('auth');
    expect(kindOfRefusal('DELE 9', 'No such message')).toBe('refused');
  });

  it('parses STAT, LIST and CAPA', () => {
    expect(parseStat('2 320')).toEqual({ count: 2, size: 320 });
    expect(parseScanListing(body('1 120\r\n2 200\r\n'))).toEqual([{ number: 1, size: 120 }, { number: 2, size: 200 }]);
    expect(parseCapabilities(body('TOP\r\nSASL PLAIN LOGIN\r\npipelining\r\n')).get('SASL')).toEqual(['PLAIN', 'LOGIN']);
    expect(() => parseScanListing(body('1 -5\r\n'))).toThrow(/Invalid LIST line/);
    expect(() => parseStat('lots')).toThrow(/Invalid STAT/);
  });

  it('parses UIDL strictly: id grammar, numbers, and no duplicates', () => {
    expect(parseUidListing(body('1 whqtswO00WBw418f9t5JxYwZ\r\n2 QhdPYR:00WBw1Ph7x7\r\n'))).toEqual([
      { number: 1, uid: 'whqtswO00WBw418f9t5JxYwZ' },
      { number: 2, uid: 'QhdPYR:00WBw1Ph7x7' },
    ]);
    expect(() => parseUidListing(body('1 a\r\n2 a\r\n'))).toThrow(/same UIDL/);
    expect(() => parseUidListing(body(`1 ${'x'.repeat(71)}\r\n`))).toThrow(/Invalid UIDL/);
    expect(() => parseUidListing(body('0 zero\r\n'))).toThrow(/message number/);
    expect(() => parseUidListing(body('1 has space\r\n'))).toThrow(/Invalid UIDL/);
  });

  it('finds the APOP timestamp in a greeting', () => {
    expect(apopTimestamp('POP3 server ready <1896.697170952@dbc.mtview.ca.us>')).toBe('<1896.697170952@dbc.mtview.ca.us>');
    expect(apopTimestamp('Dovecot ready.')).toBeNull();
  });
});
