import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readStaticFile } from './static-files';

let root = '';
beforeAll(async () => {
  const base = await mkdtemp(join(tmpdir(), 'tern-static-'));
  root = join(base, 'renderer');
  await mkdir(join(root, 'assets'), { recursive: true });
  await writeFile(join(root, 'index.html'), '<!doctype html>');
  await writeFile(join(root, 'assets', 'app.js'), 'export {}');
  await writeFile(join(base, 'secrets.json'), '{"a":"pw"}');
});

describe('static files', () => {
  it('serves the index and assets with their types', async () => {
    expect((await readStaticFile(root, '/'))?.contentType).toMatch(/text\/html/);
    expect((await readStaticFile(root, '/assets/app.js'))?.contentType).toMatch(/javascript/);
  });

  it('never serves anything outside the renderer folder', async () => {
    for (const path of ['/../secrets.json', '/%2e%2e/secrets.json', '/assets/../../secrets.json', '/%00', '/%E0%A4%A', '/assets']) {
      expect(await readStaticFile(root, path)).toBeNull();
    }
  });
});
