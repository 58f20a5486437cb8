/**
 * Finds a bare CR or bare LF in message data. SMTP lines end in CRLF only (RFC 5321
 * §2.3.8); servers that accepted bare LF as a line end could be made to see the end of data
 * (`<LF>.<LF>` or `<LF>.<CR><LF>`) where another server saw message text, and smuggle a
 * second message through (the 2023 "SMTP smuggling" attacks). Like Postfix with
 * `smtpd_forbid_bare_newline = reject`, such data is refused as a whole.
 */
export function findBareLineEnding(data: Uint8Array): 'bare LF' | 'bare CR' | undefined {
  for (let i = 0; i < data.length; i++) {
    const byte = data[i];
    if (byte === 0x0a && data[i - 1] !== 0x0d) return 'bare LF';
    if (byte === 0x0d && data[i + 1] !== 0x0a) return 'bare CR';
  }
  return undefined;
}
