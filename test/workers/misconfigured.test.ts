/** A Worker deployed with a wrong var answers every request with one clear JSON error, without echoing the value. */
import { env } from 'cloudflare:test';
import { expect, it } from 'vitest';
// Each test file gets its own module instance in the pool, so the app this file builds is not one cached by another.
import worker from '../../src/worker.js';

it('answers 500 JSON naming the variable when the configuration is wrong', async () => {
  const badEnv = { STORE: env.STORE as never, RATE_LIMITS: env.RATE_LIMITS as never, OPENAI_BASE_URL: 'not-a-url-secret-ish', OPENAI_API_KEY: 'sk-test-key' };
  const response = await worker.fetch(new Request('http://report-drafter.test/api/report-types'), badEnv, {});
  expect(response.status).toBe(500);
  const body = (await response.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe('misconfigured');
  expect(body.error.message).toContain('OPENAI_BASE_URL');
  expect(body.error.message).toMatch(/[\u4e00-\u9fff]/);
  expect(JSON.stringify(body)).not.toContain('not-a-url-secret-ish');
  expect(JSON.stringify(body)).not.toContain('sk-test-key');
});
