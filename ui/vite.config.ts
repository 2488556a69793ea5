import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * Builds the console into `dist/ui`, which `charter serve` serves at `/ui` (server/console). The
 * manifest marks a finished build; hashed file names let the server cache them forever.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/ui/',
  logLevel: 'warn',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: fileURLToPath(new URL('../dist/ui', import.meta.url)),
    emptyOutDir: true,
    manifest: true,
    target: 'es2022',
    // One small bundle: no module preload polyfill (every supported browser has modulepreload).
    modulePreload: { polyfill: false },
  },
});
