// Lint, including the import rules of DESIGN.md ("Layers and who may import whom"):
// layers may only import along the arrows, and the packages each layer may not touch are
// refused by name. scripts/lint-rules.test.ts proves that a forbidden import fails.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import globals from 'globals';

/** Refuse imports of these packages (and their subpaths) in the files of a layer; with
 *  `noNode`, Node's built-in modules too, in either spelling (`fs`, `node:fs`). */
function refusePackages(files, names, why, { noNode = false } = {}) {
  const refused = noNode ? [...names, ...builtinModules] : names;
  const patterns = [...refused.map((n) => `${n}/*`), ...(noNode ? ['node:*'] : [])];
  return {
    files,
    rules: {
      'no-restricted-imports': ['error', { paths: refused.map((name) => ({ name, message: why })), patterns: [{ group: patterns, message: why }] }],
    },
  };
}

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.json'] })] },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            { target: './src-shared', from: ['./src-main', './src-renderer', './e2e', './bench', './scripts'], message: 'src-shared imports none of the other layers.' },
            { target: './src-renderer', from: './src-main', message: 'The renderer reaches the main process only through the contract (bridge/).' },
            { target: './src-main', from: './src-renderer', message: 'The main process reaches the cache only through the store port.' },
            { target: './src-main/engine', from: ['./src-main/host', './src-main/relay'], message: 'The engine does not know its host.' },
            { target: './src-main/relay', from: ['./src-main/host', './src-main/engine'], message: 'The relay stands alone (it also runs from the command line).' },
            { target: './src-renderer/components', from: ['./src-renderer/cache', './src-renderer/bridge', './src-renderer/features'], message: 'Components are presentational: no cache, no bridge.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  refusePackages(['src-shared/**'], ['electron', 'react', 'react-dom', 'dexie', 'ws', 'imapflow', 'mailparser'], 'src-shared is pure TypeScript: no Node, DOM, Electron or React.', { noNode: true }),
  refusePackages(['src-renderer/**'], ['electron', 'ws', 'imapflow', 'mailparser'], 'The renderer runs in a sandboxed page: no Node, no Electron, no protocol engines.', { noNode: true }),
  refusePackages(['src-main/engine/**', 'src-main/relay/**'], ['electron', 'react', 'react-dom', 'dexie'], 'The engine and the relay run in plain Node: never electron, and the cache is reached only through the store port.'),
);
