/** Shared pieces for the relay's tests: a raw SMTP client, recording sinks, a fake clock. */
import { connect, type Socket } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { freePort } from '../../e2e/servers/free-port';
import type { Clock } from './clock';
import type { RelayOptions } from './options';
import { startRelay, type Relay } from './relay';

/** A line-level SMTP client, so tests can send exactly the bytes they mean. */
export class RawSmtp {
  private buffer = '';
  private waiter: (() => void) | undefined;
  closed = false;

  private constructor(private readonly socket: Socket) {
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      this.buffer += chunk;
      this.waiter?.();
    });
    socket.on('close', () => {
      this.closed = true;
      this.waiter?.();
    });
    socket.on('error', () => undefined);
  }

  static async open(port: number, host = '127.0.0.1'): Promise<{ client: RawSmtp; greeting: string }> {
    const socket = connect(port, host);
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    const client = new RawSmtp(socket);
    return { client, greeting: await client.reply() };
  }

  write(data: string | Buffer): void {
    this.socket.write(data);
  }

  /** Sends one command line and waits for the complete (possibly multi-line) reply. */
  async command(line: string): Promise<string> {
    this.write(`${line}\r\n`);
    return this.reply();
  }

  /** The next complete reply: lines up to one whose fourth character is a space. */
  async reply(): Promise<string> {
    for (;;) {
      const match = /^(?:\d{3}-[^\n]*\n)*\d{3}(?: [^\n]*)?\n/.exec(this.buffer);
      if (match) {
        this.buffer = this.buffer.slice(match[0].length);
        return match[0].trimEnd();
      }
      if (this.closed) return this.buffer === '' ? '(closed)' : this.buffer;
      await new Promise<void>((resolve) => (this.waiter = resolve));
    }
  }

  close(): void {
    this.socket.destroy();
  }
}

export interface SinkTransaction {
  connection: number;
  from: string;
  to: string[];
  data: string;
}

export interface Sink {
  transactions: SinkTransaction[];
  connections: number;
  /** Most sessions open at the same time. */
  maxConcurrent: number;
  close(): Promise<void>;
}

/**
 * A destination MX for tests: smtp-server on `host:port` that records every transaction
 * (when its data is complete, before the reply) and connection; `rcptReply` may refuse a
 * recipient with a chosen reply.
 */
export async function startSink(
  host: string,
  port: number,
  rcptReply?: (address: string) => { code: number; text: string } | undefined,
  /** Delay before answering each message, to keep deliveries in flight. */
  dataDelayMs = 0,
): Promise<Sink> {
  const sink: Sink = { transactions: [], connections: 0, maxConcurrent: 0, close: async () => undefined };
  let open = 0;
  const ids = new Map<string, number>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    disableReverseLookup: true,
    hideENHANCEDSTATUSCODES: false,
    onConnect(session, cb) {
      sink.connections += 1;
      open += 1;
      sink.maxConcurrent = Math.max(sink.maxConcurrent, open);
      ids.set(session.id, sink.connections);
      cb();
    },
    onClose() {
      open -= 1;
    },
    onRcptTo(address, _session, cb) {
      const refusal = rcptReply?.(address.address);
      if (refusal) return cb(Object.assign(new Error(refusal.text), { responseCode: refusal.code }));
      cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const mailFrom = session.envelope.mailFrom;
        sink.transactions.push({
          connection: ids.get(session.id) ?? 0,
          from: mailFrom ? mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          data: Buffer.concat(chunks).toString('latin1'),
        });
        setTimeout(() => cb(null, 'ok'), dataDelayMs);
      });
    },
  });
  // A client that vanishes (a relay killed mid-delivery) resets its connection; a sink shrugs.
  server.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  sink.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return sink;
}

export class FakeClock implements Clock {
  constructor(private time = Date.UTC(2026, 0, 1)) {}
  now(): number {
    return this.time;
  }
  advance(ms: number): void {
    this.time += ms;
  }
}

export async function withTempDir(): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'tern-relay-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * A relay that only receives: its smarthost port has no listener and the first retry is an
 * hour away, so nothing leaves the queue while a test reads it.
 */
export async function startReceivingRelay(spool: string, options: Partial<RelayOptions> = {}): Promise<Relay> {
  return startRelay({
    spool,
    listenPort: await freePort(),
    smarthost: { host: '127.0.0.1', port: await freePort(), secure: false, insecure: true },
    retrySchedule: [3_600_000],
    ...options,
  });
}

/** A small valid message with CRLF line ends. */
export function message(subject: string, body = 'Hello.'): string {
  return [`From: a@sender.test`, `To: b@example.test`, `Subject: ${subject}`, `Message-ID: <${subject.replace(/\W/g, '')}@sender.test>`, '', body, ''].join('\r\n');
}

/** Submits one message over a fresh session; resolves with the final reply. */
export async function submit(port: number, from: string, to: string[], data: string): Promise<string> {
  const { client } = await RawSmtp.open(port);
  try {
    await client.command('EHLO client.test');
    await client.command(`MAIL FROM:<${from}>`);
    for (const rcpt of to) await client.command(`RCPT TO:<${rcpt}>`);
    await client.command('DATA');
    return await client.command(`${data}.`);
  } finally {
    client.close();
  }
}
