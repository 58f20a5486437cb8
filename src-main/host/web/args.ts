/**
 * Command-line options of the web host. The port has a stable default because the
 * browser keys IndexedDB by origin: a new port would open an empty cache.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';

export const defaultWebPort = 7143;

export interface WebHostArgs {
  port: number;
  profileDir: string;
}

export function defaultProfileDir(env: NodeJS.ProcessEnv = process.env): string {
  const config = env.XDG_CONFIG_HOME || join(homedir(), '.config');
  return join(config, 'tern', 'web-profile');
}

export function parseWebHostArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): WebHostArgs {
  let port = defaultWebPort;
  let profileDir = env.TERN_PROFILE || defaultProfileDir(env);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new Error(`${flag} needs a value`);
      return v;
    };
    if (flag === '--port') {
      const text = value();
      port = Number(text);
      if (!/^\d+$/.test(text) || port < 0 || port > 65535) throw new Error(`--port must be 0-65535, not ${text}`);
    } else if (flag === '--profile') {
      profileDir = value();
    } else {
      throw new Error(`unknown option ${arg} (expected --port N, --profile DIR)`);
    }
  }
  return { port, profileDir };
}
