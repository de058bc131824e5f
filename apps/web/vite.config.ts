import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The web app: `npm run build:web` writes apps/web/dist, which the api serves at `/`; `npm run dev:web`
 * serves the sources and sends /api and /health to the api on port 3000. JSX goes through Vite's own
 * transformer (the React plugin's peer range clashes with ts-jest's Babel, and fast refresh is not needed).
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  oxc: { jsx: { runtime: 'automatic' } },
  // The one server module the web app may import (dependency-free; see .dependency-cruiser.cjs).
  resolve: {
    alias: { '@nhip/vocabulary': fileURLToPath(new URL('../../libs/vocabulary/src/index.ts', import.meta.url)) },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 400,
  },
  server: {
    port: 5173,
    proxy: { '/api': 'http://localhost:3000', '/health': 'http://localhost:3000' },
  },
});
