import { describe, expect, it } from 'vitest';
import { defaultWebPort, parseWebHostArgs } from './args';

describe('web host arguments', () => {
  it('defaults to a stable port and the XDG profile, or TERN_PROFILE', () => {
    expect(parseWebHostArgs([], { XDG_CONFIG_HOME: '/cfg' })).toEqual({ port: defaultWebPort, profileDir: '/cfg/tern/web-profile' });
    expect(parseWebHostArgs([], { TERN_PROFILE: '/p' }).profileDir).toBe('/p');
  });

  it('takes --port and --profile in both spellings', () => {
    expect(parseWebHostArgs(['--port', '8000', '--profile=/x'], {})).toEqual({ port: 8000, profileDir: '/x' });
    expect(parseWebHostArgs(['--port=0'], {}).port).toBe(0);
  });

  it('refuses bad values and unknown options with a clear message', () => {
    expect(() => parseWebHostArgs(['--port', 'http'], {})).toThrow(/--port must be/);
    expect(() => parseWebHostArgs(['--port', '70000'], {})).toThrow(/--port must be/);
    expect(() => parseWebHostArgs(['--profile'], {})).toThrow(/needs a value/);
    expect(() => parseWebHostArgs(['--host', '0.0.0.0'], {})).toThrow(/unknown option/);
  });
});
