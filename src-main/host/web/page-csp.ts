/**
 * The web host's Content-Security-Policy header is the page's own policy (the meta tag of
 * src-renderer/index.html, the one source of truth, also what Electron enforces) plus what
 * only a header can say: `frame-ancestors 'none'`, so no other site can frame the app.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

export async function pageCspHeader(rendererDir: string): Promise<string> {
  const html = await readFile(join(rendererDir, 'index.html'), 'utf8');
  const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(html);
  if (!meta) throw new Error(`${rendererDir}/index.html has no Content-Security-Policy meta tag; refusing to serve it.`);
  return `${meta[1]!.trim().replace(/;\s*$/, '')}; frame-ancestors 'none'`;
}
