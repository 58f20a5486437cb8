/**
 * A scripted POP3 server on 127.0.0.1 for the faults a real server will not produce on
 * demand: refusals with response codes, missing UIDL, over-long or malformed lines, a drop
 * in the middle of a message, data injected after STLS. Tests only.
 */
import * as net from 'node:net';

/** Answers one command line; returns the raw bytes to send (CRLFs included) or 'drop'. */
export type Script = (command: string, session: { commands: string[] }) => string | 'drop';

export interface FakePop3Server {
  port: number;
  /** Every command line received, across sessions. */
  commands: string[];
  close(): Promise<void>;
}

export async function startFakePop3Server(greeting: string, script: Script): Promise<FakePop3Server> {
  const commands: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.write(greeting);
    let pending = '';
    socket.on('data', (data) => {
      pending += data.toString('latin1');
      let end: number;
      while ((end = pending.indexOf('\r\n')) !== -1) {
        const line = pending.slice(0, end);
        pending = pending.slice(end + 2);
        commands.push(line);
        const answer = script(line, { commands });
        if (answer === 'drop') {
          socket.destroy();
          return;
        }
        socket.write(answer);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    commands,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** The usual answers of a small, well-behaved server, for scripts to fall back on. */
export function standardAnswer(command: string): string {
  const verb = command.split(' ')[0]!.toUpperCase();
  if (verb === 'CAPA') return '+OK\r\nUSER\r\nUIDL\r\nTOP\r\n.\r\n';
  if (verb === 'STAT') return '+OK 1 20\r\n';
  if (verb === 'LIST') return '+OK\r\n1 20\r\n.\r\n';
  if (verb === 'UIDL') return '+OK\r\n1 uid-one\r\n.\r\n';
  if (verb === 'RETR') return '+OK\r\nSubject: a\r\n\r\nbody\r\n.\r\n';
  return '+OK\r\n';
}
