/**
 * A POP3 client session (RFC 1939, with RFC 2449 CAPA and response codes, RFC 2595 STLS,
 * RFC 5034 SASL PLAIN, APOP). It walks the AUTHORIZATION and TRANSACTION states; QUIT
 * enters UPDATE, and only a +OK to QUIT means the server applied the DELEs (RFC 1939 §6):
 * a session that ends any other way deletes nothing.
 */
import { createHash } from 'node:crypto';
import { kindOfRefusal, Pop3Error } from './pop3-error';
import { apopTimestamp, parseCapabilities, parseScanListing, parseStat, parseStatus, parseUidListing, type MessageSize, type MessageUid } from './pop3-replies';
import { Pop3Socket } from './pop3-socket';

export type Pop3Security = 'tls' | 'starttls' | 'none';
export type Pop3Auth = 'user' | 'apop' | 'sasl-plain';

export interface Pop3Options {
  host: string;
  port: number;
  security: Pop3Security;
  user: string;
  password: string;
  /** Default: SASL PLAIN when offered, else USER/PASS. APOP only when asked for. */
  auth?: Pop3Auth;
  trustedCertificates?: readonly string[];
  timeoutMs?: number;
  /** Largest message RETR or TOP may return. */
  maxMessageBytes?: number;
}

const DEFAULT_MAX_MESSAGE = 64 * 1024 * 1024;
const MAX_LISTING = 64 * 1024 * 1024;

export class Pop3Client {
  private state: 'transaction' | 'closed' = 'transaction';

  private constructor(
    private readonly socket: Pop3Socket,
    readonly capabilities: ReadonlyMap<string, string[]>,
    private readonly maxMessageBytes: number,
  ) {}

  /** Connects, secures the connection as asked, and logs in. */
  static async connect(options: Pop3Options): Promise<Pop3Client> {
    const socket = await Pop3Socket.open({
      host: options.host,
      port: options.port,
      implicitTls: options.security === 'tls',
      trustedCertificates: options.trustedCertificates ?? [],
      timeoutMs: options.timeoutMs ?? 30_000,
    });
    try {
      const greeting = await status(socket, 'greeting');
      let capabilities = await readCapabilities(socket);
      if (options.security === 'starttls') {
        // A server (or an attacker in between) that hides STLS gets no password in clear.
        if (!capabilities.has('STLS')) throw new Pop3Error('unsupported', `${options.host} does not offer STLS; refusing to log in without encryption.`);
        await command(socket, 'STLS');
        await socket.upgrade();
        capabilities = await readCapabilities(socket); // RFC 2595 §4: forget what was learnt before TLS
      }
      await logIn(socket, options, capabilities, greeting);
      // RFC 2449 §5: capabilities may change after login (e.g. PIPELINING).
      capabilities = await readCapabilities(socket);
      return new Pop3Client(socket, capabilities, options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE);
    } catch (error) {
      socket.close();
      throw error;
    }
  }

  get pipelining(): boolean {
    return this.capabilities.has('PIPELINING');
  }

  async stat(): Promise<{ count: number; size: number }> {
    return parseStat(await this.run('STAT'));
  }

  async list(): Promise<MessageSize[]> {
    await this.run('LIST');
    return parseScanListing(await this.socket.readMultiline(MAX_LISTING));
  }

  /** Unique ids of every message. A server without UIDL cannot be synced safely: say so. */
  async uidl(): Promise<MessageUid[]> {
    try {
      await this.run('UIDL');
    } catch (error) {
      if (error instanceof Pop3Error && error.kind === 'refused') {
        throw new Pop3Error('unsupported', 'This server does not support UIDL, so Tern cannot tell which messages it already has; nothing was downloaded.', error.serverText);
      }
      throw error;
    }
    return parseUidListing(await this.socket.readMultiline(MAX_LISTING));
  }

  /** The header and the first `lines` lines of the body (RFC 1939 §7 TOP). */
  async top(message: number, lines: number): Promise<Buffer> {
    await this.run(`TOP ${positive(message)} ${Math.max(0, Math.floor(lines))}`);
    return this.socket.readMultiline(this.maxMessageBytes);
  }

  async retr(message: number): Promise<Buffer> {
    await this.run(`RETR ${positive(message)}`);
    return this.socket.readMultiline(this.maxMessageBytes);
  }

