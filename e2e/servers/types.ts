// Public shapes of the Dovecot test kit, kept apart so helpers can share them without cycles.

export interface MailUser {
  name: string;
  password: string;
}

export type SeedFlag = '\\Seen' | '\\Flagged' | '\\Answered' | '\\Deleted' | '\\Draft';

export interface SeedMessage {
  /**
   * Full RFC 5322 message (CRLF or LF). When given, from/to/subject/body/messageId are ignored
   * and the bytes are stored unchanged apart from line endings; `flags` and `date` still apply.
   */
  raw?: string | Uint8Array;
  from?: string;
  to?: string;
  subject?: string;
  body?: string;
  /** Date header and INTERNALDATE (file mtime). For `raw`, defaults to its Date header. */
  date?: Date;
  messageId?: string;
  flags?: SeedFlag[];
}

export interface DovecotOptions {
  /** Default: [{ name: 'alice', password: 'secret-alice' }]. */
  users?: MailUser[];
  /** Replaces dovecot's imap_capability to hide extensions, e.g. 'IMAP4rev1 LITERAL+'. */
  imapCapability?: string;
  /** Adds the APOP mechanism (POP3 greeting then carries a timestamp). */
  enableApop?: boolean;
  /**
   * Delivery by LMTP and SASL for an MTA, on unix sockets any local user may open
   * (`sockets`): the stack a Postfix in front of Dovecot uses. Recipients' domains are
   * dropped, so alice@example.org is the user alice.
   */
  mtaSockets?: boolean;
}

export interface DovecotServer {
  readonly host: '127.0.0.1';
  /** imap/pop3 offer STARTTLS/STLS; imaps/pop3s are implicit TLS. */
  readonly ports: { imap: number; imaps: number; pop3: number; pop3s: number };
  /** The self-signed certificate of this run; clients pass it as `ca`. */
  readonly caCertPem: string;
  /** Temp dir holding config, certificate, log and mail. */
  readonly dir: string;
  readonly users: readonly MailUser[];
  /** Dovecot's log file, handy when a test fails. */
  readonly logPath: string;
  /** With `mtaSockets`: where LMTP and SASL (Postfix's `smtpd_sasl_type = dovecot`) listen. */
  readonly sockets: { lmtp: string; auth: string };
  readonly running: boolean;
  /** Maildir directory (with cur/new/tmp) of a folder, for tests that inspect the disk. */
  maildirPath(user: string, folder: string): string;
  /** Writes Maildir files directly; creates and subscribes the folder if missing. */
  seed(user: string, folder: string, messages: SeedMessage[]): Promise<void>;
  createFolder(user: string, folder: string, opts?: { subscribe?: boolean }): Promise<void>;
  /** Stops the server process but keeps the data; resolves once the ports refuse connections. */
  stop(): Promise<void>;
  /** Starts again on the same ports with the same data. */
  start(): Promise<void>;
  /** Stops and removes the temp dir. */
  dispose(): Promise<void>;
}
