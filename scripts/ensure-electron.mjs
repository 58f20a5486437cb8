#!/usr/bin/env node
// Before `npm start`: make sure the Electron binary is there. npm 11 does not run
// dependencies' install scripts unless allowed, so electron's download may never have
// happened; run it now. Where the download host is unreachable, say so and point to the
// web host instead.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

function binary() {
  try {
    const path = require('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

if (!binary()) {
  console.log('Downloading the Electron binary (node node_modules/electron/install.js)…');
  spawnSync(process.execPath, [require.resolve('electron/install.js')], { stdio: 'inherit' });
  if (!binary()) {
    console.error('The Electron binary could not be downloaded on this machine.\nRun Tern in your browser instead: npm run web');
    process.exit(1);
  }
}
