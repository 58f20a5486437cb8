/**
 * The web host: the same engine as the Electron host, reached by a browser over a loopback
 * HTTP server (the built renderer) and a WebSocket (the contract). It is how Tern runs
 * without Electron and how the end-to-end tests drive the real UI.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { clientFrameSchema, socketPath, tokenCookie, type ServerFrame } from '../../../src-shared/wire';
import type { DiscoveryOverrides } from '../../engine/autoconfig/discovery-config';
import { createHostCore, type Client } from '../host-core';
import { createFileSecretStore } from './file-secret-store';
import { hasToken, isOwnHost, isOwnOrigin, matchesQueryToken, newToken } from './access';
import { pageCspHeader } from './page-csp';
import { readStaticFile } from './static-files';

export interface WebHostOptions {
  port: number;
  profileDir: string;
  rendererDir: string;
  version: string;
  /** Where account discovery looks (TERN_DISCOVERY); the real network when absent. */
  discovery?: DiscoveryOverrides;
}

export interface WebHost {
  /** The URL to open, carrying this run's token. */
  url: string;
  port: number;
  close(): Promise<void>;
}

const baseHeaders = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

const maxFrameBytes = 64 * 1024 * 1024;

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = newToken();
  const securityHeaders = { ...baseHeaders, 'Content-Security-Policy': await pageCspHeader(options.rendererDir) };
  const core = createHostCore({
    host: 'web',
    version: options.version,
    secrets: createFileSecretStore(options.profileDir),
    profileDir: options.profileDir,
    discovery: options.discovery,
  });
  let port = options.port;

  const server = createServer((request, response) => void serveHttp(request, response));
  const sockets = new WebSocketServer({ noServer: true, maxPayload: maxFrameBytes });

  async function serveHttp(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!isOwnHost(request, port)) return deny(response, 421, 'Unknown host.');
    if (request.method !== 'GET' && request.method !== 'HEAD') return deny(response, 405, 'Method not allowed.');
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    if (matchesQueryToken(request, token)) {
      // Trade the URL token for a cookie and drop it from the address bar and history.
      response.writeHead(303, {
        ...securityHeaders,
        'Set-Cookie': `${tokenCookie}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        Location: path,
      });
      return void response.end();
    }
    if (!hasToken(request, token)) return deny(response, 403, 'Open the address printed by `npm run web`: it carries this run’s token.');
    const file = await readStaticFile(options.rendererDir, path);
    if (!file) return deny(response, 404, 'Not found.');
    response.writeHead(200, { ...securityHeaders, 'Content-Type': file.contentType });
    response.end(request.method === 'HEAD' ? undefined : file.body);
  }

  server.on('upgrade', (request, socket, head) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    if (path !== socketPath || !isOwnHost(request, port) || !isOwnOrigin(request, port) || !hasToken(request, token)) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => bindSocket(ws));
  });

  function bindSocket(ws: WebSocket): void {
    const send = (frame: ServerFrame): void => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
    };
    const client: Client = { send: (event, payload) => send({ type: 'event', event, payload }) };
    core.connect(client);
    ws.on('message', (data) => void handleFrame(String(data)));
    ws.on('close', () => core.disconnect(client));

    async function handleFrame(text: string): Promise<void> {
      let raw: unknown;
      try {
        raw = JSON.parse(text);
      } catch {
        return ws.close(1003, 'frames must be JSON');
      }
      const frame = clientFrameSchema.safeParse(raw);
      if (!frame.success) return ws.close(1003, 'malformed frame');
      const { id, command, args } = frame.data;
      const outcome = await core.dispatch(client, command, args);
      send(outcome.ok ? { type: 'result', id, ok: true, value: outcome.value } : { type: 'result', id, ok: false, error: outcome.error });
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    async close() {
      for (const ws of sockets.clients) ws.terminate();
      await core.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function deny(response: ServerResponse, status: number, message: string): void {
  response.writeHead(status, { ...baseHeaders, 'Content-Security-Policy': "default-src 'none'", 'Content-Type': 'text/plain; charset=utf-8' });
  response.end(message);
}
