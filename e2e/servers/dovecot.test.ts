import { createHash } from 'node:crypto';
import { connect as tcpConnect, type Socket } from 'node:net';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import { ImapFlow, type ImapFlowOptions } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDovecot, type DovecotServer } from './dovecot';

// Proves the Dovecot kit against real clients: imapflow for IMAP, raw sockets for POP3.

const USER = 'alice';
const PASSWORD = 'secret-alice';
const TIMEOUT = 30_000;
const OLD_DATE = new Date('2024-03-04T05:06:07Z');

type Transport = 'plain' | 'starttls' | 'implicit-tls';

function imapClient(server: DovecotServer, transport: Transport, pass = PASSWORD): ImapFlow {
  const options: ImapFlowOptions = {
    host: server.host,
    auth: { user: USER, pass },
    logger: false,
    disableAutoIdle: true,
    tls: { ca: [server.caCertPem] },
  };
  if (transport === 'implicit-tls') Object.assign(options, { port: server.ports.imaps, secure: true });
  else Object.assign(options, { port: server.ports.imap, secure: false, doSTARTTLS: transport === 'starttls' });
  return new ImapFlow(options);
}

async function withImap<T>(server: DovecotServer, transport: Transport, use: (c: ImapFlow) => Promise<T>): Promise<T> {
  const client = imapClient(server, transport);
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.logout().catch(() => client.close());
  }
}

async function messageCount(client: ImapFlow, path: string): Promise<number> {
  const status = await client.status(path, { messages: true });
  if (status === false || status.messages === undefined) throw new Error(`no STATUS for ${path}`);
  return status.messages;
}

async function inboxSummary(client: ImapFlow) {
  const lock = await client.getMailboxLock('INBOX');
  try {
    const messages = [];
    for await (const m of client.fetch('1:*', { envelope: true, flags: true, internalDate: true })) {
      messages.push({ subject: m.envelope?.subject, seen: m.flags?.has('\\Seen') ?? false, date: m.internalDate });
    }
    return messages;
  } finally {
    lock.release();
  }
}

/** Minimal line-based POP3 session over an already connected socket. */
function pop3(socket: Socket | TLSSocket) {
  let buffer = '';
  const waiters: Array<(line: string) => void> = [];
  const pump = () => {
    for (let end = buffer.indexOf('\r\n'); end >= 0 && waiters.length > 0; end = buffer.indexOf('\r\n')) {
      const line = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      waiters.shift()?.(line);
    }
  };
  const onData = (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    pump();
  };
  socket.on('data', onData);
  const read = () =>
    new Promise<string>((resolve) => {
      waiters.push(resolve);
      pump();
    });
  return {
    read,
    command: (line: string) => {
      socket.write(`${line}\r\n`);
      return read();
    },
    /** Stops reading so the socket can be handed to tls.connect (STLS). */
    detach: () => socket.off('data', onData),
  };
}

function connectPop3s(server: DovecotServer): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    const socket = tlsConnect({ host: server.host, port: server.ports.pop3s, ca: [server.caCertPem] }, () =>
      resolve(socket),
    );
    socket.once('error', reject);
  });
}

function connectPlain(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = tcpConnect({ host: '127.0.0.1', port }, () => resolve(socket));
    socket.once('error', reject);
  });
}

function connectError(port: number): Promise<string | undefined> {
  return connectPlain(port).then(
    (socket) => {
      socket.destroy();
      return undefined;
    },
    (error: NodeJS.ErrnoException) => error.code,
  );
}

