/**
 * Rate limits on Workers are counted in Durable Objects (one per client address or key), so the isolates serving
 * a deployment count together instead of each keeping its own.
 */
import { env, listDurableObjectIds } from 'cloudflare:test';
import { expect, it } from 'vitest';
import { durableObjectRateLimiters } from '../../src/workers/rate-limit-object.js';
import worker from '../../src/worker.js';

it('counts one client in one bucket across limiters, as separate isolates would hold them', async () => {
  // Two factories, as two isolates would each build one: what one takes, the other sees.
  const first = durableObjectRateLimiters(env.RATE_LIMITS)('client', 3);
  const second = durableObjectRateLimiters(env.RATE_LIMITS)('client', 3);
  expect((await first.take('198.51.100.1')).ok).toBe(true);
  expect((await second.take('198.51.100.1')).ok).toBe(true);
  expect((await first.take('198.51.100.1')).ok).toBe(true);
  const refused = await second.take('198.51.100.1');
  expect(refused.ok).toBe(false);
  expect(refused.retryAfter).toBeGreaterThanOrEqual(1);
  // Another client, and the same address under another scope, have buckets of their own.
  expect((await first.take('198.51.100.2')).ok).toBe(true);
  expect((await durableObjectRateLimiters(env.RATE_LIMITS)('key', 3).take('198.51.100.1')).ok).toBe(true);
});

it('takes no more than the limit when many requests arrive at once', async () => {
  const limiter = () => durableObjectRateLimiters(env.RATE_LIMITS)('client', 5);
  const decisions = await Promise.all(Array.from({ length: 20 }, () => limiter().take('203.0.113.9')));
  expect(decisions.filter((d) => d.ok)).toHaveLength(5);
});

it('answers 429 with Retry-After through the Worker once a client passes RATE_LIMIT_PER_MINUTE', async () => {
  const limit = Number(env.RATE_LIMIT_PER_MINUTE ?? 120);
  // The Worker's own fetch handler: the pool's SELF.fetch does not pass CF-Connecting-IP on (Cloudflare sets it).
  const from = async (address: string) =>
    worker.fetch(new Request('http://report-drafter.test/api/report-types', { headers: { 'cf-connecting-ip': address } }), env as never, {});
  const started = Date.now();
  let allowed = 0;
  let refused: Response | undefined;
  while (!refused && allowed < limit * 2) {
    const response = await from('192.0.2.77');
    if (response.status === 429) refused = response;
    else allowed++;
  }
  // The bucket holds `limit` and refills at limit per minute while the requests go out.
  const refilled = ((Date.now() - started) / 60_000) * limit;
  expect(allowed).toBeGreaterThanOrEqual(limit);
  expect(allowed).toBeLessThanOrEqual(limit + Math.ceil(refilled));
  expect(Number(refused!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  const body = (await refused!.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe('rate_limited');
  expect(body.error.message).toMatch(/请求过于频繁/);
  // Counted in the client's own Durable Object, where every isolate counts.
  const ids = (await listDurableObjectIds(env.RATE_LIMITS)).map(String);
  expect(ids).toContain(String(env.RATE_LIMITS.idFromName('client:192.0.2.77')));
  // Another address is not held back by it.
  expect((await from('192.0.2.78')).status).toBe(200);
});
