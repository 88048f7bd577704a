// A static build (`npm run build` → dist/) that any web server can host; `base: './'` keeps
// its links relative so it also works from a sub-path.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  base: './',
  build: { target: 'es2022', outDir: 'dist', emptyOutDir: true },
  worker: { format: 'es' },
  test: { include: ['test/**/*.test.ts'] },
});
