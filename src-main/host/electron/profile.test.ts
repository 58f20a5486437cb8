import { describe, expect, it } from 'vitest';
import { profileFromArgs } from './profile';

describe('Electron profile directory', () => {
  it('takes --profile in both spellings, then TERN_PROFILE, else leaves userData alone', () => {
    expect(profileFromArgs(['electron', '.', '--profile', '/p1'], {})).toBe('/p1');
    expect(profileFromArgs(['electron', '.', '--profile=/p2'], { TERN_PROFILE: '/env' })).toBe('/p2');
    expect(profileFromArgs(['electron', '.'], { TERN_PROFILE: '/env' })).toBe('/env');
    expect(profileFromArgs(['electron', '.'], {})).toBeNull();
  });
});
