import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// During `npm run dev` the API calls go to a Tessera server on its default port.
export default defineConfig({
  plugins: [react()],
  resolve: {
    // The domain rules (ticket states, password policy) are shared with the server from source,
    // so the web build does not depend on the libraries having been compiled first.
    alias: {
      '@tessera/domain': fileURLToPath(new URL('../../libs/domain/src/index.ts', import.meta.url)),
    },
  },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:8080',
      '/healthz': 'http://127.0.0.1:8080',
      '/readyz': 'http://127.0.0.1:8080',
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rolldownOptions: {
      output: {
        // React and the router change rarely: one long-cached chunk, apart from the app's code.
        // uPlot stays out of it and loads with the reports only.
        codeSplitting: {
          groups: [
            {
              name: 'react',
              test: /node_modules[\\/](react|react-dom|react-router|scheduler|cookie|set-cookie-parser)[\\/]/,
            },
          ],
        },
      },
    },
  },
});
