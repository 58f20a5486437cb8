import { mkdtemp, stat, writeFile, readFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { freePort } from '../../../e2e/servers/free-port';
import { startWebHost, type WebHost } from './web-host';

let host: WebHost;
let profileDir = '';
let token = '';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function get(path: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, path, headers: { host: `127.0.0.1:${host.port}`, ...headers } }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function openSocket(headers: Record<string, string>): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}/tern-socket`, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

function invoke(ws: WebSocket, id: number, command: string, args: unknown): Promise<unknown> {
  return new Promise((resolve) => {
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data)) as { type: string; id?: number };
      if (frame.type === 'result' && frame.id === id) resolve(frame);
    });
    ws.send(JSON.stringify({ type: 'invoke', id, command, args }));
  });
}

const cookie = () => `tern_token=${token}`;
const origin = () => `http://127.0.0.1:${host.port}`;

beforeAll(async () => {
  const rendererDir = await mkdtemp(join(tmpdir(), 'tern-renderer-'));
  await writeFile(
    join(rendererDir, 'index.html'),
    `<!doctype html><meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self'"><title>Tern</title>`,
  );
  profileDir = await mkdtemp(join(tmpdir(), 'tern-web-profile-'));
  host = await startWebHost({ port: await freePort(), profileDir, rendererDir, version: '9.9.9' });
  token = new URL(host.url).searchParams.get('token') ?? '';
});
afterAll(() => host?.close());

describe('web host access control', () => {
  it('listens on loopback and prints a URL with a long random token', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{32}$/);
  });

  it('refuses the page without this run’s token', async () => {
    expect((await get('/')).status).toBe(403);
    expect((await get('/?token=guess')).status).toBe(403);
    expect((await get('/', { cookie: 'tern_token=guess' })).status).toBe(403);
  });

  it('trades the URL token for an HttpOnly SameSite=Strict cookie and serves the page with a CSP', async () => {
    const first = await get(`/?token=${token}`);
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/');
    expect(String(first.headers['set-cookie'])).toMatch(/HttpOnly; SameSite=Strict/);
    const page = await get('/', { cookie: cookie() });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Tern</title>');
    // The page's own policy, plus what only a header can say.
    expect(page.headers['content-security-policy']).toBe("default-src 'none'; script-src 'self'; frame-ancestors 'none'");
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    expect((await get('/', { cookie: cookie(), host: `attacker.example:${host.port}` })).status).toBe(421);
  });

  it('accepts the socket only with the token and our own origin, and carries the contract', async () => {
    await expect(openSocket({ origin: origin() })).rejects.toThrow(/403/);
    await expect(openSocket({ cookie: cookie(), origin: 'http://attacker.example' })).rejects.toThrow(/403/);
    const ws = await openSocket({ cookie: cookie(), origin: origin() });
    expect(await invoke(ws, 1, 'app.info', {})).toEqual({ type: 'result', id: 1, ok: true, value: { version: '9.9.9', host: 'web' } });
    expect(await invoke(ws, 2, 'account.remove', { accountId: '../../x' })).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
    ws.close();
  });

  it('closes a socket that sends garbage', async () => {
    const ws = await openSocket({ cookie: cookie(), origin: origin() });
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send('not json');
    expect(await closed).toBe(1003);
  });

  it('keeps passwords in a 0600 file in the profile, never in an event', async () => {
    const ws = await openSocket({ cookie: cookie(), origin: origin() });
    const frames: string[] = [];
    ws.on('message', (data) => frames.push(String(data)));
    const account = {
      id: 'w1', name: 'Work', email: 'me@example.org', trustedCertificates: [],
      incoming: { protocol: 'imap', host: '127.0.0.1', port: await freePort(), security: 'none', user: 'me' },
    };
    expect(await invoke(ws, 3, 'account.save', { account, password: 'hunter2-secret' })).toMatchObject({ ok: true });
    const file = join(profileDir, 'secrets.json');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ w1: 'hunter2-secret' });
    await expect.poll(() => frames.some((f) => f.includes('"account.status"'))).toBe(true);
    expect(frames.join('\n')).not.toContain('hunter2-secret');
    await invoke(ws, 4, 'account.remove', { accountId: 'w1' });
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({});
    ws.close();
  });
});
