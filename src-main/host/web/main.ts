/**
 * `npm run web`: starts the web host and prints the address (with this run's token) to
 * open in a browser. Options: --port N (default 7143), --profile DIR (or TERN_PROFILE);
 * TERN_DISCOVERY (JSON, see engine/autoconfig/discovery-settings.ts) redirects account discovery.
 */
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { discoveryOverridesFromEnv } from '../../engine/autoconfig/discovery-settings';
import { ternVersion } from '../version';
import { parseWebHostArgs } from './args';
import { startWebHost } from './web-host';

async function main(): Promise<void> {
  const args = parseWebHostArgs(process.argv.slice(2));
  await mkdir(args.profileDir, { recursive: true, mode: 0o700 });
  const host = await startWebHost({
    ...args,
    version: ternVersion,
    discovery: discoveryOverridesFromEnv(process.env),
    // The bundle lives in out/main; the built renderer beside it in out/renderer.
    rendererDir: fileURLToPath(new URL('../renderer', import.meta.url)),
  });
  console.log(`Tern web host ${ternVersion}, profile ${args.profileDir}`);
  console.log(`Open ${host.url}`);
  const stop = (): void => void host.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`tern web host: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
