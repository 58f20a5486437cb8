/**
 * A loopback HTTP server standing in for "the internet" of a message: trackers, image
 * hosts, font and stylesheet CDNs, link targets. It answers every request with a tiny
 * image and remembers the paths, so a spec can prove what was (not) fetched.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RequestLog {
  /** http://127.0.0.1:port, without a trailing slash. */
  origin: string;
  paths: string[];
  close(): Promise<void>;
}

// A 1×1 transparent GIF.
const pixel = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

export async function startRequestLog(): Promise<RequestLog> {
  const paths: string[] = [];
  const server = createServer((request, response) => {
    paths.push(request.url ?? '');
    const page = request.url?.startsWith('/page');
    response.writeHead(200, { 'Content-Type': page ? 'text/html' : 'image/gif', 'Cache-Control': 'no-store' });
    response.end(page ? '<!doctype html><title>Outside page</title><p>Outside' : pixel);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    paths,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
