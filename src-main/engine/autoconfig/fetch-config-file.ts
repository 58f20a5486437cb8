/**
 * Fetches one autoconfig file over HTTPS. The file decides where the user's password will
 * be sent, so it is only ever taken from a verified HTTPS server: plain http:// URLs are
 * refused, and so is a redirect to one (Thunderbird accepts http for autoconfig.<domain>;
 * Tern does not, because anyone on the path could then name their own server). At most
 * three redirects, a time limit per request and a size limit on the answer.
 */
import * as https from 'node:https';
import * as tls from 'node:tls';
import { AutoconfigError } from './client-config';
import type { DiscoveryConfig } from './discovery-config';

const MAX_REDIRECTS = 3;
const MAX_BYTES = 256 * 1024;

export type FetchNetwork = Pick<DiscoveryConfig, 'lookup' | 'httpsPort' | 'httpsTrusted' | 'requestTimeoutMs'>;

/** The file's text, or null when there is none (no such host, refused, 404 …). */
export async function fetchConfigFile(url: string, network: FetchNetwork, signal: AbortSignal): Promise<string | null> {
  let current = new URL(url);
  for (let redirects = 0; ; redirects++) {
    if (current.protocol !== 'https:') throw new AutoconfigError(`Refusing ${current.href}: autoconfig files are only taken over HTTPS.`);
    const answer = await get(current, network, signal);
    if (answer.kind === 'none') return null;
    if (answer.kind === 'text') return answer.text;
    if (redirects >= MAX_REDIRECTS) throw new AutoconfigError(`${url} redirected more than ${MAX_REDIRECTS} times.`);
    current = new URL(answer.location, current);
  }
}

type Answer = { kind: 'none' } | { kind: 'text'; text: string } | { kind: 'redirect'; location: string };

function get(url: URL, network: FetchNetwork, signal: AbortSignal): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = https.request(
      {
        host: url.hostname,
        port: url.port === '' ? network.httpsPort : Number(url.port),
        path: `${url.pathname}${url.search}`,
        method: 'GET',
        servername: url.hostname,
        lookup: network.lookup,
        ...(network.httpsTrusted.length > 0 ? { ca: [...tls.rootCertificates, ...network.httpsTrusted] } : {}),
        rejectUnauthorized: true,
        minVersion: 'TLSv1.2',
        timeout: network.requestTimeoutMs,
        signal,
        agent: false,
        headers: { accept: 'application/xml, text/xml', 'user-agent': 'Tern' },
      },
      (response) => {
        const status = response.statusCode ?? 0;
        if (status >= 300 && status < 400 && typeof response.headers.location === 'string') {
          response.resume();
          resolve({ kind: 'redirect', location: response.headers.location });
          return;
        }
        if (status !== 200) {
          response.resume();
          resolve({ kind: 'none' });
          return;
        }
        const declared = Number(response.headers['content-length'] ?? 0);
        if (declared > MAX_BYTES) {
          request.destroy();
          reject(new AutoconfigError(`${url.href} is larger than ${MAX_BYTES / 1024} KB.`));
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_BYTES) {
            request.destroy();
            reject(new AutoconfigError(`${url.href} is larger than ${MAX_BYTES / 1024} KB.`));
          } else chunks.push(chunk);
        });
        response.on('end', () => resolve({ kind: 'text', text: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', reject);
      },
    );
    request.on('timeout', () => request.destroy(new AutoconfigError(`${url.host} did not answer in time.`)));
    request.on('error', (error: NodeJS.ErrnoException) => {
      if (error instanceof AutoconfigError) reject(error);
      // A certificate the system does not trust is a reason to distrust the file, worth telling.
      else if (error.code !== undefined && /CERT|SSL|TLS|SIGNATURE/.test(error.code)) {
        reject(new AutoconfigError(`The certificate of ${url.host} is not trusted (${error.code}); its autoconfig file was ignored.`));
      } else if (signal.aborted) reject(error);
      else resolve({ kind: 'none' });
    });
    request.end();
  });
}
