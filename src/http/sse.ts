/** Draft events as server-sent events: `outline`, `section-start`, `text`, `heading`, `section-end`, `warning`, then `done` (or `error`). */
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { DraftEvent } from '../compose/draft-events.js';
import type { DraftView } from '../services/drafts.js';
import { toApiError } from './errors.js';

export const wantsEventStream = (c: Context) => /\btext\/event-stream\b/.test(c.req.header('accept') ?? '');

/** An AbortController that fires when the client goes away (the request's own signal), for JSON and SSE alike. */
export function clientAbort(c: Context): AbortController {
  const abort = new AbortController();
  const signal = c.req.raw.signal;
  if (signal?.aborted) abort.abort(signal.reason);
  else signal?.addEventListener('abort', () => abort.abort(signal.reason), { once: true });
  return abort;
}

type StreamedEvent = DraftEvent | { type: 'stored'; view: DraftView };

/**
 * Streams a draft. The pipeline's own `done` is held back and replaced by the stored view, so the final
 * event always carries the id the draft can be read back by.
 */
export function streamDraft(c: Context, events: AsyncIterable<StreamedEvent>, abort?: AbortController): Response {
  return streamSSE(
    c,
    async (stream) => {
      stream.onAbort(() => abort?.abort());
      for await (const event of events) {
        if (stream.aborted) break;
        if (event.type === 'done') continue;
        if (event.type === 'stored') {
          await stream.writeSSE({ event: 'done', data: JSON.stringify(event.view) });
          continue;
        }
        const { type, ...payload } = event;
        await stream.writeSSE({ event: type, data: JSON.stringify(payload) });
      }
    },
    async (error, stream) => {
      const api = toApiError(error);
      await stream.writeSSE({ event: 'error', data: JSON.stringify({ error: { code: api.code, message: api.message } }) });
    },
  );
}
