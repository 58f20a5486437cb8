import { describe, expect, it } from 'vitest';
import { defaultRelaySettings } from '../../../src-shared/relay-settings';
import { formValuesOf, readRelayForm } from './relay-form';

const base = formValuesOf(defaultRelaySettings);

describe('relay settings form', () => {
  it('round-trips the defaults and turns typed values into settings', () => {
    expect(readRelayForm(base, false)).toEqual({ ok: true, settings: defaultRelaySettings });
    expect(readRelayForm({ ...base, enabled: true, listenPort: '2626', dnsServer: ' 127.0.0.1:5353 ' }, false)).toEqual({
      ok: true,
      settings: { ...defaultRelaySettings, enabled: true, listenPort: 2626, dnsServer: '127.0.0.1:5353' },
    });
    const smarthost = readRelayForm({ ...base, mode: 'smarthost', smarthostUrl: 'smtps://mail.example.com', smarthostUser: 'me', smarthostPassword: 'pw', dnsServer: 'ignored' }, false);
    expect(smarthost).toEqual({
      ok: true,
      settings: { ...defaultRelaySettings, mode: 'smarthost', smarthostUrl: 'smtps://mail.example.com', smarthostUser: 'me' },
      smarthostPassword: 'pw',
    });
  });

  it('names each wrong field', () => {
    expect(readRelayForm({ ...base, listenHost: '0.0.0.0', listenPort: '99999', dnsServer: 'dns.example' }, false)).toEqual({
      ok: false,
      errors: {
        listenPort: 'Enter a port number from 1 to 65535.',
        listenHost: 'This must be a loopback address (127.x.x.x or ::1).',
        dnsServer: 'This must be IP:PORT, e.g. 192.0.2.53:53.',
      },
    });
    expect(readRelayForm({ ...base, mode: 'smarthost', smarthostUrl: 'http://x', smarthostUser: 'me' }, false)).toEqual({
      ok: false,
      errors: {
        smarthostUrl: 'The smarthost URL must look like smtp://smtp.example.com:587 or smtps://smtp.example.com:465.',
        smarthostPassword: 'Enter the password for this user name.',
      },
    });
    // A saved password is kept when the field stays empty.
    expect(readRelayForm({ ...base, mode: 'smarthost', smarthostUrl: 'smtp://127.0.0.1:2600', smarthostUser: 'me' }, true)).toMatchObject({ ok: true });
  });
});
