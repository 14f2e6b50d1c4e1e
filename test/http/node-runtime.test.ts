/** Every HTTP suite in test/http/suites against the Node app (in-memory lowdb store), through app.request. */
import { describe } from 'vitest';
import { createTestApp } from '../helpers/app.js';
import type { Fetcher } from './suites/harness.js';

const suites = import.meta.glob<Record<string, unknown>>('./suites/*.suite.ts', { eager: true });
const { app } = await createTestApp();
const fetcher: Fetcher = async (path, init) => app.request(path, init);

for (const [file, module] of Object.entries(suites)) {
  describe(`node: ${file.replace(/^.*\//, '')}`, () => {
    for (const [name, suite] of Object.entries(module)) if (name.endsWith('Suite') && typeof suite === 'function') suite(fetcher);
  });
}
