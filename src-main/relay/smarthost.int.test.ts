import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import { freePort } from '../../e2e/servers/free-port';
import { createSelfSignedCert, type TlsFiles } from '../../e2e/servers/tls-cert';
import { startRelay, type Relay } from './relay';
import { message, submit, withTempDir } from './test-kit';

interface Received {
  secure: boolean;
  user: unknown;
  to: string[];
}

// Smarthost mode: everything goes to one submission server, over STARTTLS (verified
// against the test certificate) with AUTH.
describe('relay smarthost mode', () => {
  let temp: Awaited<ReturnType<typeof withTempDir>>;
  let tls: TlsFiles;
  let submission: SMTPServer;
  let port: number;
  const received: Received[] = [];
  const relays: Relay[] = [];

  beforeAll(async () => {
    temp = await withTempDir();
    tls = await createSelfSignedCert(temp.dir);
    port = await freePort();
    submission = new SMTPServer({
      key: await readFile(tls.keyPath),
      cert: tls.certPem,
      disableReverseLookup: true,
      onAuth(auth, _session, cb) {
        if (auth.username === 'tern' && auth.password === 's3cret') return cb(null, { user: 'tern' });
        cb(Object.assign(new Error('Invalid credentials'), { responseCode: 535 }));
      },
      onData(stream, session, cb) {
        stream.resume();
        stream.on('end', () => {
          received.push({ secure: session.secure, user: session.user, to: session.envelope.rcptTo.map((r) => r.address) });
          cb();
        });
      },
    });
    await new Promise<void>((resolve) => submission.listen(port, '127.0.0.1', () => resolve()));
  });
  afterAll(async () => {
    for (const relay of relays) await relay.stop();
    await new Promise<void>((resolve) => submission.close(() => resolve()));
    await temp.remove();
  });

  async function relayWith(password: string): Promise<Relay> {
    const relay = await startRelay({
      spool: `${temp.dir}/spool-${password}`,
      listenPort: await freePort(),
      hostname: 'relay.test',
      smarthost: { host: '127.0.0.1', port, secure: false, user: 'tern', password, ca: tls.certPem },
    });
    relays.push(relay);
    return relay;
  }

  it('delivers every domain through the smarthost over STARTTLS with AUTH', async () => {
    const relay = await relayWith('s3cret');
    await submit(relay.port, 'a@sender.test', ['x@one.test', 'y@two.test'], message('smarthost'));
    await relay.queue.drain();
    expect(received).toEqual([{ secure: true, user: 'tern', to: ['x@one.test', 'y@two.test'] }]);
    expect(relay.queue.list()).toEqual([]);
  });

  it('keeps the message queued with the reason when the smarthost refuses the login', async () => {
    const relay = await relayWith('wrong');
    await submit(relay.port, 'a@sender.test', ['x@one.test'], message('badlogin'));
    await relay.queue.drain();
    const [queued] = relay.queue.list();
    expect(queued?.recipients[0]).toMatchObject({ state: 'pending', lastError: expect.stringContaining('535') });
  });
});
