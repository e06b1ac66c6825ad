import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

// The renderer bundle, used by browser mode (npm run serve) and the e2e tests.
// electron.vite.config.mts builds the same sources for the Electron window.
const root = fileURLToPath(new URL('./renderer/', import.meta.url));
export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./out/renderer', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 5000,
  },
});
