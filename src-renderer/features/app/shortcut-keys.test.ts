import { describe, expect, it } from 'vitest';
import { createShortcutReader, type KeyPress } from './shortcut-keys';

const press = (key: string, time = 0, extra: Partial<KeyPress> = {}): KeyPress => ({ key, time, modified: false, editing: false, ...extra });

describe('shortcut keys', () => {
  it('reads ? and Escape at once', () => {
    const read = createShortcutReader();
    expect(read(press('?'))).toBe('help');
    expect(read(press('Escape'))).toBe('close-message');
    expect(read(press('x'))).toBeNull();
  });

  it('reads g then i only as a quick pair', () => {
    const read = createShortcutReader();
    expect(read(press('g', 1000))).toBeNull();
    expect(read(press('i', 1500))).toBe('go-inbox');
    expect(read(press('i', 1600))).toBeNull();
    read(press('g', 5000));
    expect(read(press('i', 7000))).toBeNull();
    read(press('g', 8000));
    read(press('x', 8100));
    expect(read(press('i', 8200))).toBeNull();
  });

  it('ignores keys typed into fields or held with a modifier', () => {
    const read = createShortcutReader();
    expect(read(press('?', 0, { editing: true }))).toBeNull();
    read(press('g', 0, { modified: true }));
    expect(read(press('i', 10))).toBeNull();
  });
});
