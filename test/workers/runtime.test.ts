/** Every HTTP suite in test/http/suites against the Worker in workerd (wrangler.toml; data in Durable Objects). */
import { SELF } from 'cloudflare:test';
import { describe } from 'vitest';
import type { Fetcher } from '../http/suites/harness.js';

const suites = import.meta.glob<Record<string, unknown>>('../http/suites/*.suite.ts', { eager: true });
const fetcher: Fetcher = (path, init) => SELF.fetch(new URL(path, 'http://report-drafter.test').href, init);

for (const [file, module] of Object.entries(suites)) {
  describe(`workerd: ${file.replace(/^.*\//, '')}`, () => {
    for (const [name, suite] of Object.entries(module)) if (name.endsWith('Suite') && typeof suite === 'function') suite(fetcher);
  });
}
