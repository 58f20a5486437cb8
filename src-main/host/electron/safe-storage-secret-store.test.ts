// The Electron binary is not needed to check the store's logic: safeStorage is replaced
// by a stand-in that "encrypts" reversibly, and can be switched to having no key store.
import { mkdtemp, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const keyStore = vi.hoisted(() => ({ available: true, backend: 'gnome_libsecret' }));

vi.mock('electron', () => ({
  safeStorage: {
    isEncryptionAvailable: () => keyStore.available,
    getSelectedStorageBackend: () => keyStore.backend,
    encryptString: (text: string) => Buffer.from(`enc:${[...text].reverse().join('')}`),
    decryptString: (cipher: Buffer) => [...cipher.toString().slice(4)].reverse().join(''),
  },
}));

const { createSafeStorageSecretStore } = await import('./safe-storage-secret-store');

let profile = '';
beforeEach(async () => {
  keyStore.available = true;
  keyStore.backend = 'gnome_libsecret';
  profile = await mkdtemp(join(tmpdir(), 'tern-safe-storage-'));
});

describe('safeStorage secret store', () => {
  it('keeps only ciphertext on disk, in a 0600 file, and reads it back', async () => {
    const store = createSafeStorageSecretStore(profile);
    await store.set('a1', 'hunter2');
    const file = join(profile, 'secrets.enc.json');
    expect(await readFile(file, 'utf8')).not.toContain('hunter2');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await store.get('a1')).toBe('hunter2');
    await store.delete('a1');
    expect(await store.get('a1')).toBeNull();
  });

  it('refuses to store a password when the OS has no key store, with a clear message', async () => {
    const store = createSafeStorageSecretStore(profile);
    keyStore.available = false;
    await expect(store.set('a1', 'hunter2')).rejects.toThrow(/No OS key store/);
    keyStore.available = true;
    keyStore.backend = 'basic_text';
    await expect(store.set('a1', 'hunter2')).rejects.toThrow(/No OS key store/);
  });
});
