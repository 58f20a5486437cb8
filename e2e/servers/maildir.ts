import { chown, mkdir, open, readFile, rename, stat, unlink, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BuiltMessage } from './message';
import type { SeedFlag } from './types';

// Direct Maildir access matching the server's `maildir:~/Maildir:LAYOUT=fs:UTF-8` setting:
// INBOX is the Maildir root, "Work/Projects" is the directory Work/Projects, names are UTF-8.

export interface Owner {
  uid: number;
  gid: number;
}

/** Maildir directory of `folder` under a user's Maildir root. */
export function folderPath(root: string, folder: string): string {
  if (folder.toUpperCase() === 'INBOX') return root;
  const segments = folder.split('/');
  for (const segment of segments) {
    if (segment === '' || segment === '.' || segment === '..' || /[\0\t\r\n]/.test(segment)) {
      throw new Error(`invalid folder name '${folder}'`);
    }
  }
  // The INBOX's own cur/new/tmp live in the root, so such top-level folders would corrupt it.
  if (['cur', 'new', 'tmp'].includes(segments[0] ?? '')) throw new Error(`folder name '${folder}' clashes with INBOX`);
  return join(root, ...segments);
}

/** Creates the folder (and missing parents) owned by `owner`; returns false if it existed. */
export async function ensureFolder(root: string, folder: string, owner: Owner): Promise<boolean> {
  const path = folderPath(root, folder);
  let current = root;
  for (const segment of path === root ? [] : path.slice(root.length + 1).split('/')) {
    current = join(current, segment);
    await mkdirOwned(current, owner);
  }
  let created = false;
  for (const sub of ['cur', 'new', 'tmp']) created = (await mkdirOwned(join(path, sub), owner)) || created;
  return created;
}

async function mkdirOwned(path: string, owner: Owner): Promise<boolean> {
  try {
    await mkdir(path, { mode: 0o700 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  await chown(path, owner.uid, owner.gid);
  return true;
}

const FLAG_LETTERS: Record<SeedFlag, string> = {
  '\\Draft': 'D',
  '\\Flagged': 'F',
  '\\Answered': 'R',
  '\\Seen': 'S',
  '\\Deleted': 'T',
};

// Dovecot numbers newly found files in the order of the time in their names, so names must
// grow strictly, even across calls within one millisecond, for UIDs to follow seed order.
let lastMicros = 0;
let sequence = 0;

/**
 * Delivers messages the Maildir way: write into tmp/, set owner and mtime (= INTERNALDATE),
 * then rename into new/ (no flags, so \Recent) or cur/ with the ":2,<flags>" info suffix.
 * The rename is atomic, so a running Dovecot never sees half-written files.
 */
export async function deliver(dir: string, messages: readonly BuiltMessage[], owner: Owner): Promise<void> {
  for (const message of messages) {
    lastMicros = Math.max(Date.now() * 1000, lastMicros + 1);
    const secs = Math.floor(lastMicros / 1e6);
    const micros = lastMicros % 1e6;
    const size = message.bytes.length;
    // W= is the size with CRLF line endings, what IMAP reports as RFC822.SIZE.
    const virtualSize = size + countLf(message.bytes);
    const base = `${secs}.M${micros}P${process.pid}Q${++sequence}.tern-seed,S=${size},W=${virtualSize}`;
    const letters = [...new Set(message.flags.map((f) => FLAG_LETTERS[f]))].sort().join('');
    const tmpPath = join(dir, 'tmp', base);
    await writeFile(tmpPath, message.bytes, { mode: 0o600 });
    await chown(tmpPath, owner.uid, owner.gid);
    await utimes(tmpPath, message.internalDate, message.internalDate);
    await rename(tmpPath, letters === '' ? join(dir, 'new', base) : join(dir, 'cur', `${base}:2,${letters}`));
  }
}

function countLf(bytes: Buffer): number {
  let count = 0;
  for (const byte of bytes) if (byte === 0x0a) count++;
  return count;
}

/**
 * Adds the folder to Dovecot's subscriptions file (format "V\t2\n\n" then one name per line
 * with TAB as hierarchy separator). Takes the same dotlock Dovecot uses and replaces the file
 * atomically; Dovecot re-reads it when its mtime is recent, so a running server sees it.
 */
export async function subscribe(root: string, folder: string, owner: Owner): Promise<void> {
  if (folder.toUpperCase() === 'INBOX') return;
  const file = join(root, 'subscriptions');
  const entry = folder.split('/').join('\t');
  await withDotlock(`${file}.lock`, async () => {
    const names = await readSubscriptions(file);
    if (names.includes(entry)) return;
    names.push(entry);
    const tmp = `${file}.tern-${process.pid}`;
    await writeFile(tmp, `V\t2\n\n${names.map((n) => `${n}\n`).join('')}`, { mode: 0o600 });
    await chown(tmp, owner.uid, owner.gid);
    await rename(tmp, file);
  });
}

async function readSubscriptions(file: string): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  if (text.startsWith('V\t')) {
    const end = text.indexOf('\n\n');
    text = end < 0 ? '' : text.slice(end + 2);
    return text.split('\n').filter((n) => n !== '');
  }
  // Version 1 files separate hierarchy levels with the namespace separator.
  return text.split('\n').filter((n) => n !== '').map((n) => n.split('/').join('\t'));
}

async function withDotlock(lockPath: string, action: () => Promise<void>): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      await (await open(lockPath, 'wx', 0o600)).close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const age = await stat(lockPath).then((s) => Date.now() - s.mtimeMs, () => 0);
      if (age > 30_000) await unlink(lockPath).catch(() => undefined);
      else if (Date.now() > deadline) throw new Error(`timed out waiting for ${lockPath}`, { cause: error });
      else await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
  try {
    await action();
  } finally {
    await unlink(lockPath).catch(() => undefined);
  }
}
