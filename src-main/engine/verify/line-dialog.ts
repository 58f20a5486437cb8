/**
 * A line-at-a-time conversation with a server that has not been trusted yet, for probes:
 * lines are capped in length and number, so a hostile or broken server cannot make a probe
 * buffer without end, and every wait ends at the probe's deadline.
 */
import type { Socket } from 'node:net';

const MAX_LINE = 8 * 1024;
const MAX_LINES = 500;

export class ProbeError extends Error {
  override name = 'ProbeError';
}

export class LineDialog {
  private buffer = '';
  private lines: string[] = [];
  private linesSeen = 0;
  private failure: Error | null = null;
  private wake: (() => void) | null = null;

  constructor(private socket: Socket) {
    this.listen(socket);
  }

  /** Before a TLS upgrade: bytes after the server's go-ahead would be read as if they came over TLS. */
  expectNothingMore(): void {
    if (this.buffer !== '' || this.lines.length > 0) throw new ProbeError('The server sent data before the TLS handshake (STARTTLS injection).');
  }

  /** Continue on a new socket (the TLS one after STARTTLS). */
  replaceSocket(socket: Socket): void {
    this.expectNothingMore();
    this.socket.removeAllListeners('data');
    this.socket = socket;
    this.listen(socket);
  }

  send(line: string): void {
    this.socket.write(`${line}\r\n`);
  }

  async readLine(): Promise<string> {
    for (;;) {
      const line = this.lines.shift();
      if (line !== undefined) return line;
      if (this.failure) throw this.failure;
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  /** Reads lines until `last` says the reply is complete; returns all of them. */
  async readUntil(last: (line: string) => boolean): Promise<string[]> {
    const lines: string[] = [];
    for (;;) {
      const line = await this.readLine();
      lines.push(line);
      if (last(line)) return lines;
    }
  }

  private listen(socket: Socket): void {
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      this.buffer += chunk;
      let end: number;
      while ((end = this.buffer.indexOf('\n')) !== -1) {
        this.lines.push(this.buffer.slice(0, end).replace(/\r$/, ''));
        this.buffer = this.buffer.slice(end + 1);
        if (++this.linesSeen > MAX_LINES) this.fail(new ProbeError('The server sent far more lines than a greeting and capabilities take.'));
      }
      if (this.buffer.length > MAX_LINE) this.fail(new ProbeError('The server sent an over-long line.'));
      this.wake?.();
    });
    socket.on('close', () => this.fail(new ProbeError('The server closed the connection.')));
    socket.on('error', (error) => this.fail(error));
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.wake?.();
  }
}
