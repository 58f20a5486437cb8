/**
 * Message submission (RFC 6409) with nodemailer's SMTP connection: implicit TLS (465,
 * RFC 8314), required STARTTLS (587: a server that does not offer it gets no password),
 * or plaintext when the account says so. SIZE is checked before the upload, and the
 * outcome is reported per recipient: accepted, rejected (5xx) or deferred (4xx, to retry).
 */
import type { Readable } from 'node:stream';
import * as tls from 'node:tls';
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import type { ServerSettings } from '../../../src-shared/model';
import type { ComposedMessage, Envelope } from '../mime/compose-message';
import { isReachabilityError } from '../net-errors';

export interface SubmissionTarget {
  server: ServerSettings;
  /** Null for a server that takes mail without AUTH (a local relay). */
  password: string | null;
  trustedCertificates: readonly string[];
  timeoutMs?: number;
}

/** The bytes to submit and their envelope; `open` is called once per attempt. */
export interface SubmissionContent {
  envelope: Envelope;
  needsSmtpUtf8: boolean;
  /** In octets, announced with SIZE (RFC 1870) so a too-large message fails before upload. */
  size: number;
  open(): Readable | Buffer;
}

export const inMemory = (message: ComposedMessage): SubmissionContent => ({
  envelope: message.envelope,
  needsSmtpUtf8: message.needsSmtpUtf8,
  size: message.raw.length,
  open: () => message.raw,
});

export interface RecipientRefusal {
  address: string;
  code: number;
  text: string;
}

export interface SubmissionResult {
  accepted: string[];
  rejected: RecipientRefusal[];
  deferred: RecipientRefusal[];
  /** The server's final reply to DATA, e.g. "250 2.0.0 Ok: queued as …". */
  response: string;
}

/** A failure of the whole submission, with whether trying again later can help. */
export class SubmissionError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'SubmissionError';
  }
}

export async function submitMessage(target: SubmissionTarget, message: SubmissionContent): Promise<SubmissionResult> {
  const connection = new SMTPConnection(connectionOptions(target));
  try {
    await new Promise<void>((resolve, reject) => {
      connection.once('error', reject);
      connection.connect((error) => (error ? reject(error) : resolve()));
    });
    if (message.needsSmtpUtf8 && !supportsSmtpUtf8(connection)) {
      throw new SubmissionError(`${target.server.host} does not accept internationalised addresses (no SMTPUTF8); change the non-ASCII address.`, false);
    }
    if (target.password !== null) {
      await new Promise<void>((resolve, reject) =>
        connection.login({ user: target.server.user, pass: target.password! }, (error) => (error ? reject(error) : resolve())),
      );
    }
    const info = await new Promise<SMTPConnection.SentMessageInfo>((resolve, reject) =>
      connection.send({ ...message.envelope, size: message.size, use8BitMime: true }, message.open(), (error, sent) =>
        error ? reject(error) : resolve(sent!),
      ),
    );
    const refusals = (info.rejectedErrors ?? []).map(refusalOf);
    return {
      accepted: info.accepted,
      rejected: refusals.filter((r) => r.code >= 500),
      deferred: refusals.filter((r) => r.code < 500),
      response: info.response,
    };
  } catch (error) {
    throw asSubmissionError(error, target);
  } finally {
    connection.quit();
  }
}

function connectionOptions({ server, trustedCertificates, timeoutMs = 60_000 }: SubmissionTarget): SMTPConnection.Options {
  const verified: tls.ConnectionOptions = { rejectUnauthorized: true, minVersion: 'TLSv1.2' };
  // Node's `ca` replaces the default authorities, so they are listed again with the extra ones.
  if (trustedCertificates.length > 0) verified.ca = [...tls.rootCertificates, ...trustedCertificates];
  return {
    host: server.host,
    port: server.port,
    secure: server.security === 'tls',
    requireTLS: server.security === 'starttls',
    ignoreTLS: server.security === 'none',
    tls: verified,
    name: 'tern.localhost',
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    logger: false,
  };
}

/**
 * nodemailer keeps the EHLO extensions to itself; without this check it would send a
 * non-ASCII address without SMTPUTF8 and the user would get the server's puzzled refusal
 * instead of a clear reason (RFC 6531 §3.4). smtp-submit.test.ts covers both answers.
 */
function supportsSmtpUtf8(connection: SMTPConnection): boolean {
  return ((connection as unknown as { _supportedExtensions?: string[] })._supportedExtensions ?? []).includes('SMTPUTF8');
}

type SmtpFailure = Error & { code?: string; originalCode?: string; responseCode?: number; response?: string; recipient?: string };

function refusalOf(error: SmtpFailure): RecipientRefusal {
  return { address: error.recipient ?? '', code: error.responseCode ?? 0, text: (error.response ?? error.message).slice(0, 2000) };
}

function asSubmissionError(error: unknown, { server }: SubmissionTarget): SubmissionError {
  if (error instanceof SubmissionError) return error;
  const failure = error as SmtpFailure;
  const where = `${server.host}:${server.port}`;
  const said = failure.response ? ` (server said: ${failure.response.slice(0, 500)})` : '';
  switch (failure.code) {
    case 'EAUTH':
      return new SubmissionError(`Login to ${where} failed${said}.`, false);
    case 'ETLS':
      return new SubmissionError(`Cannot secure the connection to ${where}: ${failure.message}`, false);
    case 'EMESSAGE':
      return new SubmissionError(`The message is too large for ${where}: ${failure.message}`, false);
    case 'ECONNECTION':
    case 'ESOCKET':
      // nodemailer files certificate failures here too; the system code tells them apart.
      if (failure.originalCode && !isReachabilityError(failure.originalCode)) {
        return new SubmissionError(`Cannot secure the connection to ${where}: ${failure.message}`, false);
      }
      return new SubmissionError(`Cannot reach ${where} (${failure.message}).`, true);
    case 'ETIMEDOUT':
    case 'EDNS':
      return new SubmissionError(`Cannot reach ${where} (${failure.message}).`, true);
    default: {
      // A 4xx reply anywhere means "try later"; a 5xx is final (RFC 5321 §4.2.1).
      const code = failure.responseCode ?? 0;
      return new SubmissionError(`${where} refused the message${said || `: ${failure.message}`}`, code === 0 || (code >= 400 && code < 500));
    }
  }
}
