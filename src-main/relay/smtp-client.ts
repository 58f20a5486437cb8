import type { Readable } from 'node:stream';
import SMTPConnection from 'nodemailer/lib/smtp-connection';

export interface OutboundTarget {
  /** Address (or name) to connect to. */
  host: string;
  port: number;
  /** Name for TLS SNI and certificate checks, and for DSNs. */
  name: string;
  /** Implicit TLS from the first byte. */
  secure: boolean;
  /** STARTTLS must succeed (smarthost); otherwise it is used when offered (MX, RFC 3207). */
  requireTLS: boolean;
  rejectUnauthorized: boolean;
  ca?: string;
  auth?: { user: string; pass: string };
  /** Our name in EHLO. */
  heloName: string;
  connectTimeout: number;
  socketTimeout: number;
}

export type SendOutcome =
  | { ok: true; accepted: string[]; rejected: Array<{ address: string; code?: number; reply: string }>; reply: string }
  /** `connectionLost`: the session is unusable; the message may be tried on another host. */
  | { ok: false; code?: number; reply: string; connectionLost: boolean };

/** A promise-shaped nodemailer SMTPConnection that carries several messages in turn. */
export class OutboundConnection {
  private broken = false;

  private constructor(
    private readonly connection: SMTPConnection,
    readonly target: OutboundTarget,
  ) {
    connection.on('error', () => {
      this.broken = true;
    });
    connection.on('end', () => {
      this.broken = true;
    });
  }

  static open(target: OutboundTarget): Promise<OutboundConnection> {
    const connection = new SMTPConnection({
      host: target.host,
      port: target.port,
      secure: target.secure,
      servername: target.name,
      name: target.heloName,
      requireTLS: target.requireTLS,
      opportunisticTLS: !target.requireTLS,
      connectionTimeout: target.connectTimeout,
      greetingTimeout: target.connectTimeout,
      socketTimeout: target.socketTimeout,
      tls: { rejectUnauthorized: target.rejectUnauthorized, servername: target.name, ...(target.ca ? { ca: target.ca } : {}) },
    });
    return new Promise((resolve, reject) => {
      let settled = false;
      const fail = (error: Error): void => {
        if (settled) return;
        settled = true;
        connection.close();
        reject(error);
      };
      connection.once('error', fail);
      connection.connect((error) => {
        if (error) return fail(error);
        if (!target.auth) {
          settled = true;
          return resolve(new OutboundConnection(connection, target));
        }
        connection.login({ user: target.auth.user, pass: target.auth.pass }, (loginError) => {
          if (loginError) return fail(loginError);
          settled = true;
          resolve(new OutboundConnection(connection, target));
        });
      });
    });
  }

  get usable(): boolean {
    return !this.broken;
  }

  send(from: string, to: string[], message: Readable, size: number, eightBit: boolean): Promise<SendOutcome> {
    return new Promise((resolve) => {
      this.connection.send({ from: from === '' ? false : from, to, size, use8BitMime: eightBit }, message, (error, info) => {
        if (error || !info) {
          const code = error?.responseCode;
          const lost = this.broken || code === undefined || code === 421;
          if (lost) this.broken = true;
          resolve({ ok: false, ...(code ? { code } : {}), reply: error?.response ?? error?.message ?? 'no reply', connectionLost: lost });
          return;
        }
        const rejected = (info.rejectedErrors ?? []).map((e) => ({
          address: (e as { recipient?: string }).recipient ?? '',
          ...(e.responseCode ? { code: e.responseCode } : {}),
          reply: e.response ?? e.message,
        }));
        resolve({ ok: true, accepted: info.accepted.map(String), rejected, reply: info.response });
      });
    });
  }

  /** RSET after a refused transaction, so the next message starts clean (RFC 5321 §4.1.1.5). */
  reset(): Promise<void> {
    return new Promise((resolve) => {
      this.connection.reset((error) => {
        if (error) this.broken = true;
        resolve();
      });
    });
  }

  close(): void {
    if (this.broken) this.connection.close();
    else this.connection.quit();
  }
}

/** Perceived error text for a failed connection attempt. */
export function describeError(error: unknown): string {
  const e = error as { response?: string; message?: string; code?: string };
  return e.response ?? (e.code ? `${e.code}: ${e.message ?? ''}` : (e.message ?? String(error)));
}

export function responseCodeOf(error: unknown): number | undefined {
  return (error as { responseCode?: number }).responseCode;
}
