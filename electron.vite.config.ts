import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// electron-vite only auto-discovers src/main, src/preload and src/renderer, so every
// entry of our src-* layout is named here.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          // Electron host (app lifecycle, window, IPC).
          index: resolve(__dirname, 'src-main/host/electron/main.ts'),
          // Web host: plain Node, no electron import; `npm run web` runs it.
          web: resolve(__dirname, 'src-main/host/web/main.ts'),
          // Standalone SMTP relay: `node out/main/relay.js --help`.
          relay: resolve(__dirname, 'src-main/relay/cli.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot require node_modules: bundle everything into one
      // CommonJS file.
      externalizeDeps: false,
      isolatedEntries: true,
      rollupOptions: {
        input: { index: resolve(__dirname, 'src-main/host/electron/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src-renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      rollupOptions: {
        input: { index: resolve(__dirname, 'src-renderer/index.html') },
      },
    },
  },
});
