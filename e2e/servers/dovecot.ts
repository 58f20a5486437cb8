import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { renderDovecotConfig, renderPasswdFile } from './dovecot-config';
import { freePorts } from './free-port';
import { deliver, ensureFolder, folderPath, subscribe, type Owner } from './maildir';
import { buildMessage } from './message';
import { acceptsConnections, pollUntil, readGreeting } from './probe';
import { killOnExit, OWNER_FILE, reapStaleInstances } from './process-guard';
import { resolveDovecotAccounts, type DovecotAccounts } from './system-user';
import { createSelfSignedCert } from './tls-cert';
import type { DovecotOptions, DovecotServer, MailUser, SeedMessage } from './types';

export type { DovecotOptions, DovecotServer, MailUser, SeedFlag, SeedMessage } from './types';

const DEFAULT_USERS: readonly MailUser[] = [{ name: 'alice', password: 'secret-alice' }];
const DIR_PREFIX = 'tern-dovecot-';
const START_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 15_000;
const PORT_ATTEMPTS = 3;

type Ports = DovecotServer['ports'];

/** Starts a private Dovecot (IMAP + POP3, plain/STARTTLS and implicit TLS) on 127.0.0.1. */
export async function startDovecot(opts: DovecotOptions = {}): Promise<DovecotServer> {
  const users = [...(opts.users ?? DEFAULT_USERS)];
  validateUsers(users);
  dovecotBinary(); // fail fast, before any temp dir exists
  const accounts = resolveDovecotAccounts();
  const root = tempRoot();
  await reapStaleInstances(root, DIR_PREFIX);
  const dir = await mkdtemp(join(root, DIR_PREFIX));
  const server = new Dovecot(dir, users, opts, accounts);
  try {
    await server.prepare();
    for (let attempt = 1; ; attempt++) {
      await server.configure(await freePorts(4));
      try {
        await server.start();
        return server;
      } catch (error) {
        // Another process may take a probed port before dovecot binds it; try fresh ports.
        if (attempt >= PORT_ATTEMPTS || !String(error).includes('Address already in use')) throw error;
      }
    }
  } catch (error) {
    await server.dispose();
    throw error;
  }
}

function validateUsers(users: readonly MailUser[]): void {
  if (users.length === 0) throw new Error('at least one user is required');
  const seen = new Set<string>();
  for (const { name, password } of users) {
    // The name becomes a directory and a passwd-file key.
    if (!/^[A-Za-z0-9][A-Za-z0-9._+@-]*$/.test(name)) throw new Error(`unsupported user name '${name}'`);
    if (seen.has(name)) throw new Error(`duplicate user '${name}'`);
    if (/[\r\n]/.test(password)) throw new Error('passwords cannot contain line breaks');
    seen.add(name);
  }
}

/** Unix socket paths (base_dir/...) must stay under ~108 bytes, so avoid a deep TMPDIR. */
function tempRoot(): string {
  const dir = tmpdir();
  return dir.length <= 40 ? dir : '/tmp';
}

function dovecotBinary(): string {
  const found = ['/usr/sbin/dovecot', '/usr/local/sbin/dovecot'].find((p) => existsSync(p));
  if (found === undefined) throw new Error('dovecot is not installed: run scripts/setup-test-deps.sh');
  return found;
}

