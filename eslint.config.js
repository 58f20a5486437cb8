// Lint, including the import rules of DESIGN.md ("Layers and who may import whom"): each
// layer lists the packages it may not use and the layers it may not reach. Layer paths
// are matched on the import string: a relative path into another top-level layer must
// name that folder. scripts/lint-rules.test.ts proves that a forbidden import fails.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const why = {
  shared: 'src-shared is pure TypeScript: no Node, DOM, Electron or React.',
  sharedLayers: 'src-shared imports none of the other layers.',
  renderer: 'The renderer runs in a sandboxed page: no Node, no Electron, no protocol engines.',
  rendererLayers: 'The renderer reaches the main process only through the contract (bridge/).',
  components: 'Components are presentational: no cache, no bridge.',
  mainLayers: 'The main process reaches the cache only through the store port.',
  engine: 'The engine and the relay run in plain Node: never electron, and the cache is reached only through the store port.',
  engineLayers: 'The engine does not know its host.',
  relayLayers: 'The relay stands alone (it also runs from the command line).',
};

/** A path segment anywhere in the import string: `../../src-main/x` names src-main. */
const segment = (...names) => `(^|/)(${names.join('|')})(/|$)`;

/**
 * One `no-restricted-imports` setting for a layer (flat config does not merge a rule's
 * options across blocks, so each block states all of its layer's restrictions).
 */
function layer(files, { packages = [], message = '', noNode = false, reach = [] }) {
  const refused = noNode ? [...packages, ...builtinModules] : packages;
  const patterns = [
    ...(refused.length > 0 ? [{ group: [...refused.map((n) => `${n}/*`), ...(noNode ? ['node:*'] : [])], message }] : []),
    ...reach.map(([regex, reason]) => ({ regex, message: reason })),
  ];
  return {
    files,
    rules: { 'no-restricted-imports': ['error', { paths: refused.map((name) => ({ name, message })), patterns }] },
  };
}

const rendererRules = { packages: ['electron', 'ws', 'imapflow', 'mailparser'], message: why.renderer, noNode: true };
const engineRules = { packages: ['electron', 'react', 'react-dom', 'dexie'], message: why.engine };
const notRenderer = [segment('src-renderer'), why.mainLayers];

export default tseslint.config(
  { ignores: ['out/**', 'out-*/**', 'node_modules/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }] },
  },
  { files: ['src-renderer/**/*.{ts,tsx}'], languageOptions: { globals: { ...globals.browser } } },
  layer(['src-shared/**'], {
    packages: ['electron', 'react', 'react-dom', 'dexie', 'ws', 'imapflow', 'mailparser'],
    message: why.shared,
    noNode: true,
    reach: [[segment('src-main', 'src-renderer', 'e2e', 'bench', 'scripts'), why.sharedLayers]],
  }),
  layer(['src-renderer/**'], { ...rendererRules, reach: [[segment('src-main'), why.rendererLayers]] }),
  layer(['src-renderer/components/**'], {
    ...rendererRules,
    reach: [
      [segment('src-main'), why.rendererLayers],
      [segment('cache', 'bridge', 'features'), why.components],
    ],
  }),
  layer(['src-main/**'], { reach: [notRenderer] }),
  layer(['src-main/engine/**'], { ...engineRules, reach: [notRenderer, [segment('host', 'relay'), why.engineLayers]] }),
  layer(['src-main/relay/**'], { ...engineRules, reach: [notRenderer, [segment('host', 'engine'), why.relayLayers]] }),
);
