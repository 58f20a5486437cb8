/**
 * Who may talk to the web host. It listens on 127.0.0.1 only, but any local program or
 * any web page in the user's browser can reach loopback, so every request must carry this
 * run's random token (the URL's `?token=` once, then an HttpOnly SameSite=Strict cookie),
 * name our own host (against DNS rebinding), and WebSocket handshakes must come from our
 * own origin (against cross-site WebSocket hijacking).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { tokenCookie } from '../../../src-shared/wire';

export const newToken = (): string => randomBytes(24).toString('base64url');

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function cookieToken(request: IncomingMessage): string | null {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === tokenCookie) return rest.join('=');
  }
  return null;
}

export function queryToken(request: IncomingMessage): string | null {
  return new URL(request.url ?? '/', 'http://127.0.0.1').searchParams.get('token');
}

export function allowedHosts(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
}

export function hasToken(request: IncomingMessage, token: string): boolean {
  const presented = cookieToken(request);
  return presented !== null && sameToken(presented, token);
}

export function isOwnHost(request: IncomingMessage, port: number): boolean {
  return allowedHosts(port).has(request.headers.host ?? '');
}

export function isOwnOrigin(request: IncomingMessage, port: number): boolean {
  const origin = request.headers.origin;
  if (!origin) return false;
  return [...allowedHosts(port)].some((host) => origin === `http://${host}`);
}

export function matchesQueryToken(request: IncomingMessage, token: string): boolean {
  const presented = queryToken(request);
  return presented !== null && sameToken(presented, token);
}
