import { describe, expect, it } from 'vitest';
import { parseClientConfig } from './client-config';

const provider = (servers: string) => `<?xml version="1.0" encoding="UTF-8"?>
<clientConfig version="1.1"><emailProvider id="example.org"><domain>example.org</domain>${servers}</emailProvider></clientConfig>`;

const imap = `<incomingServer type="imap"><hostname>imap.%EMAILDOMAIN%</hostname><port>993</port><socketType>SSL</socketType>
  <authentication>password-cleartext</authentication><username>%EMAILLOCALPART%</username></incomingServer>`;

describe('Mozilla autoconfig files', () => {
  it('reads IMAP, POP3 and SMTP servers with placeholders filled in', () => {
    const xml = provider(`${imap}
      <incomingServer type="pop3"><hostname>pop.example.org</hostname><port>110</port><socketType>STARTTLS</socketType><username>%EMAILADDRESS%</username></incomingServer>
      <outgoingServer type="smtp"><hostname>SMTP.Example.org</hostname><port>587</port><socketType>STARTTLS</socketType>
        <authentication>password-encrypted</authentication><username>%EMAILADDRESS%</username></outgoingServer>`);
    expect(parseClientConfig(xml, 'zoe@example.org', 'autoconfig.example.org')).toEqual([
      { protocol: 'imap', host: 'imap.example.org', port: 993, security: 'tls', username: 'zoe', source: 'autoconfig.example.org' },
      { protocol: 'pop3', host: 'pop.example.org', port: 110, security: 'starttls', username: 'zoe@example.org', source: 'autoconfig.example.org' },
      { protocol: 'smtp', host: 'smtp.example.org', port: 587, security: 'starttls', username: 'zoe@example.org', source: 'autoconfig.example.org' },
    ]);
  });

  it('skips servers Tern cannot use instead of guessing', () => {
    const xml = provider(`${imap}
      <incomingServer type="exchange"><hostname>ews.example.org</hostname><port>443</port><socketType>SSL</socketType></incomingServer>
      <incomingServer type="imap"><hostname>oauth.example.org</hostname><port>993</port><socketType>SSL</socketType><authentication>OAuth2</authentication></incomingServer>
      <incomingServer type="imap"><hostname>evil host; rm -rf</hostname><port>993</port><socketType>SSL</socketType></incomingServer>
      <incomingServer type="imap"><hostname>imap2.example.org</hostname><port>99999</port><socketType>SSL</socketType></incomingServer>
      <incomingServer type="imap"><hostname>imap3.example.org</hostname><port>143</port><socketType>maybe</socketType></incomingServer>
      <incomingServer type="imap"><hostname>imap4.example.org</hostname><port>993</port><socketType>SSL</socketType><username>${'x'.repeat(400)}</username></incomingServer>
      <incomingServer type="imap"><hostname>imap5.example.org</hostname><port>993</port><socketType>SSL</socketType><username>a\u0007b</username></incomingServer>`);
    expect(parseClientConfig(xml, 'zoe@example.org', 'test').map((c) => c.host)).toEqual(['imap.example.org']);
  });

  it('refuses malformed, oversized, DTD-bearing and foreign files with clear errors', () => {
    expect(() => parseClientConfig('<clientConfig><emailProvider>', 'a@b.c', 'x')).toThrow(/not well-formed XML/);
    expect(() => parseClientConfig(`<clientConfig>${' '.repeat(300 * 1024)}</clientConfig>`, 'a@b.c', 'x')).toThrow(/larger than/);
    const laughs = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]><clientConfig>&lol2;</clientConfig>';
    expect(() => parseClientConfig(laughs, 'a@b.c', 'x')).toThrow(/DTD/);
    expect(() => parseClientConfig('<html><body>Not here</body></html>', 'a@b.c', 'x')).toThrow(/not a clientConfig/);
  });
});
