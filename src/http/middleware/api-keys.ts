/** API keys for tool-facing routes: `Authorization: Bearer <key>` compared in constant time against API_KEYS. */

/** Equal-length comparison that takes the same time wherever the strings differ. */
export function constantTimeEqual(a: string, b: string): boolean {
  const encoder = new TextEncoder();
  const x = encoder.encode(a);
  const y = encoder.encode(b);
  let diff = x.length ^ y.length;
  const length = Math.max(x.length, y.length);
  for (let i = 0; i < length; i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return diff === 0;
}

/** The bearer token of a request, or undefined. */
export function bearerToken(authorization: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  return match?.[1];
}

/** Whether a token matches one of the configured keys; every key is compared, so timing tells nothing. */
export function isValidKey(token: string | undefined, keys: readonly string[]): boolean {
  return matchingKey(token, keys) >= 0;
}

/**
 * Which configured key the token is (its index, for a per-key rate limit without holding the key itself),
 * or -1. Every key is compared whatever matches, so timing tells nothing.
 * @example matchingKey(bearerToken('Bearer b'), ['a', 'b']) // 1
 */
export function matchingKey(token: string | undefined, keys: readonly string[]): number {
  if (!token) return -1;
  let found = -1;
  keys.forEach((key, index) => {
    if (constantTimeEqual(token, key) && found < 0) found = index;
  });
  return found;
}