class Dovecot implements DovecotServer {
  readonly host = '127.0.0.1' as const;
  ports: Ports = { imap: 0, imaps: 0, pop3: 0, pop3s: 0 };
  get sockets(): { lmtp: string; auth: string } {
    return { lmtp: join(this.dir, 'run', 'lmtp'), auth: join(this.dir, 'run', 'auth-client') };
  }
  caCertPem = '';
  readonly logPath: string;
  private readonly configPath: string;
  private readonly mailRoot: string;
  private readonly owner: Owner;
  private readonly greetingTag: string;
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  private output = '';
  private disposed = false;
  // start/stop/dispose run one at a time so overlapping calls cannot spawn two masters.
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly dir: string,
    readonly users: readonly MailUser[],
    private readonly opts: DovecotOptions,
    private readonly accounts: DovecotAccounts,
  ) {
    this.logPath = join(dir, 'dovecot.log');
    this.configPath = join(dir, 'dovecot.conf');
    this.mailRoot = join(dir, 'mail');
    this.owner = { uid: accounts.mail.uid, gid: accounts.mail.gid };
    this.greetingTag = `tern-${basename(dir).slice(DIR_PREFIX.length)}`;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Lays out the temp dir: certificate, passwd file and one Maildir per user. */
  async prepare(): Promise<void> {
    // mkdtemp makes it 0700; dovecot's unprivileged processes must traverse it.
    await chmod(this.dir, 0o755);
    await writeFile(join(this.dir, OWNER_FILE), `${process.pid}\n`);
    await mkdir(join(this.dir, 'tls'), { mode: 0o700 });
    this.caCertPem = (await createSelfSignedCert(join(this.dir, 'tls'))).certPem;
    // The auth process reads it as the internal (mail) user.
    const passwdPath = join(this.dir, 'users.passwd');
    await writeFile(passwdPath, renderPasswdFile(this.users), { mode: 0o600 });
    await chown(passwdPath, this.owner.uid, this.owner.gid);
    await mkdir(this.mailRoot, { mode: 0o755 });
    for (const { name } of this.users) {
      const home = join(this.mailRoot, name);
      await mkdir(join(home, 'Maildir'), { recursive: true, mode: 0o700 });
      await chown(home, this.owner.uid, this.owner.gid);
      await chown(join(home, 'Maildir'), this.owner.uid, this.owner.gid);
      await ensureFolder(join(home, 'Maildir'), 'INBOX', this.owner);
    }
  }

  async configure(ports: number[]): Promise<void> {
    const [imap = 0, imaps = 0, pop3 = 0, pop3s = 0] = ports;
    this.ports = { imap, imaps, pop3, pop3s };
    const config = renderDovecotConfig({
      instanceName: this.greetingTag,
      greeting: `Dovecot ready (${this.greetingTag}).`,
      runDir: join(this.dir, 'run'),
      stateDir: join(this.dir, 'state'),
      logPath: this.logPath,
      certPath: join(this.dir, 'tls', 'cert.pem'),
      keyPath: join(this.dir, 'tls', 'key.pem'),
      passwdPath: join(this.dir, 'users.passwd'),
      mailRoot: this.mailRoot,
      ports: this.ports,
      mailAccount: this.accounts.mail,
      loginUser: this.accounts.loginUser,
      internalUser: this.accounts.internalUser,
      rootless: this.accounts.rootless,
      imapCapability: this.opts.imapCapability,
      enableApop: this.opts.enableApop ?? false,
      mtaSockets: this.opts.mtaSockets ?? false,
    });
    await writeFile(this.configPath, config);
  }

  maildirPath(user: string, folder: string): string {
    if (!this.users.some((u) => u.name === user)) throw new Error(`unknown user '${user}'`);
    return folderPath(join(this.mailRoot, user, 'Maildir'), folder);
  }

  async seed(user: string, folder: string, messages: SeedMessage[]): Promise<void> {
    await this.createFolder(user, folder);
    const built = messages.map((m) => buildMessage(m, user));
    await deliver(this.maildirPath(user, folder), built, this.owner);
  }

  async createFolder(user: string, folder: string, opts: { subscribe?: boolean } = {}): Promise<void> {
    const root = this.maildirPath(user, 'INBOX');
    this.maildirPath(user, folder); // validates the name before touching the disk
    const created = await ensureFolder(root, folder, this.owner);
    if (opts.subscribe ?? created) await subscribe(root, folder, this.owner);
  }

  start(): Promise<void> {
    return this.serialize(async () => {
      if (this.disposed) throw new Error('server was disposed');
      if (this.running) return;
      await this.stopChild(); // clears a master that died by itself
      await this.spawnAndWait();
    });
  }

  stop(): Promise<void> {
    return this.serialize(() => this.stopChild());
  }

  dispose(): Promise<void> {
    return this.serialize(async () => {
      this.disposed = true;
      await this.stopChild();
      await rm(this.dir, { recursive: true, force: true });
    });
  }

  private serialize(action: () => Promise<void>): Promise<void> {
    const next = this.queue.then(action);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async spawnAndWait(): Promise<void> {
    const startedAt = Date.now();
    this.output = '';
    // Foreground (-F) keeps dovecot our child, so it stops with us and we see it exit.
    const child = spawn(dovecotBinary(), ['-F', '-c', this.configPath], { stdio: ['ignore', 'pipe', 'pipe'] });
    let gone = false;
    this.exited = new Promise((resolve) => {
      const done = () => {
        gone = true;
        resolve();
      };
      child.once('exit', done);
      child.once('error', (error) => {
        this.output += `${String(error)}\n`;
        done();
      });
    });
    const collect = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString('utf8')).slice(-16_000);
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    this.child = child;
    killOnExit(child);

    // The greeting carries this run's tag, so a foreign server on a stolen port cannot pass.
    const ours = (line: string | undefined, prefix: string) =>
      line !== undefined && line.startsWith(prefix) && line.includes(this.greetingTag);
    const ready = await pollUntil(
      async () =>
        ours(await readGreeting(this.ports.imap), '* OK') && ours(await readGreeting(this.ports.pop3), '+OK'),
      START_TIMEOUT_MS,
      () => gone,
    );
    if (ready && !gone) return;
    // No port check here: a foreign process holding a port may be why startup failed.
    await this.stopChild({ waitForPorts: false });
    const reason = gone ? 'exited during startup' : `did not greet within ${Date.now() - startedAt} ms`;
    throw new Error(`dovecot ${reason} (ports ${JSON.stringify(this.ports)}, dir ${this.dir})\n${await this.diagnostics()}`);
  }

  private async stopChild({ waitForPorts = true } = {}): Promise<void> {
    const child = this.child;
    if (child === undefined) return;
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const timedOut = await Promise.race([
      this.exited.then(() => false),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(true), STOP_TIMEOUT_MS).unref()),
    ]);
    if (timedOut) {
      // Its children notice the master is gone and exit by themselves.
      child.kill('SIGKILL');
      await this.exited;
    }
    this.child = undefined;
    if (!waitForPorts) return;
    // Children of a killed master may hold the listeners a little longer.
    const closed = await pollUntil(async () => !(await this.anyPortOpen()), 10_000);
    if (!closed) throw new Error(`dovecot stopped but its ports still accept connections (dir ${this.dir})`);
  }

  private async anyPortOpen(): Promise<boolean> {
    const open = await Promise.all(Object.values(this.ports).map((p) => acceptsConnections(p)));
    return open.includes(true);
  }

  private async diagnostics(): Promise<string> {
    const log = await readFile(this.logPath, 'utf8').catch(() => '');
    const tail = log.split('\n').slice(-40).join('\n');
    return `--- dovecot output ---\n${this.output.trim()}\n--- ${this.logPath} (tail) ---\n${tail.trim()}`;
  }
}
