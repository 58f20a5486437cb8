// Proves that the import rules of DESIGN.md are enforced: each forbidden import below must
// be reported by ESLint with the project's own configuration, and an allowed one must not.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function importErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'import-x/no-restricted-paths')
    .map((m) => m.message);
}

describe('import rules', () => {
  const forbidden: Array<[string, string, RegExp]> = [
    ['src-shared/x.ts', "import { readFile } from 'node:fs';\nexport const f = readFile;", /pure TypeScript/],
    ['src-shared/x.ts', "import type { Engine } from '../src-main/engine/ports';\nexport type E = Engine;", /imports none/],
    ['src-renderer/features/x.ts', "import { app } from 'electron';\nexport const a = app;", /sandboxed page/],
    ['src-renderer/features/x.ts', "import { join } from 'path';\nexport const j = join;", /sandboxed page/],
    ['src-renderer/features/x.ts', "import type { Engine } from '../../src-main/engine/ports';\nexport type E = Engine;", /only through the contract/],
    ['src-main/engine/x.ts', "import { safeStorage } from 'electron';\nexport const s = safeStorage;", /never electron/],
    ['src-main/relay/x.ts', "import { BrowserWindow } from 'electron/main';\nexport const b = BrowserWindow;", /never electron/],
    ['src-main/engine/x.ts', "import { dispatch } from '../host/dispatch';\nexport const d = dispatch;", /does not know its host/],
    ['src-main/engine/x.ts', "import { openCache } from '../../src-renderer/cache/db';\nexport const o = openCache;", /store port/],
    ['src-renderer/components/x.ts', "import { tern } from '../bridge/tern';\nexport const t = tern;", /presentational/],
  ];

  it.each(forbidden)('%s refuses: %s', async (file, code, message) => {
    const errors = await importErrors(file, code);
    expect(errors.join('\n')).toMatch(message);
  });

  it('allows imports along the arrows', async () => {
    expect(await importErrors('src-main/engine/x.ts', "import { accountSchema } from '../../src-shared/model';\nexport const a = accountSchema;")).toEqual([]);
    expect(await importErrors('src-main/host/electron/x.ts', "import { app } from 'electron';\nexport const a = app;")).toEqual([]);
    expect(await importErrors('src-main/engine/x.ts', "import { connect } from 'node:tls';\nexport const c = connect;")).toEqual([]);
    expect(await importErrors('src-renderer/features/x.ts', "import { openCache } from '../cache/db';\nexport const o = openCache;")).toEqual([]);
  });
});
