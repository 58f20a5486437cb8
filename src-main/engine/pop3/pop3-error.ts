/**
 * Errors of a POP3 session, with a kind a caller can act on and the server's own words.
 * RFC 2449 §8 response codes ([IN-USE], [LOGIN-DELAY], [AUTH], [SYS/TEMP], [SYS/PERM])
 * are read from -ERR lines so that "mailbox locked by another client" and "log in less
 * often" are told apart from a wrong password.
 */
export type Pop3ErrorKind =
  | 'auth' // credentials refused
  | 'in-use' // [IN-USE]: another session holds the maildrop (RFC 2449 §8.1.1)
  | 'login-delay' // [LOGIN-DELAY]: logged in too soon after the last session (§8.1.2)
  | 'unsupported' // the server lacks something Tern requires (UIDL, STLS, a SASL mechanism)
  | 'refused' // any other -ERR to a command
  | 'protocol' // a malformed or over-long response
  | 'tls' // the TLS handshake or upgrade failed
  | 'network' // connect failure, drop, or timeout
  | 'closed'; // the session was used after QUIT or a fatal error

export class Pop3Error extends Error {
  constructor(
    readonly kind: Pop3ErrorKind,
    message: string,
    /** The server's text after -ERR, when there was one. */
    readonly serverText?: string,
  ) {
    super(message);
    this.name = 'Pop3Error';
  }
}

/** The response code in brackets at the start of an -ERR text, upper-cased (RFC 2449 §3). */
export function responseCode(text: string): string | null {
  const match = /^\[([A-Za-z0-9/-]{1,40})\]/.exec(text);
  return match ? match[1]!.toUpperCase() : null;
}

/** What kind of failure an -ERR reply to `command` is. */
export function kindOfRefusal(command: string, text: string): Pop3ErrorKind {
  const code = responseCode(text);
  if (code === 'IN-USE') return 'in-use';
  if (code === 'LOGIN-DELAY') return 'login-delay';
  if (code === 'AUTH' || /^(PASS|APOP|AUTH)\b/.test(command)) return 'auth';
  return 'refused';
}