  /**
   * Several messages with the commands pipelined when the server allows it (RFC 2449 §6.6);
   * `each` sees every message in order as it arrives, so callers store one before the next.
   */
  async retrMany(messages: readonly number[], each: (message: number, raw: Buffer) => Promise<void>, window = 16): Promise<void> {
    if (this.state === 'closed') throw new Pop3Error('closed', 'The POP3 session is closed.');
    const depth = this.pipelining ? window : 1;
    try {
      for (let start = 0; start < messages.length; start += depth) {
        const batch = messages.slice(start, start + depth);
        this.socket.writeMany(batch.map((n) => `RETR ${positive(n)}`));
        for (const n of batch) {
          await this.expectOk(`RETR ${n}`);
          await each(n, await this.socket.readMultiline(this.maxMessageBytes));
        }
      }
    } catch (error) {
      // Answers to pipelined commands may still be on their way: the stream can no longer
      // be trusted to line up, so the session ends here (and deletes nothing).
      this.abort();
      throw error;
    }
  }

  async dele(message: number): Promise<void> {
    await this.run(`DELE ${positive(message)}`);
  }

  async rset(): Promise<void> {
    await this.run('RSET');
  }

  async noop(): Promise<void> {
    await this.run('NOOP');
  }

  /** Ends the session; a +OK means marked messages are now deleted (UPDATE state). */
  async quit(): Promise<void> {
    try {
      await this.run('QUIT');
    } finally {
      this.state = 'closed';
      this.socket.close();
    }
  }

  /** Drops the connection without QUIT: the server deletes nothing marked in this session. */
  abort(): void {
    this.state = 'closed';
    this.socket.close();
  }

  private async run(line: string): Promise<string> {
    if (this.state === 'closed') throw new Pop3Error('closed', 'The POP3 session is closed.');
    this.socket.write(line);
    return this.expectOk(line);
  }

  private async expectOk(line: string): Promise<string> {
    try {
      return await command(this.socket, null, line);
    } catch (error) {
      if (error instanceof Pop3Error && error.kind !== 'refused') this.abort();
      throw error;
    }
  }
}

function positive(n: number): number {
  if (!Number.isInteger(n) || n < 1) throw new Pop3Error('protocol', `Invalid message number ${n}.`);
  return n;
}

/** Reads one status line; -ERR becomes a Pop3Error naming the command. */
async function command(socket: Pop3Socket, send: string | null, label = send ?? ''): Promise<string> {
  if (send !== null) socket.write(send);
  const reply = parseStatus(await socket.readLine());
  if (reply.ok) return reply.text;
  const shown = label.startsWith('PASS') || label.startsWith('AUTH') || label.startsWith('APOP') ? label.split(' ')[0]! : label;
  throw new Pop3Error(kindOfRefusal(label, reply.text), `The server refused ${shown}: ${reply.text || '(no reason given)'}`, reply.text);
}

async function status(socket: Pop3Socket, what: string): Promise<string> {
  const reply = parseStatus(await socket.readLine());
  if (!reply.ok) throw new Pop3Error(kindOfRefusal(what, reply.text), `The server refused the connection: ${reply.text}`, reply.text);
  return reply.text;
}

/** CAPA, or an empty map for an RFC 1939-only server that answers -ERR. */
async function readCapabilities(socket: Pop3Socket): Promise<Map<string, string[]>> {
  socket.write('CAPA');
  const reply = parseStatus(await socket.readLine());
  return reply.ok ? parseCapabilities(await socket.readMultiline(MAX_LISTING)) : new Map();
}

async function logIn(socket: Pop3Socket, options: Pop3Options, capabilities: Map<string, string[]>, greeting: string): Promise<void> {
  const saslPlain = capabilities.get('SASL')?.some((m) => m.toUpperCase() === 'PLAIN') ?? false;
  const auth = options.auth ?? (saslPlain ? 'sasl-plain' : 'user');
  if (auth === 'apop') {
    const timestamp = apopTimestamp(greeting);
    if (!timestamp) throw new Pop3Error('unsupported', 'The server does not offer APOP (no timestamp in its greeting).');
    const digest = createHash('md5').update(timestamp + options.password, 'utf8').digest('hex');
    await command(socket, `APOP ${options.user} ${digest}`);
  } else if (auth === 'sasl-plain') {
    if (!saslPlain) throw new Pop3Error('unsupported', 'The server does not offer SASL PLAIN.');
    // RFC 4616: authzid NUL authcid NUL password, base64 as an initial response (RFC 5034 §4).
    const response = Buffer.from(`\0${options.user}\0${options.password}`, 'utf8').toString('base64');
    await command(socket, `AUTH PLAIN ${response}`);
  } else {
    await command(socket, `USER ${options.user}`);
    await command(socket, `PASS ${options.password}`);
  }
}
