import { describe, expect, it } from 'vitest';
import { discoveryOverridesFromEnv, fixedHosts } from './discovery-settings';

describe('discovery settings from TERN_DISCOVERY', () => {
  it('is empty when unset', () => {
    expect(discoveryOverridesFromEnv({})).toEqual({});
  });

  it('reads DNS servers, ports and the ISPDB base, and turns fixed hosts into a lookup', async () => {
    const overrides = discoveryOverridesFromEnv({
      TERN_DISCOVERY: JSON.stringify({ dnsServers: ['127.0.0.1:5353'], httpsPort: 8443, ispdbBase: 'https://ispdb.example/v1.1/', hosts: { 'Autoconfig.Example.test': '127.0.0.2' } }),
    });
    expect(overrides).toMatchObject({ dnsServers: ['127.0.0.1:5353'], httpsPort: 8443, ispdbBase: 'https://ispdb.example/v1.1/' });
    const address = await new Promise((resolve) => overrides.lookup!('autoconfig.example.test.', {}, (_error, found) => resolve(found)));
    expect(address).toBe('127.0.0.2');
  });

  it('refuses what it cannot use, with the reason', () => {
    expect(() => discoveryOverridesFromEnv({ TERN_DISCOVERY: '{' })).toThrow('TERN_DISCOVERY is not valid JSON.');
    expect(() => discoveryOverridesFromEnv({ TERN_DISCOVERY: '{"ispdbBase":"http://ispdb.example/"}' })).toThrow(/ispdbBase/);
    expect(() => discoveryOverridesFromEnv({ TERN_DISCOVERY: '{"hosts":{"a.test":"not an address"}}' })).toThrow(/hosts/);
    expect(() => discoveryOverridesFromEnv({ TERN_DISCOVERY: '{"surprise":1}' })).toThrow(/surprise|Unrecognized/);
  });

  it('answers every address form a socket may ask for', async () => {
    const lookup = fixedHosts({ 'mail.test': '::1' });
    const all = await new Promise((resolve) => lookup('mail.test', { all: true }, (_error, found) => resolve(found)));
    expect(all).toEqual([{ address: '::1', family: 6 }]);
  });
});
