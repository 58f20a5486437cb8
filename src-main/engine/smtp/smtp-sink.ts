/**
 * For tests and benchmarks: a submission server on loopback (smtp-server) that records
 * what it receives, asks for AUTH, and can refuse or defer chosen recipients, hold DATA
 * open, be stopped and started again on the same port.
 */
import { SMTPServer } from 'smtp-server';
import { freePort } from '../../../e2e/servers/free-port';

export interface ReceivedMail {
  from: string;
  to: string[];
  data: Buffer;
}

export interface SmtpSinkOptions {
  user?: string;
  password?: string;
  /** A reply for chosen recipients: a 5xx refuses, a 4xx defers (RFC 5321 §4.2). */
  rcptReply?: (address: string) => { code: number; text: string } | null;
  /** Announced with SIZE (RFC 1870); default 200 MB. */
  maxSize?: number;
}

export interface SmtpSink {
  readonly port: number;
  readonly received: ReceivedMail[];
  /** DATA transactions that began (the message's bytes were being received). */
  dataStarted: number;
  /** Until `release`, a DATA transaction that begins is not read (the client stalls mid-DATA). */
  holdData(): void;
  release(): void;
  setRcptReply(reply: SmtpSinkOptions['rcptReply']): void;
  stop(): Promise<void>;
  start(): Promise<void>;
}

export async function startSmtpSink(options: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const port = await freePort();
  const user = options.user ?? 'alice';
  const password = options.password ?? 'secret-alice';
  let rcptReply = options.rcptReply ?? (() => null);
  let holding = false;
  const held: (() => void)[] = [];
  let server: SMTPServer | null = null;

  const sink: SmtpSink = {
    port,
    received: [],
    dataStarted: 0,
    holdData: () => void (holding = true),
    release() {
      holding = false;
      for (const finish of held.splice(0)) finish();
    },
    setRcptReply: (reply) => void (rcptReply = reply ?? (() => null)),
    async stop() {
      const closing = server;
      server = null;
      if (closing) await new Promise<void>((resolve) => closing.close(() => resolve()));
    },
    async start() {
      server = new SMTPServer({
        authMethods: ['PLAIN', 'LOGIN'],
        // Plain text on loopback only; the TLS paths are covered by smtp-submit.test.ts.
        disabledCommands: ['STARTTLS'],
        allowInsecureAuth: true,
        size: options.maxSize ?? 200 * 1024 * 1024,
        logger: false,
        onAuth(auth, _session, callback) {
          if (auth.username === user && auth.password === password) return callback(null, { user });
          callback(new Error('Invalid username or password'));
        },
        onRcptTo(address, _session, callback) {
          const reply = rcptReply(address.address);
          if (!reply) return callback();
          callback(Object.assign(new Error(reply.text), { responseCode: reply.code }));
        },
        onData(stream, session, callback) {
          sink.dataStarted++;
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            sink.received.push({
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              to: session.envelope.rcptTo.map((r) => r.address),
              data: Buffer.concat(chunks),
            });
            callback();
          });
          if (holding) {
            stream.pause();
            held.push(() => stream.resume());
          }
        },
      });
      server.on('error', () => undefined);
      await new Promise<void>((resolve) => server!.listen(port, '127.0.0.1', resolve));
    },
  };
  await sink.start();
  return sink;
}
