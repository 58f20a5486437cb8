import type { SMTPServerSession } from 'smtp-server';

/**
 * The trace header a relay must prepend (RFC 5321 §4.4), in the RFC 5322 §3.6.7 form:
 * where it came from (HELO name and the peer's address), who we are, the protocol (ESMTP,
 * ESMTPS, ESMTPSA per RFC 3848), our queue id and, for a single recipient, whom it is for.
 */
export function receivedHeader(session: SMTPServerSession, hostname: string, id: string, date: Date): string {
  const helo = sanitize(session.hostNameAppearsAs || 'unknown');
  const peer = sanitize(session.remoteAddress);
  const rcpts = session.envelope.rcptTo;
  const forClause = rcpts.length === 1 && rcpts[0] ? `\r\n\tfor <${sanitize(rcpts[0].address)}>` : '';
  return (
    `Received: from ${helo} ([${peer}])\r\n\tby ${hostname} (Tern relay) with ${session.transmissionType || 'ESMTP'}` +
    ` id ${id}${forClause};\r\n\t${date.toUTCString().replace('GMT', '+0000')}\r\n`
  );
}

/** HELO names and addresses come from the network: keep them to printable atoms. */
function sanitize(value: string): string {
  return value.replace(/[^\x21-\x7e]/g, '?').replace(/[()<>;\\]/g, '?').slice(0, 255);
}
