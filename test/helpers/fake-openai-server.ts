/**
 * An OpenAI-compatible chat-completions server on 127.0.0.1 that a test scripts per request: streamed SSE
 * chunks for `stream: true`, JSON otherwise; delays, error statuses with Retry-After, hangs, odd or malformed
 * chunks. The real `openai` SDK talks to it over HTTP, so the composer is tested through its real client.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { factsIn, lastFactsIn, pieceOf, type PromptRequest } from './model-prompts.js';

export { factsIn, lastFactsIn, outsideFacts, pieceOf } from './model-prompts.js';

export interface SeenRequest {
  index: number;
  body: { model: string; stream?: boolean; messages: Array<{ role: string; content: string }>; response_format?: unknown };
  system: string;
  user: string;
  headers: IncomingMessage['headers'];
  /** Set when the client closed the connection before our answer ended. */
  closedEarly: boolean;
  /** Set when our answer was written to the end. */
  finished: boolean;
}

export type Reply =
  /**
   * Text: streamed in chunks of `chunkChars` (or exactly `chunks`, each after `delayMs`) when the request streams,
   * else one JSON body. `reasoning` is streamed first in its own delta field (and set on the JSON message), as
   * DeepSeek (`reasoning_content`) and vLLM/Ollama (`reasoning`) do; `finishReason` ends the answer (default stop);
   * `ignoreStream` answers JSON even to a streaming request, as some providers do.
   */
  | {
      text: string;
      chunkChars?: number;
      chunks?: string[];
      delayMs?: number;
      headersDelayMs?: number;
      reasoning?: { field: 'reasoning_content' | 'reasoning'; text: string };
      finishReason?: string;
      ignoreStream?: boolean;
    }
  /** An error status, e.g. 500, or 429 with `{ 'retry-after': '1' }`. */
  | { status: number; headers?: Record<string, string>; body?: string }
  /** Never answers (or answers the headers and `text`, then nothing more). */
  | { hang: true; afterHeaders?: boolean; text?: string }
  /** Raw SSE bytes, written piece by piece: for split events, odd and malformed chunks. */
  | { raw: string[]; delayMs?: number }
  /** A JSON body as the non-streamed answer (e.g. a structured-output reply). */
  | { json: unknown };

export type Script = (request: SeenRequest) => Reply | Promise<Reply>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One streamed chunk as providers send it. */
export function chunk(content: string | undefined, extra: Record<string, unknown> = {}): string {
  const delta = content === undefined ? {} : { content };
  return `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'fake', choices: [{ index: 0, delta, finish_reason: null }], ...extra })}\n\n`;
}

function completion(text: string, finishReason = 'stop', reasoning?: { field: string; text: string }) {
  return {
    id: 'c1',
    object: 'chat.completion',
    created: 1,
    model: 'fake',
    choices: [{ index: 0, message: { role: 'assistant', content: text, ...(reasoning ? { [reasoning.field]: reasoning.text } : {}) }, finish_reason: finishReason }],
    usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
  };
}

/** Splits text into chunks of n characters (code points, so Chinese is never cut in half). */
export function chunksOf(text: string, n: number): string[] {
  const chars = [...text];
  const out: string[] = [];
  for (let i = 0; i < chars.length; i += n) out.push(chars.slice(i, i + n).join(''));
  return out;
}

async function answer(seen: SeenRequest, reply: Reply, res: ServerResponse, closed: () => boolean) {
  if ('status' in reply) {
    res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
    res.end(reply.body ?? JSON.stringify({ error: { message: `status ${reply.status}`, type: 'server_error' } }));
    return;
  }
  if ('hang' in reply) {
    if (reply.afterHeaders) {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      if (reply.text) res.write(chunk(reply.text));
    }
    return; // never ends; the client's timeout or abort closes it
  }
  if ('json' in reply) {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(reply.json));
    return;
  }
  if ('raw' in reply) {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    for (const piece of reply.raw) {
      if (reply.delayMs) await sleep(reply.delayMs);
      if (closed()) return;
      res.write(piece);
    }
    res.end();
    return;
  }
  if (reply.headersDelayMs) await sleep(reply.headersDelayMs);
  if (!seen.body.stream || reply.ignoreStream) {
    if (reply.delayMs) await sleep(reply.delayMs);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(completion(reply.text, reply.finishReason, reply.reasoning)));
    return;
  }
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  res.flushHeaders();
  const split = (text: string) => reply.chunks ?? chunksOf(text, reply.chunkChars ?? 8);
  const deltas = [
    ...(reply.reasoning ? chunksOf(reply.reasoning.text, 5).map((piece) => ({ [reply.reasoning!.field]: piece, content: null })) : []),
    ...split(reply.text).map((piece) => ({ content: piece })),
  ];
  for (const delta of deltas) {
    if (reply.delayMs) await sleep(reply.delayMs);
    if (closed()) return;
    res.write(`data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'fake', choices: [{ index: 0, delta, finish_reason: null }] })}\n\n`);
  }
  res.write(chunk(undefined, { choices: [{ index: 0, delta: {}, finish_reason: reply.finishReason ?? 'stop' }] }));
  res.write('data: [DONE]\n\n');
  res.end();
}

export interface FakeOpenAI {
  /** Base URL for the SDK, ending in /v1. */
  baseURL: string;
  requests: SeenRequest[];
  /** Requests whose connection is still open. */
  open(): number;
  close(): Promise<void>;
}

/**
 * Starts the server; `script` decides each answer.
 * @example const server = await startFakeOpenAI(() => ({ text: '好的。' }))
 */
export async function startFakeOpenAI(script: Script): Promise<FakeOpenAI> {
  const requests: SeenRequest[] = [];
  let openCount = 0;
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
    const messages = (body.messages ?? []) as SeenRequest['body']['messages'];
    const seen: SeenRequest = {
      index: requests.length,
      body,
      system: messages.filter((m) => m.role === 'system').map((m) => m.content).join('\n'),
      user: messages.filter((m) => m.role === 'user').map((m) => m.content).join('\n'),
      headers: req.headers,
      closedEarly: false,
      finished: false,
    };
    requests.push(seen);
    openCount++;
    let closed = false;
    res.on('close', () => {
      openCount--;
      closed = true;
      if (!res.writableFinished) seen.closedEarly = true;
    });
    res.on('finish', () => (seen.finished = true));
    try {
      await answer(seen, await script(seen), res, () => closed);
    } catch {
      if (!res.headersSent) res.writeHead(500).end();
    }
  });
  server.keepAliveTimeout = 1;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    open: () => openCount,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * A faithful "model": writes each part from the facts it was given (一是……；二是……), an opening and a
 * closing without figures. Tests wrap it to misbehave in one place.
 */
export function faithfulWriter(request: PromptRequest): string {
  const piece = pieceOf(request);
  if (piece === 'opening') return '一年来，全局上下紧扣年度目标，协同推进各项工作，教育事业稳中有进。现将有关情况总结如下。';
  if (piece === 'closing') return '我们将继续锐意进取，推动各项工作再上新台阶。';
  if (piece === 'reask') return `同时，${lastFactsIn(request.user).map((f) => f.replace(/[。；;，,\s]+$/u, '')).join('；')}。`;
  const facts = factsIn(request.user).map((f) => f.replace(/[。；;，,\s]+$/u, ''));
  if (!facts.length || facts[0] === '（未提供）') return '【待补充：本部分内容】';
  const numerals = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
  const items = facts.map((f, i) => `${numerals[i % 10]}是${f}`).join('；');
  return `本年度围绕既定任务，稳步推进相关工作。${items}。`;
}
