import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The console is a static SPA in dist/console; the server serves it at `/` with an index.html
// fallback for every non-/api path, so deep links survive a reload.
export default defineConfig({
  root: fileURLToPath(new URL('./src/console', import.meta.url)),
  base: '/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist/console', import.meta.url)),
    emptyOutDir: true,
    // Figures for docs/benchmarks.md come from this report.
    reportCompressedSize: true,
  },
  server: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:8080', changeOrigin: false },
      '/healthz': 'http://127.0.0.1:8080',
    },
  },
});
