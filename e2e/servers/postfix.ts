import { execFile } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port';

const run = promisify(execFile);

export interface PrivatePostfix {
  port: number;
  /** Its log, for a test that fails. */
  logPath: string;
  queueEmpty(): Promise<boolean>;
  stop(): Promise<void>;
}

/**
 * A throw-away Postfix instance in a temp dir (needs root, as Postfix itself does): smtpd
 * on 127.0.0.1:<free port>, no chroot, logging to a file, and whatever routing `routing`
 * adds to main.cf (relay maps, SASL, virtual delivery). The system Postfix is never touched.
 */
export async function startPostfix(routing: string): Promise<PrivatePostfix> {
  const dir = await mkdtemp(join(tmpdir(), 'tern-postfix-'));
  const etc = join(dir, 'etc');
  const port = await freePort();
  await mkdir(etc);
  // The postfix user works inside: the temp dir must be traversable, data its own.
  await chmod(dir, 0o755);
  await mkdir(join(dir, 'queue'));
  await mkdir(join(dir, 'data'));
  await run('chown', ['postfix', join(dir, 'data')]);
  await writeFile(join(etc, 'main.cf'), mainCf(dir, routing));
  await writeFile(join(etc, 'master.cf'), masterCf(port));
  await run('postfix', ['-c', etc, 'check']);
  await run('postfix', ['-c', etc, 'start']);
  await waitForPort(port);
  return {
    port,
    logPath: join(dir, 'maillog'),
    async queueEmpty() {
      for (const sub of ['maildrop', 'incoming', 'active', 'deferred']) {
        if ((await listFiles(join(dir, 'queue', sub))) > 0) return false;
      }
      return true;
    },
    async stop() {
      await run('postfix', ['-c', etc, 'stop']).catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function mainCf(dir: string, routing: string): string {
  return `compatibility_level = 3.6
queue_directory = ${dir}/queue
data_directory = ${dir}/data
mail_owner = postfix
setgid_group = postdrop
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
myhostname = postfix-bench.test
mydestination =
alias_maps =
alias_database =
local_recipient_maps =
smtputf8_enable = no
biff = no
maillog_file_prefixes = ${dir}
maillog_file = ${dir}/maillog
${routing}
`;
}

function masterCf(port: number): string {
  const services = [
    `127.0.0.1:${port} inet n - n - - smtpd`,
    'pickup unix n - n 60 1 pickup',
    'cleanup unix n - n - 0 cleanup',
    'qmgr unix n - n 300 1 qmgr',
    'rewrite unix - - n - - trivial-rewrite',
    'bounce unix - - n - 0 bounce',
    'defer unix - - n - 0 bounce',
    'trace unix - - n - 0 bounce',
    'verify unix - - n - 1 verify',
    'flush unix n - n 1000? 0 flush',
    'proxymap unix - - n - - proxymap',
    'smtp unix - - n - - smtp',
    'relay unix - - n - - smtp',
    'showq unix n - n - - showq',
    'error unix - - n - - error',
    'retry unix - - n - - error',
    'discard unix - - n - - discard',
    'local unix - n n - - local',
    'virtual unix - n n - - virtual',
    'lmtp unix - - n - - lmtp',
    'anvil unix - - n - 1 anvil',
    'scache unix - - n - 1 scache',
    'postlog unix-dgram n - n - 1 postlogd',
  ];
  return `${services.join('\n')}\n`;
}

async function listFiles(path: string): Promise<number> {
  const entries = await readdir(path, { withFileTypes: true }).catch(() => []);
  let count = 0;
  for (const e of entries) count += e.isDirectory() ? await listFiles(join(path, e.name)) : 1;
  return count;
}

async function waitForPort(port: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const ok = await run('swaks', ['--server', `127.0.0.1:${port}`, '--quit-after', 'CONNECT', '--silent', '2']).then(
      () => true,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`postfix did not listen on ${port}`);
}
