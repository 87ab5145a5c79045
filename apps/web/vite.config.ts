import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The lab pages call the API on their own origin; in development it runs apart (apps/api, default port 3000).
const apiProxy = { '/api': process.env['ARCHLAB_API_URL'] ?? 'http://127.0.0.1:3000' };

export default defineConfig({
  plugins: [react()],
  // Workers are ES modules so they can share chunks (the sim engine) with each other.
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    // The bench reads the emitted files to report the design page's gzipped size.
    manifest: true,
    reportCompressedSize: false,
    // ELK's layout engine is one 1.4 MB script; it only ever loads inside the auto-layout worker.
    chunkSizeWarningLimit: 1600,
  },
  server: { host: '127.0.0.1', proxy: apiProxy },
  preview: { host: '127.0.0.1', proxy: apiProxy },
});
