import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { Envelope, RecipientRecord } from './envelope';
import { findBareLineEnding } from './line-endings';
import { isLoopback, routableAddressProblem } from './addresses';
import { receivedHeader } from './received';
import { Spool } from './spool';
import type { RelayOptions } from './options';

/** An error smtp-server turns into a reply with this code. */
function smtpError(code: number, message: string): Error & { responseCode: number } {
  return Object.assign(new Error(message), { responseCode: code });
}

/**
 * The receiving side: smtp-server configured for submissions to the queue. A message is
 * answered 250 only once `spool.enqueue` resolved, i.e. once it is fsynced and renamed.
 */
export function createReceiver(options: RelayOptions, spool: Spool, onQueued: (envelope: Envelope) => void): SMTPServer {
  const requireAuthToRelay = !isLoopback(options.listenHost);
  const localDomains = new Set(options.localDomains.map((d) => d.toLowerCase()));
  const disabled = [...(options.tls ? [] : ['STARTTLS']), ...(options.users ? [] : ['AUTH'])];
  const server: SMTPServer = new SMTPServer({
    name: options.hostname,
    banner: 'Tern relay',
    size: options.maxMessageSize,
    maxRecipients: options.maxRecipients,
    // Every extension the issue asks for is advertised; smtp-server hides some by default.
    hideENHANCEDSTATUSCODES: false,
    hideDSN: false,
    hideSTARTTLS: false,
    disabledCommands: disabled,
    ...(options.tls ? { key: options.tls.key, cert: options.tls.cert } : {}),
    authOptional: true,
    // Plaintext AUTH only where nobody can listen in: a loopback listener without TLS.
    allowInsecureAuth: !options.tls && isLoopback(options.listenHost),
    // A reverse lookup per connection costs a DNS round trip and tells us nothing we use.
    disableReverseLookup: true,
    socketTimeout: options.clientTimeout,
    closeTimeout: 5_000,
    maxCommandLength: 4096,
    onConnect(session, callback) {
      addExpn(server, session);
      callback();
    },
    onAuth(auth, _session, callback) {
      const expected = auth.username === undefined ? undefined : options.users?.get(auth.username);
      if (expected === undefined || auth.password !== expected || auth.method === 'XOAUTH2') {
        callback(smtpError(535, 'Authentication credentials invalid'));
        return;
      }
      callback(null, { user: auth.username });
    },
    onRcptTo(address, session, callback) {
      const problem = routableAddressProblem(address.address);
      if (problem) return callback(smtpError(553, `Bad recipient address: ${problem}`));
      const domain = address.address.slice(address.address.lastIndexOf('@') + 1).toLowerCase();
      // Never an open relay: beyond loopback, only AUTH lets mail go to foreign domains.
      if (requireAuthToRelay && !session.user && !localDomains.has(domain)) {
        return callback(smtpError(554, 'Relay access denied: authenticate first'));
      }
      callback();
    },
    onData(stream, session, callback) {
      collect(stream, options.maxMessageSize).then(
        async (data) => {
          if (data === 'too-big') throw smtpError(552, 'Message exceeds fixed maximum message size');
          const bare = findBareLineEnding(data);
          if (bare) throw smtpError(550, `Message refused: ${bare} in data, lines must end in CRLF (RFC 5321 §2.3.8)`);
          const envelope = envelopeFor(session, options.clock.now());
          const header = receivedHeader(session, options.hostname, envelope.id, new Date(envelope.queuedAt));
          await spool.enqueue(Buffer.concat([Buffer.from(header, 'latin1'), data]), envelope);
          onQueued(envelope);
          callback(null, `Queued as ${envelope.id}`);
        },
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      ).catch((error: unknown) => {
        const reply = (error as { responseCode?: number }).responseCode
          ? (error as Error)
          : smtpError(451, 'Local error: the message could not be queued, try again later');
        if (reply !== error) options.log(`queue write failed: ${String(error)}`);
        callback(reply);
      });
    },
  });
  return server;
}

function collect(stream: SMTPServerDataStream, limit: number): Promise<Buffer | 'too-big'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      // Keep reading (so the terminator is found) but stop storing past the limit.
      if (size <= limit) chunks.push(chunk);
    });
    stream.on('error', reject);
    stream.on('end', () => resolve(stream.sizeExceeded || size > limit ? 'too-big' : Buffer.concat(chunks, size)));
  });
}

function envelopeFor(session: SMTPServerSession, now: number): Envelope {
  const mailFrom = session.envelope.mailFrom;
  const dsn = session.envelope.dsn;
  const recipients: RecipientRecord[] = session.envelope.rcptTo.map((rcpt) => {
    const notify = rcpt.dsn?.notify;
    return {
      address: rcpt.address,
      state: 'pending',
      attempts: 0,
      nextAttemptAt: now,
      ...(notify && notify.length > 0 ? { notify: notify.map((n) => n.toUpperCase()) } : {}),
    };
  });
  return {
    id: Spool.newId(now),
    from: mailFrom ? mailFrom.address : '',
    recipients,
    queuedAt: now,
    warned: false,
    ...(dsn?.ret === 'FULL' || dsn?.ret === 'HDRS' ? { ret: dsn.ret } : {}),
    ...(dsn?.envid ? { envid: dsn.envid } : {}),
    ...(session.envelope.bodyType === '8bitmime' ? { bodyType: '8bitmime' as const } : {}),
    ...(session.envelope.smtpUtf8 ? { smtpUtf8: true } : {}),
  };
}

/**
 * smtp-server has VRFY (answered 252) but no EXPN, which it would answer 500. RFC 5321
 * §3.5.3 allows 252 for "cannot verify, will accept"; we disclose no lists either way.
 */
function addExpn(server: SMTPServer, session: SMTPServerSession): void {
  const connections = (server as unknown as { connections: Set<{ session: SMTPServerSession; send(code: number, text: string): void }> }).connections;
  for (const connection of connections) {
    if (connection.session !== session) continue;
    Object.assign(connection, {
      handler_EXPN(_command: Buffer, done: () => void) {
        connection.send(252, 'Cannot expand lists, but will accept mail for them');
        done();
      },
    });
  }
}
