import { defineConfig } from 'vite';
import solid from 'vite-plugin-solid';

export default defineConfig({
  plugins: [solid()],
  // Maps are written for reading stack traces but not linked from the bundles: they hold the full
  // sources, and the deploy never uploads them (infra/lib/stacks/web-stack.ts).
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: 'hidden' },
  server: {
    proxy: {
      '/v1': 'http://localhost:3000',
      '/health': 'http://localhost:3000',
      '/runtime.json': 'http://localhost:3000',
    },
  },
});
