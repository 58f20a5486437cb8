/**
 * Reads CRLF-terminated lines from a byte stream with hard limits, because every byte a
 * server sends is untrusted: a line longer than `maxLine` or a multi-line body larger than
 * the caller's limit is a protocol error, never an unbounded buffer.
 */
import { Pop3Error } from './pop3-error';

type Waiter = { resolve(line: Buffer): void; reject(error: Error): void };

export class LineReader {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private waiter: Waiter | null = null;
  private failure: Error | null = null;

  constructor(private readonly maxLine: number) {}

  /** Bytes received but not yet consumed as lines (checked before a TLS upgrade). */
  get pendingBytes(): number {
    return this.buffered;
  }

  push(data: Buffer): void {
    this.chunks.push(data);
    this.buffered += data.length;
    this.deliver();
  }

  /** The stream ended or broke: the pending read and every later one fail with `error`. */
  fail(error: Error): void {
    this.failure ??= error;
    this.deliver();
  }

  /** One line without its CRLF (a bare LF also ends a line: servers differ). */
  readLine(): Promise<Buffer> {
    if (this.waiter) return Promise.reject(new Error('LineReader: one read at a time'));
    return new Promise((resolve, reject) => {
      this.waiter = { resolve, reject };
      this.deliver();
    });
  }

  private deliver(): void {
    const waiter = this.waiter;
    if (!waiter) return;
    const line = this.takeLine();
    if (line instanceof Error || line === null) {
      if (line === null && !this.failure) return;
      this.waiter = null;
      waiter.reject(line ?? this.failure!);
      return;
    }
    this.waiter = null;
    waiter.resolve(line);
  }

  private takeLine(): Buffer | Error | null {
    if (this.chunks.length > 1) this.chunks = [Buffer.concat(this.chunks)];
    const data = this.chunks[0];
    if (!data) return null;
    const end = data.indexOf(0x0a);
    if (end === -1) {
      return data.length > this.maxLine ? new Pop3Error('protocol', `The server sent a line longer than ${this.maxLine} bytes.`) : null;
    }
    if (end > this.maxLine) return new Pop3Error('protocol', `The server sent a line longer than ${this.maxLine} bytes.`);
    const line = data.subarray(0, end > 0 && data[end - 1] === 0x0d ? end - 1 : end);
    const rest = data.subarray(end + 1);
    this.chunks = rest.length > 0 ? [rest] : [];
    this.buffered = rest.length;
    return line;
  }
}
