/**
 * The embedded relay's settings in the profile (`relay/settings.json`), written atomically
 * so a crash keeps the old or the new file. A file that is damaged or from a future version
 * yields the defaults (relay off) and is reported, instead of stopping the app.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { defaultRelaySettings, relaySettingsSchema, type RelaySettings } from '../../src-shared/relay-settings';
import { writeFileDurably } from '../relay/durable-file';

export const relayDirIn = (profileDir: string): string => join(profileDir, 'relay');

export async function readRelaySettings(profileDir: string, onProblem: (why: string) => void): Promise<RelaySettings> {
  let text: string;
  try {
    text = await readFile(join(relayDirIn(profileDir), 'settings.json'), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') onProblem(`relay settings unreadable: ${String(error)}`);
    return defaultRelaySettings;
  }
  try {
    const parsed = relaySettingsSchema.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
    onProblem(`relay settings ignored: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  } catch {
    onProblem('relay settings ignored: not JSON');
  }
  return defaultRelaySettings;
}

export async function writeRelaySettings(profileDir: string, settings: RelaySettings): Promise<void> {
  await mkdir(relayDirIn(profileDir), { recursive: true, mode: 0o700 });
  await writeFileDurably(join(relayDirIn(profileDir), 'settings.json'), `${JSON.stringify(settings, null, 2)}\n`);
}
