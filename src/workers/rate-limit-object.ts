/**
 * Rate limits on Workers: one Durable Object per bucket (`client:<address>`, `key:<n>`), so every isolate in every
 * location counts against the same bucket. In memory isolates would each keep their own count. Workers only.
 */
import { DurableObject } from 'cloudflare:workers';
import { createRateLimiter, type RateDecision, type RateLimiter, type RateLimiterFactory } from '../services/rate-limiter.js';

/**
 * One bucket. A Durable Object runs one call at a time, so two requests can't both take the last token. The count
 * is in memory, not storage (a write per request would cost more than the limit saves): when the object is evicted
 * after a minute or more of quiet, the bucket starts full again, which a minute of quiet would have refilled anyway.
 */
export class RateLimitBucket extends DurableObject {
  private bucket: { perMinute: number; limiter: ReturnType<typeof createRateLimiter> } | undefined;

  take(perMinute: number): RateDecision {
    // The rate comes with each call: a deployment that changes RATE_LIMIT_PER_MINUTE starts the bucket anew.
    if (this.bucket?.perMinute !== perMinute) this.bucket = { perMinute, limiter: createRateLimiter({ perMinute, maxKeys: 1 }) };
    return this.bucket.limiter.take('');
  }
}

/** The part of the RATE_LIMITS binding the limiter uses. */
export interface BucketNamespace {
  idFromName(name: string): unknown;
  get(id: never): unknown;
}

/**
 * @example createApp({ …, rateLimiters: durableObjectRateLimiters(env.RATE_LIMITS) })
 */
export function durableObjectRateLimiters(namespace: BucketNamespace, log: (line: Record<string, unknown>) => void = () => {}): RateLimiterFactory {
  return (scope: string, perMinute: number): RateLimiter => ({
    async take(key) {
      const bucket = namespace.get(namespace.idFromName(`${scope}:${key}`) as never) as { take(perMinute: number): Promise<RateDecision> };
      try {
        return await bucket.take(perMinute);
      } catch (error) {
        // A limit that can't be counted lets the request in: refusing everyone would be worse than counting no one.
        log({ level: 'warn', event: 'rate_limit_unavailable', error: (error as Error)?.name ?? 'Error' });
        return { ok: true, retryAfter: 0 };
      }
    },
  });
}
