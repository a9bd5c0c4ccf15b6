import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// During `npm run dev` the API calls go to a Tessera server on its default port.
export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:8080',
      '/healthz': 'http://127.0.0.1:8080',
      '/readyz': 'http://127.0.0.1:8080',
    },
  },
  build: { outDir: 'dist', emptyOutDir: true },
});
