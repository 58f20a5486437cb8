import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface TlsFiles {
  certPath: string;
  keyPath: string;
  /** The certificate itself; being self-signed, clients trust it directly as their `ca`. */
  certPem: string;
}

/**
 * Creates a fresh self-signed certificate for one server run with the `openssl` CLI.
 *
 * The SAN carries both IP:127.0.0.1 and DNS:localhost so Node verifies it whether a client
 * connects by address or by name. CA:FALSE keeps it a plain leaf (Node still accepts a
 * self-signed leaf given as `ca`), and an EC key makes generation instant, unlike RSA.
 */
export async function createSelfSignedCert(dir: string): Promise<TlsFiles> {
  const certPath = join(dir, 'cert.pem');
  const keyPath = join(dir, 'key.pem');
  // prettier-ignore
  await run('openssl', [
    'req', '-x509', '-nodes', '-days', '30',
    '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1',
    '-keyout', keyPath, '-out', certPath,
    '-subj', '/CN=localhost',
    '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
    '-addext', 'basicConstraints=critical,CA:FALSE',
    '-addext', 'keyUsage=critical,digitalSignature',
    '-addext', 'extendedKeyUsage=serverAuth',
  ]).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') throw new Error('openssl is not installed: run scripts/setup-test-deps.sh', { cause: error });
    throw error;
  });
  return { certPath, keyPath, certPem: await readFile(certPath, 'utf8') };
}
