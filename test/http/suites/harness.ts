/**
 * HTTP suites run against both runtimes: each suite is a function that registers vitest tests around a
 * fetcher. test/http/node-runtime.test.ts passes the Node app; test/workers/runtime.test.ts passes workerd.
 * Suites use only web-standard APIs and JSON imports (no node: modules), so they run in both.
 */
export type Fetcher = (path: string, init?: RequestInit) => Promise<Response>;

export const postJson = (fetcher: Fetcher, path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetcher(path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

export const putJson = (fetcher: Fetcher, path: string, body: unknown) =>
  fetcher(path, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** Reads a server-sent event stream into `{ event, data }` records. */
export async function readEvents(response: Response): Promise<Array<{ event: string; data: any }>> {
  const text = await response.text();
  return text
    .split(/\r?\n\r?\n/)
    .filter((block) => block.trim())
    .map((block) => {
      let event = 'message';
      const data: string[] = [];
      for (const line of block.split(/\r?\n/)) {
        if (line.startsWith('event:')) event = line.slice(6).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
      }
      return { event, data: data.length ? JSON.parse(data.join('\n')) : null };
    });
}
