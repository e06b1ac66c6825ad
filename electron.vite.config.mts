import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';

// Builds the Electron app into out/: main (ESM), preload (one CommonJS file,
// as a sandboxed preload requires) and the renderer. better-sqlite3 stays
// outside every bundle: it is a native module loaded from node_modules.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        // The worker_threads entries are emitted beside index.js, where main/workers/entry.ts finds them.
        input: {
          index: resolve('main/electron/main.ts'),
          'compute-worker': resolve('main/compute/worker.ts'),
          'import-worker': resolve('main/import/worker.ts'),
        },
        external: ['electron', 'better-sqlite3'],
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve('main/electron/preload.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    plugins: [react()],
    build: {
      outDir: 'out/renderer',
      chunkSizeWarningLimit: 5000,
      rollupOptions: { input: { index: resolve('renderer/index.html') } },
    },
  },
});
