/** Who is calling, for per-client rate limits: the socket's address on Node, CF-Connecting-IP on Workers. */
import type { Context } from 'hono';

/** What @hono/node-server puts in `c.env`: the Node request, whose socket knows the peer. */
interface NodeBindings {
  incoming?: { socket?: { remoteAddress?: string } };
}

/**
 * The client's address, or undefined when the runtime gives none (a test calling `app.request` in-process).
 * Node: the socket's peer; with `CLIENT_IP_HEADER` (a reverse proxy that sets it), the last value of that
 * header, which is the one the proxy appended. Workers: `CF-Connecting-IP`, which Cloudflare sets and clients
 * cannot. `X-Forwarded-For` is never read unless configured: any client can write it.
 * @example clientAddress(c, config.CLIENT_IP_HEADER) // '203.0.113.7'
 */
export function clientAddress(c: Context, proxyHeader?: string): string | undefined {
  const incoming = (c.env as NodeBindings | undefined)?.incoming;
  if (incoming) {
    const forwarded = proxyHeader ? c.req.header(proxyHeader)?.split(',').at(-1)?.trim() : undefined;
    return forwarded || incoming.socket?.remoteAddress || undefined;
  }
  return c.req.header('cf-connecting-ip')?.trim() || undefined;
}

/**
 * The rate-limit bucket of an address: IPv4 as it is, IPv6 by its /64 (one household or host holds a whole
 * /64 and could otherwise rotate through addresses to escape the limit).
 * @example clientBucket('2001:db8:1:2:aaaa::1') // '2001:db8:1:2::/64'
 */
export function clientBucket(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1];
  if (!address.includes(':')) return address;
  const bare = address.replace(/%.*$/, '').toLowerCase();
  const [head, tail = ''] = bare.split('::');
  const left = head ? head.split(':') : [];
  const right = bare.includes('::') && tail ? tail.split(':') : [];
  const groups = bare.includes('::') ? [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right] : left;
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}
