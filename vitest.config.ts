import { cloudflareTest } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          include: ['test/**/*.test.ts'],
          exclude: ['test/workers/**', 'node_modules/**'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        // The Worker (wrangler.toml: src/worker.ts, Durable Objects) in workerd; `npm run build` generates its prompts first.
        // Request logs off (hundreds of lines per run) unless asked for: LOG_REQUESTS=1 npm test.
        plugins: [cloudflareTest({ wrangler: { configPath: './wrangler.toml' }, miniflare: { bindings: { LOG_REQUESTS: process.env.LOG_REQUESTS ?? '0' } } })],
        test: {
          name: 'workers',
          include: ['test/workers/**/*.test.ts'],
          // A scripted model server on 127.0.0.1 for the Worker configured with a model (model-answers.test.ts).
          globalSetup: ['test/workers/model-server.setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
