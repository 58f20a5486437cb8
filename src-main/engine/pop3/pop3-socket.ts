/**
 * The byte stream under a POP3 session: plain TCP or implicit TLS, the STLS upgrade
 * (RFC 2595 §4), commands out, status lines and dot-terminated multi-line bodies in, with
 * a timeout on every read. Nothing the server sent before a TLS handshake is read after it:
 * leftover bytes at the upgrade are an error, as they could be injected by an attacker.
 */
import * as net from 'node:net';
import * as tls from 'node:tls';
import { isReachabilityError } from '../net-errors';
import { LineReader } from './line-reader';
import { Pop3Error } from './pop3-error';

export interface SocketTarget {
  host: string;
  port: number;
  /** Implicit TLS from the first byte (RFC 8314, port 995). */
  implicitTls: boolean;
  /** PEM certificates to trust in addition to the default authorities. */
  trustedCertificates: readonly string[];
  timeoutMs: number;
}

/** RFC 1939 §3 allows 512-octet responses; RFC 2449 raises it only for capabilities. Be lenient, not unbounded. */
const MAX_LINE = 8192;

export class Pop3Socket {
  private reader = new LineReader(MAX_LINE);
  private constructor(
    private socket: net.Socket,
    private readonly target: SocketTarget,
  ) {
    this.bind(socket);
  }

  static async open(target: SocketTarget): Promise<Pop3Socket> {
    const socket = await connect(target, target.implicitTls ? tlsOptions(target) : null);
    return new Pop3Socket(socket, target);
  }

  get encrypted(): boolean {
    return this.socket instanceof tls.TLSSocket;
  }

  /** Starts TLS on the open connection after a +OK to STLS. */
  async upgrade(): Promise<void> {
    if (this.reader.pendingBytes > 0) {
      this.close();
      throw new Pop3Error('tls', 'The server sent data after agreeing to STLS; refusing to continue (possible injection).');
    }
    const plain = this.socket;
    plain.removeAllListeners('data');
    this.reader = new LineReader(MAX_LINE);
    this.socket = await connect(this.target, { ...tlsOptions(this.target), socket: plain });
    this.bind(this.socket);
  }

  write(line: string): void {
    if (/[\r\n]/.test(line)) throw new Pop3Error('protocol', 'A POP3 command cannot contain a line break.');
    this.socket.write(`${line}\r\n`);
  }

  /** Several commands in one write (RFC 2449 §6.6 PIPELINING). */
  writeMany(lines: readonly string[]): void {
    for (const line of lines) if (/[\r\n]/.test(line)) throw new Pop3Error('protocol', 'A POP3 command cannot contain a line break.');
    this.socket.write(lines.map((line) => `${line}\r\n`).join(''));
  }

  readLine(): Promise<Buffer> {
    return this.withTimeout(this.reader.readLine());
  }

  /** A multi-line body up to the terminating "." line, dot-unstuffed (RFC 1939 §3). */
  async readMultiline(maxBytes: number): Promise<Buffer> {
    const lines: Buffer[] = [];
    let size = 0;
    for (;;) {
      const line = await this.readLine();
      if (line.length === 1 && line[0] === 0x2e) break;
      const content = line[0] === 0x2e ? line.subarray(1) : line;
      size += content.length + 2;
      if (size > maxBytes) {
        this.close();
        throw new Pop3Error('protocol', `The server's response exceeds the limit of ${maxBytes} bytes.`);
      }
      lines.push(content, CRLF);
    }
    return Buffer.concat(lines);
  }

  close(): void {
    this.socket.destroy();
  }

  private bind(socket: net.Socket): void {
    const reader = this.reader;
    socket.on('data', (data: Buffer) => reader.push(data));
    socket.on('error', (error) => reader.fail(new Pop3Error('network', `Connection to ${this.target.host}:${this.target.port} failed: ${error.message}`)));
    socket.on('close', () => reader.fail(new Pop3Error('network', `The server ${this.target.host}:${this.target.port} closed the connection.`)));
  }

  private withTimeout<T>(read: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        this.close();
        reject(new Pop3Error('network', `The server ${this.target.host}:${this.target.port} did not answer within ${this.target.timeoutMs / 1000} s.`));
      }, this.target.timeoutMs);
    });
    return Promise.race([read, timeout]).finally(() => clearTimeout(timer));
  }
}

const CRLF = Buffer.from('\r\n');

function tlsOptions(target: SocketTarget): tls.ConnectionOptions {
  const options: tls.ConnectionOptions = { host: target.host, servername: net.isIP(target.host) ? undefined : target.host, rejectUnauthorized: true, minVersion: 'TLSv1.2' };
  // Node's `ca` replaces the default authorities, so they are listed again with the extra ones.
  if (target.trustedCertificates.length > 0) options.ca = [...tls.rootCertificates, ...target.trustedCertificates];
  return options;
}

function connect(target: SocketTarget, secure: tls.ConnectionOptions | null): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = secure ? tls.connect({ port: target.port, ...secure }) : net.connect({ host: target.host, port: target.port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Pop3Error('network', `Cannot reach ${target.host}:${target.port} (timed out).`));
    }, target.timeoutMs);
    socket.once(secure ? 'secureConnect' : 'connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      resolve(socket);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      const kind = secure && !isReachabilityError(error.code) ? 'tls' : 'network';
      reject(new Pop3Error(kind, kind === 'tls' ? `Cannot secure the connection to ${target.host}:${target.port}: ${error.message}` : `Cannot reach ${target.host}:${target.port} (${error.code ?? error.message}).`));
    });
  });
}
