import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `pnpm dev` serves the app with hot reload and sends what the app asks of the server to a
// running engine (`pnpm start`), so the browser sees one origin, as it does in production.
const engine = process.env['SWITCHBOARD_DEV_API'] ?? 'http://127.0.0.1:3000';

// A default export, against our convention (docs/ARCHITECTURE.md, Conventions), because Vite only reads a config file's default export.
export default defineConfig({
  plugins: [react()],
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: {
      // The engine takes a change sent with a session cookie only from its own origin (its
      // cross-site check), so what the browser sends from Vite's origin is sent on as the engine's.
      '/api': { target: engine, changeOrigin: true, headers: { origin: new URL(engine).origin } },
      '/hooks': engine,
      '/docs': engine,
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Source maps let a person reading a stack trace in the browser's console find the line.
    sourcemap: true,
    // React, the router, the query cache and i18next are about 530 kB minified (170 kB gzipped)
    // before any screen of ours; past this, something grew that deserves a look.
    chunkSizeWarningLimit: 700,
  },
});
