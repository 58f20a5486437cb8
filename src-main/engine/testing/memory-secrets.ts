/** A SecretStore in memory, for tests. */
import type { SecretStore } from '../ports';

export function createMemorySecrets(initial: Record<string, string> = {}): SecretStore & { readonly secrets: Map<string, string> } {
  const secrets = new Map(Object.entries(initial));
  return {
    secrets,
    get: async (accountId) => secrets.get(accountId) ?? null,
    set: async (accountId, secret) => void secrets.set(accountId, secret),
    delete: async (accountId) => void secrets.delete(accountId),
  };
}