describe('startDovecot', { timeout: TIMEOUT }, () => {
  let server: DovecotServer;

  beforeAll(async () => {
    server = await startDovecot();
    await server.seed(USER, 'INBOX', [
      { subject: 'First unread', from: 'Bob <bob@example.test>', date: OLD_DATE },
      { subject: 'Already read', flags: ['\\Seen'] },
      { subject: 'Grüße aus Köln', body: 'Hallo!\r\nZweite Zeile.' },
    ]);
    await server.seed(USER, 'Work/Projects', [{ subject: 'Project kickoff', flags: ['\\Seen', '\\Flagged'] }]);
  }, TIMEOUT);

  afterAll(async () => {
    await server?.dispose();
  }, TIMEOUT);

  it('listens on four distinct loopback ports', () => {
    const ports = Object.values(server.ports);
    expect(new Set(ports).size).toBe(4);
    expect(server.host).toBe('127.0.0.1');
    expect(server.caCertPem).toContain('BEGIN CERTIFICATE');
  });

  it.each<Transport>(['plain', 'starttls', 'implicit-tls'])('serves the seeded mail over %s IMAP', async (transport) => {
    await withImap(server, transport, async (client) => {
      if (transport === 'plain') expect(client.tls).toBeFalsy();
      else expect(client.tls && client.tls.authorized).toBe(true);

      const list = await client.list();
      const byPath = new Map(list.map((m) => [m.path, m]));
      expect(byPath.has('INBOX')).toBe(true);
      expect(byPath.get('Sent')?.flags.has('\\Sent')).toBe(true);
      expect(byPath.get('Drafts')?.flags.has('\\Drafts')).toBe(true);
      expect(byPath.get('Work/Projects')?.subscribed).toBe(true);

      const inbox = await inboxSummary(client);
      expect(inbox.map((m) => m.subject)).toEqual(['First unread', 'Already read', 'Grüße aus Köln']);
      expect(inbox.map((m) => m.seen)).toEqual([false, true, false]);
      expect(new Date(inbox[0]?.date ?? 0).toISOString()).toBe(OLD_DATE.toISOString());

      const projects = await client.status('Work/Projects', { messages: true, unseen: true });
      expect(projects).toMatchObject({ messages: 1, unseen: 0 });
    });
  });

  it('advertises SPECIAL-USE, CONDSTORE and IDLE by default', async () => {
    await withImap(server, 'plain', async (client) => {
      for (const cap of ['SPECIAL-USE', 'CONDSTORE', 'QRESYNC', 'IDLE']) expect(client.capabilities.has(cap)).toBe(true);
    });
  });

  it('serves POP3 over implicit TLS', async () => {
    const socket = await connectPop3s(server);
    try {
      const session = pop3(socket);
      expect(await session.read()).toMatch(/^\+OK/);
      expect(await session.command(`USER ${USER}`)).toMatch(/^\+OK/);
      expect(await session.command(`PASS ${PASSWORD}`)).toMatch(/^\+OK/);
      expect(await session.command('STAT')).toMatch(/^\+OK 3 \d+$/);
      expect(await session.command('QUIT')).toMatch(/^\+OK/);
    } finally {
      socket.destroy();
    }
  });

  it('upgrades POP3 with STLS on the plain port', async () => {
    const plain = await connectPlain(server.ports.pop3);
    const session = pop3(plain);
    expect(await session.read()).toMatch(/^\+OK/);
    expect(await session.command('STLS')).toMatch(/^\+OK/);
    session.detach();
    const secure = await new Promise<TLSSocket>((resolve, reject) => {
      const s = tlsConnect({ socket: plain, ca: [server.caCertPem], host: server.host }, () => resolve(s));
      s.once('error', reject);
    });
    try {
      const upgraded = pop3(secure);
      expect(await upgraded.command(`USER ${USER}`)).toMatch(/^\+OK/);
      expect(await upgraded.command(`PASS ${PASSWORD}`)).toMatch(/^\+OK/);
      expect(await upgraded.command('STAT')).toMatch(/^\+OK 3 /);
    } finally {
      secure.destroy();
    }
  });

  it('rejects a wrong password over IMAP and POP3', async () => {
    const client = imapClient(server, 'plain', 'not-the-password');
    await expect(client.connect()).rejects.toMatchObject({ authenticationFailed: true });
    client.close();

    const socket = await connectPop3s(server);
    try {
      const session = pop3(socket);
      await session.read();
      await session.command(`USER ${USER}`);
      expect(await session.command('PASS not-the-password')).toMatch(/^-ERR/);
    } finally {
      socket.destroy();
    }
  });

  it('picks up mail seeded while running, also for an IDLE-ing client', async () => {
    await withImap(server, 'plain', async (client) => {
      const before = await messageCount(client, 'INBOX');
      const lock = await client.getMailboxLock('INBOX');
      const arrived = new Promise<number>((resolve) => client.on('exists', (e) => resolve(e.count)));
      const idling = client.idle();
      try {
        await server.seed(USER, 'INBOX', [{ subject: 'Arrived while running' }]);
        expect(await arrived).toBe(before + 1);
      } finally {
        lock.release();
      }
      // The next command ends IDLE, which settles idle().
      expect(await messageCount(client, 'INBOX')).toBe(before + 1);
      await idling;
    });
  });

  it('stop() refuses connections; start() serves the same data on the same ports', async () => {
    const ports = { ...server.ports };
    await server.stop();
    expect(server.running).toBe(false);
    for (const port of Object.values(ports)) expect(await connectError(port)).toBe('ECONNREFUSED');
    await expect(imapClient(server, 'plain').connect()).rejects.toThrow();

    // Seeding works while the server is down too.
    await server.seed(USER, 'Archive', [{ subject: 'Filed while offline' }]);

    await server.start();
    expect(server.ports).toEqual(ports);
    await withImap(server, 'implicit-tls', async (client) => {
      const subjects = (await inboxSummary(client)).map((m) => m.subject);
      expect(subjects.slice(0, 3)).toEqual(['First unread', 'Already read', 'Grüße aus Köln']);
      expect(await messageCount(client, 'Archive')).toBe(1);
    });
  });
});

