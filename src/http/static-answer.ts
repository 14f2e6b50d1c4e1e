/**
 * Answers that never change while the app runs (the widget script, /docs' script and style, the demo style, the
 * OpenAPI document): a strong ETag with 304 on If-None-Match, gzip when the client accepts it, cache headers.
 *
 * gzip only: CompressionStream, the web-standard compressor that Node 20 and workerd both have, knows gzip and
 * deflate but not Brotli (Node 20 rejects "br"/"brotli"). On Workers, Cloudflare's edge may re-encode as br itself.
 * The compressed bytes are made once per body and kept.
 */
import type { Context } from 'hono';

interface Prepared {
  tag: string;
  raw: Uint8Array;
  gzip?: Promise<Uint8Array>;
}

const prepared = new Map<string, Promise<Prepared>>();

/** Below this, gzip's header costs more than it saves. */
const MIN_GZIP = 1024;

async function prepare(body: string): Promise<Prepared> {
  const raw = new TextEncoder().encode(body);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', raw));
  const tag = btoa(String.fromCharCode(...digest.subarray(0, 12))).replace(/[+/=]/g, (ch) => (ch === '+' ? '-' : ch === '/' ? '_' : ''));
  return { tag, raw };
}

async function gzip(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Whether Accept-Encoding allows gzip (a token `gzip` or `*` without q=0). */
export function acceptsGzip(header: string | undefined): boolean {
  return (header ?? '').split(',').some((part) => {
    const [token, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return (token === 'gzip' || token === '*') && (q === undefined || Number(q.slice(2)) > 0);
  });
}

export interface StaticOptions {
  contentType: string;
  cacheControl: string;
  headers?: Record<string, string>;
}

/**
 * Answers a fixed body: 304 when the client has it, else the body, gzipped when accepted and worth it.
 * @example return staticAnswer(c, SCRIPT, { contentType: 'text/javascript; charset=utf-8', cacheControl: 'public, max-age=300' })
 */
export async function staticAnswer(c: Context, body: string, options: StaticOptions): Promise<Response> {
  let ready = prepared.get(body);
  if (!ready) prepared.set(body, (ready = prepare(body)));
  const entry = await ready;
  const useGzip = entry.raw.length >= MIN_GZIP && acceptsGzip(c.req.header('accept-encoding'));
  // Each encoding its own strong tag; either one in If-None-Match means the client holds this body.
  const etag = `"${entry.tag}${useGzip ? '-gz' : ''}"`;
  const headers = new Headers({
    'Content-Type': options.contentType,
    'Cache-Control': options.cacheControl,
    ETag: etag,
    Vary: 'Accept-Encoding',
    ...options.headers,
  });
  const held = (c.req.header('if-none-match') ?? '').split(',').map((t) => t.trim().replace(/^W\//, '').replace(/-gz"$/, '"'));
  if (held.includes(`"${entry.tag}"`) || held.includes('*')) return new Response(null, { status: 304, headers });
  if (!useGzip) return new Response(entry.raw as BodyInit, { status: 200, headers });
  entry.gzip ??= gzip(entry.raw);
  headers.set('Content-Encoding', 'gzip');
  // encodeBody "manual": workerd would otherwise gzip the (already gzipped) body once more; Node ignores it.
  return new Response((await entry.gzip) as BodyInit, { status: 200, headers, encodeBody: 'manual' } as ResponseInit);
}
