/**
 * Probes a mail server without logging in: connect, read the greeting, ask for its
 * capabilities (IMAP CAPABILITY, RFC 3501 §6.1.1; POP3 CAPA, RFC 2449 §5; SMTP EHLO,
 * RFC 5321 §4.1.1.1), and for STARTTLS (RFC 3501 §6.2.1, RFC 2595 §4, RFC 3207) upgrade and
 * ask again, since what was learnt before TLS cannot be believed. The TLS handshake
 * completes even for a certificate that does not verify, because no secret is sent; the
 * result says whether it verified and describes the certificate so the caller can decide.
 */
import * as net from 'node:net';
import * as tls from 'node:tls';
import type { CertificateReport } from '../../../src-shared/account-setup';
import type { Security } from '../../../src-shared/model';
import type { MailProtocol } from '../autoconfig/client-config';
import { isReachabilityError } from '../net-errors';
import { authorities, certificateReport } from './certificate';
import { LineDialog, ProbeError } from './line-dialog';

export interface ProbeTarget {
  protocol: MailProtocol;
  host: string;
  port: number;
  security: Security;
}

export interface ProbeOptions {
  lookup?: net.LookupFunction | undefined;
  trustedCertificates: readonly string[];
  timeoutMs: number;
  signal?: AbortSignal;
}

export type ProbeResult =
  | {
      kind: 'ok';
      capabilities: string[];
      /** Null for plaintext; else whether the certificate verified, and what it is. */
      tls: { authorized: boolean; certificate: CertificateReport | null } | null;
    }
  | { kind: 'unreachable' | 'tls-not-offered' | 'not-this-protocol' | 'tls-failed'; detail: string };

export async function probeServer(target: ProbeTarget, options: ProbeOptions): Promise<ProbeResult> {
  const where = `${target.host}:${target.port}`;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs);
  const stop = () => controller.abort();
  options.signal?.addEventListener('abort', stop, { once: true });
  let socket: net.Socket | null = null;
  try {
    socket = await open(target, options, controller.signal);
    const dialog = new LineDialog(socket);
    controller.signal.addEventListener('abort', () => socket?.destroy(new ProbeError(`${where} did not answer in time.`)), { once: true });
    const speaker = speakers[target.protocol];
    if (!(await speaker.greeting(dialog))) return { kind: 'not-this-protocol', detail: `${where} does not greet like a ${target.protocol.toUpperCase()} server.` };
    let capabilities = await speaker.capabilities(dialog);
    if (target.security === 'starttls') {
      if (!capabilities.includes(speaker.starttlsWord)) {
        return { kind: 'tls-not-offered', detail: `${where} does not offer ${speaker.starttlsWord}; Tern will not log in without encryption.` };
      }
      if (!(await speaker.starttls(dialog))) return { kind: 'tls-not-offered', detail: `${where} refused ${speaker.starttlsWord}.` };
      dialog.expectNothingMore();
      socket = await upgrade(socket, target, options);
      dialog.replaceSocket(socket);
      capabilities = await speaker.capabilities(dialog);
    }
    speaker.quit(dialog);
    const secured = socket instanceof tls.TLSSocket ? { authorized: socket.authorized, certificate: certificateReport(socket) } : null;
    return { kind: 'ok', capabilities, tls: secured };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message = error instanceof Error ? error.message : String(error);
    if (controller.signal.aborted) return { kind: 'unreachable', detail: `${where} did not answer in time.` };
    if (isReachabilityError(code)) return { kind: 'unreachable', detail: `Cannot reach ${where} (${code}).` };
    if (error instanceof ProbeError) return { kind: 'not-this-protocol', detail: `${where}: ${message}` };
    return { kind: 'tls-failed', detail: `Cannot secure the connection to ${where}: ${message}` };
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', stop);
    socket?.destroy();
  }
}

function tlsOptions(target: ProbeTarget, options: ProbeOptions): tls.ConnectionOptions {
  return {
    // Completed for any certificate so it can be described; `authorized` records the verdict.
    rejectUnauthorized: false,
    minVersion: 'TLSv1.2',
    ...authorities(options.trustedCertificates),
    ...(net.isIP(target.host) ? {} : { servername: target.host }),
  };
}

