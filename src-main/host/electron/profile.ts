/**
 * Where the Electron host keeps its profile (cache, secrets): `--profile DIR`, else
 * TERN_PROFILE, else Electron's userData. Must be settled before the app is ready,
 * because Chromium opens its storage (and so the IndexedDB cache) from userData.
 */
import { resolve } from 'node:path';

export function profileFromArgs(argv: readonly string[], env: NodeJS.ProcessEnv): string | null {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg.startsWith('--profile=')) return resolve(arg.slice('--profile='.length));
    if (arg === '--profile' && argv[i + 1]) return resolve(argv[i + 1]!);
  }
  return env.TERN_PROFILE ? resolve(env.TERN_PROFILE) : null;
}
