import { cloudflareTest } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          include: ['test/**/*.test.ts'],
          exclude: ['test/workers/**', 'node_modules/**', 'test/hardening/fuzz-workerd.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        // 10,000 requests to `wrangler dev` (workerd) over loopback, run on its own after the other projects
        // (`npm test` runs it second): a workerd instance under the load of a whole parallel suite was seen to
        // restart mid-request, which says nothing about our code.
        test: {
          name: 'workerd-fuzz',
          include: ['test/hardening/fuzz-workerd.test.ts'],
          environment: 'node',
          testTimeout: 300_000,
          hookTimeout: 180_000,
        },
      },
      {
        // The Worker (wrangler.toml: src/worker.ts, Durable Objects) in workerd; `npm run build` generates its prompts first.
        plugins: [cloudflareTest({ wrangler: { configPath: './wrangler.toml' } })],
        test: {
          name: 'workers',
          include: ['test/workers/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
