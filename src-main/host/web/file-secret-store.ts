/**
 * The web host's SecretStore: passwords in `secrets.json` in the profile, mode 0600.
 * There is no OS key store to lean on in a plain Node process; the file's permissions
 * keep other users out, and the password never reaches IndexedDB or a log.
 */
import type { SecretStore } from '../../engine/ports';
import { secretFileIn } from '../secret-file';

export function createFileSecretStore(profileDir: string): SecretStore {
  const file = secretFileIn(profileDir, 'secrets.json');
  return {
    async get(accountId) {
      return (await file.read())[accountId] ?? null;
    },
    set: (accountId, secret) => file.update((secrets) => void (secrets[accountId] = secret)),
    delete: (accountId) => file.update((secrets) => void delete secrets[accountId]),
  };
}
