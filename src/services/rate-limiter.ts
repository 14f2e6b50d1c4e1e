/**
 * A token bucket per key (an API key, a client address): `limit` requests per minute with bursts up to `limit`.
 * In memory: one per Node process. On Workers every bucket lives in a Durable Object of its own
 * (src/workers/rate-limit-object.ts), so all isolates count together. Beside the services so that both the http
 * gate (src/http/middleware/access.ts) and the Workers buckets use it without importing each other.
 */
export interface RateDecision {
  ok: boolean;
  /** Seconds until one more request would be allowed; 0 when allowed now. */
  retryAfter: number;
}

export interface RateLimiter {
  take(key: string): RateDecision | Promise<RateDecision>;
}

/** Makes the limiter for one kind of caller (`client`, `key`) at its rate; the app makes two. */
export type RateLimiterFactory = (scope: string, perMinute: number) => RateLimiter;

/**
 * @example const limiter = createRateLimiter({ perMinute: 600 }); limiter.take('127.0.0.1').ok
 */
export function createRateLimiter(options: { perMinute: number; now?: () => number; maxKeys?: number }): { take(key: string): RateDecision } {
  const { perMinute } = options;
  const now = options.now ?? (() => Date.now());
  const maxKeys = options.maxKeys ?? 10_000;
  const ratePerMs = perMinute / 60_000;
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(key) {
      const t = now();
      let bucket = buckets.get(key);
      if (bucket) {
        // Re-inserted on every use, so the Map's first entry is the least recently seen client.
        buckets.delete(key);
      } else {
        if (buckets.size >= maxKeys) {
          // Forget the longest-idle client; a forgotten client starts with a full bucket, which only errs on letting in.
          const oldest = buckets.keys().next().value;
          if (oldest !== undefined) buckets.delete(oldest);
        }
        bucket = { tokens: perMinute, at: t };
      }
      buckets.set(key, bucket);
      bucket.tokens = Math.min(perMinute, bucket.tokens + (t - bucket.at) * ratePerMs);
      bucket.at = t;
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return { ok: true, retryAfter: 0 };
      }
      return { ok: false, retryAfter: Math.max(1, Math.ceil((1 - bucket.tokens) / ratePerMs / 1000)) };
    },
  };
}
