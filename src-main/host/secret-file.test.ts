import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SecretFile } from './secret-file';

describe('secret file', () => {
  it('loses no change when updates overlap, and leaves no temp file behind', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tern-secret-'));
    const file = new SecretFile(join(dir, 'secrets.json'));
    await Promise.all(Array.from({ length: 20 }, (_, i) => file.update((s) => void (s[`a${i}`] = `p${i}`))));
    expect(Object.keys(await file.read())).toHaveLength(20);
    expect(await readdir(dir)).toEqual(['secrets.json']);
  });

  it('refuses a file that is not a secrets map instead of overwriting it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tern-secret-'));
    await writeFile(join(dir, 'secrets.json'), '["not", "a", "map"]');
    const file = new SecretFile(join(dir, 'secrets.json'));
    await expect(file.update((s) => void (s.a = 'b'))).rejects.toThrow(/not a secrets file/);
  });
});