function open(target: ProbeTarget, options: ProbeOptions, signal: AbortSignal): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const where = { host: target.host, port: target.port, lookup: options.lookup };
    const socket = target.security === 'tls' ? tls.connect({ ...where, ...tlsOptions(target, options) }) : net.connect(where);
    const onAbort = () => socket.destroy(new ProbeError(`${target.host}:${target.port} did not answer in time.`));
    signal.addEventListener('abort', onAbort, { once: true });
    socket.once(target.security === 'tls' ? 'secureConnect' : 'connect', () => {
      signal.removeEventListener('abort', onAbort);
      socket.removeAllListeners('error');
      resolve(socket);
    });
    socket.once('error', (error) => {
      signal.removeEventListener('abort', onAbort);
      reject(error);
    });
  });
}

function upgrade(plain: net.Socket, target: ProbeTarget, options: ProbeOptions): Promise<tls.TLSSocket> {
  return new Promise((resolve, reject) => {
    const secured = tls.connect({ socket: plain, ...tlsOptions(target, options) });
    secured.once('secureConnect', () => {
      secured.removeAllListeners('error');
      resolve(secured);
    });
    secured.once('error', reject);
  });
}

interface Speaker {
  starttlsWord: string;
  greeting(dialog: LineDialog): Promise<boolean>;
  capabilities(dialog: LineDialog): Promise<string[]>;
  starttls(dialog: LineDialog): Promise<boolean>;
  quit(dialog: LineDialog): void;
}

const words = (text: string): string[] => text.trim().split(/\s+/).filter((w) => w !== '').map((w) => w.toUpperCase());

const imap: Speaker = {
  starttlsWord: 'STARTTLS',
  greeting: async (dialog) => /^\* (OK|PREAUTH)\b/i.test(await dialog.readLine()),
  async capabilities(dialog) {
    dialog.send('p1 CAPABILITY');
    const lines = await dialog.readUntil((line) => /^p1 /i.test(line));
    if (!/^p1 OK\b/i.test(lines.at(-1) ?? '')) return [];
    return lines.filter((l) => /^\* CAPABILITY /i.test(l)).flatMap((l) => words(l.slice('* CAPABILITY '.length)));
  },
  async starttls(dialog) {
    dialog.send('p2 STARTTLS');
    const lines = await dialog.readUntil((line) => /^p2 /i.test(line));
    return /^p2 OK\b/i.test(lines.at(-1) ?? '');
  },
  quit: (dialog) => dialog.send('p3 LOGOUT'),
};

const pop3: Speaker = {
  starttlsWord: 'STLS',
  greeting: async (dialog) => /^\+OK\b/i.test(await dialog.readLine()),
  async capabilities(dialog) {
    dialog.send('CAPA');
    if (!/^\+OK\b/i.test(await dialog.readLine())) return []; // RFC 1939 servers without CAPA
    const lines = await dialog.readUntil((line) => line === '.');
    return lines.slice(0, -1).map((l) => words(l)[0] ?? '').filter((w) => w !== '');
  },
  async starttls(dialog) {
    dialog.send('STLS');
    return /^\+OK\b/i.test(await dialog.readLine());
  },
  quit: (dialog) => dialog.send('QUIT'),
};

const smtp: Speaker = {
  starttlsWord: 'STARTTLS',
  greeting: async (dialog) => (await dialog.readUntil((line) => !/^\d{3}-/.test(line))).every((l) => l.startsWith('220')),
  async capabilities(dialog) {
    dialog.send('EHLO tern.localhost');
    const lines = await dialog.readUntil((line) => !/^\d{3}-/.test(line));
    if (!lines.every((l) => l.startsWith('250'))) return [];
    return lines.slice(1).map((l) => words(l.slice(4))[0] ?? '').filter((w) => w !== '');
  },
  async starttls(dialog) {
    dialog.send('STARTTLS');
    return (await dialog.readUntil((line) => !/^\d{3}-/.test(line))).at(-1)?.startsWith('220') ?? false;
  },
  quit: (dialog) => dialog.send('QUIT'),
};

const speakers: Record<MailProtocol, Speaker> = { imap, pop3, smtp };
