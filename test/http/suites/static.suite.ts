/**
 * Static answers on any runtime: /docs' script and style and /openapi.json are gzipped when the client accepts it
 * (and only then), carry a strong ETag that answers 304, and say Vary: Accept-Encoding; /favicon.ico is an empty
 * 204 instead of a 404 on every page load.
 */
import { describe, expect, it } from 'vitest';
import type { Fetcher } from './harness.js';

async function gunzip(bytes: ArrayBuffer): Promise<string> {
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Response(stream).text();
}

export function staticSuite(fetcher: Fetcher) {
  describe('static answers', () => {
    for (const path of ['/docs.js', '/openapi.json']) {
      it(`gzips ${path} for a client that accepts it, and sends it plain to one that does not`, async () => {
        const plain = await fetcher(path, { headers: { 'accept-encoding': 'identity' } });
        expect(plain.status).toBe(200);
        expect(plain.headers.get('content-encoding')).toBeNull();
        const text = await plain.text();
        expect(text.length).toBeGreaterThan(1024);

        const zipped = await fetcher(path, { headers: { 'accept-encoding': 'gzip, deflate, br' } });
        expect(zipped.status).toBe(200);
        expect(zipped.headers.get('content-encoding')).toBe('gzip');
        expect(zipped.headers.get('vary')).toContain('Accept-Encoding');
        // In-process (app.request) the bytes come as sent; workerd's fetch decodes them, as a browser does. Either
        // way one decoding gives the text back: the body was gzipped once, not twice.
        const bytes = await zipped.arrayBuffer();
        const sentGzipped = new Uint8Array(bytes)[0] === 0x1f && new Uint8Array(bytes)[1] === 0x8b;
        if (sentGzipped) expect(bytes.byteLength).toBeLessThan(text.length / 2);
        expect(sentGzipped ? await gunzip(bytes) : new TextDecoder().decode(bytes)).toBe(text);

        // q=0 refuses an encoding.
        const refused = await fetcher(path, { headers: { 'accept-encoding': 'gzip;q=0' } });
        expect(refused.headers.get('content-encoding')).toBeNull();
        await refused.arrayBuffer();
      });
    }

    it('answers 304 to a client that holds the body, whichever encoding it got', async () => {
      for (const encoding of ['identity', 'gzip']) {
        const first = await fetcher('/docs.css', { headers: { 'accept-encoding': encoding } });
        const etag = first.headers.get('etag');
        expect(etag).toMatch(/^"[\w-]+"$/);
        await first.arrayBuffer();
        for (const asked of ['identity', 'gzip']) {
          const again = await fetcher('/docs.css', { headers: { 'if-none-match': etag!, 'accept-encoding': asked } });
          expect(again.status).toBe(304);
          expect(await again.text()).toBe('');
        }
      }
      const stale = await fetcher('/docs.css', { headers: { 'if-none-match': '"not-this-one"' } });
      expect(stale.status).toBe(200);
      await stale.arrayBuffer();
    });

    it('answers /favicon.ico with an empty 204 a browser may keep', async () => {
      const response = await fetcher('/favicon.ico');
      expect(response.status).toBe(204);
      expect(response.headers.get('cache-control')).toMatch(/max-age=\d{4,}/);
      expect(await response.text()).toBe('');
    });
  });
}
