import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

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
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});
