/**
 * The Electron host's SecretStore: passwords encrypted with safeStorage (the OS key store:
 * Keychain, DPAPI, libsecret/kwallet) and kept as base64 ciphertext in the profile. When
 * the OS offers no key store, saving a password fails with a clear message instead of
 * writing it in a form anyone could read.
 */
import { safeStorage } from 'electron';
import type { SecretStore } from '../../engine/ports';
import { secretFileIn } from '../secret-file';

export function createSafeStorageSecretStore(profileDir: string): SecretStore {
  const file = secretFileIn(profileDir, 'secrets.enc.json');

  function requireKeyStore(): void {
    if (!safeStorage.isEncryptionAvailable() || safeStorage.getSelectedStorageBackend?.() === 'basic_text') {
      throw new Error('No OS key store is available to protect the password (install and unlock a keyring such as GNOME Keyring or KWallet).');
    }
  }

  return {
    async get(accountId) {
      const cipher = (await file.read())[accountId];
      if (cipher === undefined) return null;
      requireKeyStore();
      return safeStorage.decryptString(Buffer.from(cipher, 'base64'));
    },
    async set(accountId, secret) {
      requireKeyStore();
      const cipher = safeStorage.encryptString(secret).toString('base64');
      await file.update((secrets) => void (secrets[accountId] = cipher));
    },
    delete: (accountId) => file.update((secrets) => void delete secrets[accountId]),
  };
}
