// Vite build of the console. @stepwise/asl is bundled from its TypeScript sources (it is pure, with
// no Node imports), so the editor validates with the very validator the api uses, built or not.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  plugins: [react()],
  base: '/',
  resolve: {
    alias: [{ find: /^@stepwise\/asl$/, replacement: here('../../libs/asl/src/index.ts') }],
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    // `npm run dev -w @stepwise/console` proxies the api (default port 8083) so REST calls are same-origin.
    proxy: {
      '/v1': process.env['STEPWISE_API_URL'] ?? 'http://127.0.0.1:8083',
      '/openapi.json': process.env['STEPWISE_API_URL'] ?? 'http://127.0.0.1:8083',
    },
  },
});
