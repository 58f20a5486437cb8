/**
 * A small JSON map of account id → secret text, kept in the profile directory with mode
 * 0600 and replaced atomically (write a temp file, fsync, rename), so a crash leaves
 * either the old or the new file, never a torn one. The web host stores passwords here as
 * they are (the file's permissions protect them); the Electron host stores safeStorage
 * ciphertext.
 */
import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export class SecretFile {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly path: string) {}

  async read(): Promise<Record<string, string>> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw error;
    }
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error(`${this.path} is not a secrets file`);
    return Object.fromEntries(Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  }

  /** Serialised read-modify-write, so two concurrent saves cannot lose each other's change. */
  update(change: (secrets: Record<string, string>) => void): Promise<void> {
    const next = this.queue.then(async () => {
      const secrets = await this.read();
      change(secrets);
      await this.write(secrets);
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async write(secrets: Record<string, string>): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
    const temp = `${this.path}.${process.pid}.tmp`;
    const handle = await open(temp, 'w', 0o600);
    try {
      await handle.writeFile(JSON.stringify(secrets));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, this.path);
    const dir = await open(dirname(this.path), 'r');
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
  }
}

export const secretFileIn = (profileDir: string, name: string): SecretFile => new SecretFile(join(profileDir, name));