describe('startDovecot with a reduced capability list and APOP', { timeout: TIMEOUT }, () => {
  let server: DovecotServer;

  beforeAll(async () => {
    server = await startDovecot({
      imapCapability: 'IMAP4rev1',
      enableApop: true,
      users: [
        { name: 'bob', password: 'pa:ss "quoted" wörd' },
        { name: 'carol@example.test', password: 'carol' },
      ],
    });
  }, TIMEOUT);

  afterAll(async () => {
    await server?.dispose();
  }, TIMEOUT);

  it('hides the extensions after login', async () => {
    const client = new ImapFlow({
      host: server.host,
      port: server.ports.imap,
      secure: false,
      doSTARTTLS: true,
      tls: { ca: [server.caCertPem] },
      auth: { user: 'bob', pass: 'pa:ss "quoted" wörd' },
      logger: false,
      disableAutoIdle: true,
    });
    await client.connect();
    try {
      const caps = [...client.capabilities.keys()];
      expect(caps).toContain('IMAP4rev1');
      for (const hidden of ['CONDSTORE', 'QRESYNC', 'IDLE', 'SPECIAL-USE']) expect(caps).not.toContain(hidden);
    } finally {
      await client.logout();
    }
  });

  it('accepts APOP with the timestamp from the POP3 greeting', async () => {
    await server.seed('carol@example.test', 'INBOX', [{ subject: 'For Carol' }]);
    const socket = await connectPop3s(server);
    try {
      const session = pop3(socket);
      const timestamp = /<[^>]+>/.exec(await session.read())?.[0];
      expect(timestamp).toBeDefined();
      const digest = createHash('md5').update(`${timestamp}carol`).digest('hex');
      expect(await session.command(`APOP carol@example.test ${digest}`)).toMatch(/^\+OK/);
      expect(await session.command('STAT')).toMatch(/^\+OK 1 /);
    } finally {
      socket.destroy();
    }
  });
});
