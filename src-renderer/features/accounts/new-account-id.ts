/**
 * A fresh account id matching the contract's `[A-Za-z0-9_-]{1,64}`. getRandomValues rather
 * than randomUUID, because randomUUID exists only in secure contexts and the renderer is
 * also served from file:// (Electron) and plain-http loopback (web host).
 */
export function newAccountId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
