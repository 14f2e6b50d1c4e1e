/**
 * Calls to an OpenAI-compatible endpoint with our own fault handling: a timeout per attempt that covers the
 * whole streamed body, retries with backoff on 429/5xx/connection faults honouring Retry-After, and abort.
 *
 * Why not the SDK's own `maxRetries`: it does retry 408/409/429/5xx and honour `retry-after(-ms)`, but its
 * sleep cannot be aborted and is not capped (a `Retry-After: 3600` would hold a part for an hour, and a
 * disconnected client would not stop it), and its `timeout` ends once the headers arrive, so a stream that
 * hangs mid-body never times out. So the SDK runs with `maxRetries: 0` and this module does both.
 */
import OpenAI, { APIConnectionError, APIError, APIUserAbortError } from 'openai';
import type { ChatCompletion, ChatCompletionChunk, ChatCompletionMessageParam } from 'openai/resources/chat/completions';
import { Stream } from 'openai/streaming';

export interface ModelSettings {
  apiKey: string;
  /** Any OpenAI-compatible endpoint; the SDK's default when absent. */
  baseURL?: string;
  model: string;
  /** Parts written at once. */
  concurrency: number;
  /** One attempt, headers and whole body, in milliseconds. */
  requestTimeoutMs: number;
  /** A whole draft, in milliseconds; parts not written by then come from the offline composer. */
  totalTimeoutMs: number;
  /** Retries after the first attempt (default 2). */
  maxRetries?: number;
  /** First backoff step; doubles per retry with jitter (default 500 ms). */
  retryBaseMs?: number;
  /** Longest wait we accept, from backoff or Retry-After (default 20 s); a longer Retry-After gives up at once. */
  maxRetryWaitMs?: number;
  /** A streamed answer's first chunk (reasoning counts) must come within this, or the part falls back. */
  firstTokenTimeoutMs?: number;
  /** A streamed answer may pause this long between chunks, or the part falls back. */
  stallTimeoutMs?: number;
  /** False for providers that cannot stream: each part is asked for a whole answer. */
  stream?: boolean;
  /** Most tokens any piece may ask for (`max_tokens`); 0: never sent. */
  maxTokens?: number;
  /** Tokens added to every piece's `max_tokens` for a thinking model's reasoning. */
  reasoningTokens?: number;
}

export function createModelClient(settings: ModelSettings): OpenAI {
  return new OpenAI({
    apiKey: settings.apiKey,
    baseURL: settings.baseURL,
    maxRetries: 0,
    timeout: settings.requestTimeoutMs,
    // The SDK would log raw chunks it cannot parse; model output and prompts hold users' facts.
    logLevel: 'off',
  });
}

/** An attempt ran past its own time limit. */
export class AttemptTimeout extends Error {
  constructor(ms: number) {
    super(`模型请求超过 ${Math.round(ms / 1000)} 秒未完成`);
    this.name = 'AttemptTimeout';
  }
}

/** A fault after which trying again would repeat text a reader already saw. */
export class NotRetryable extends Error {
  constructor(readonly cause: unknown) {
    super(errorSummary(cause));
    this.name = 'NotRetryable';
  }
}

const seconds = (ms: number) => (ms < 10_000 ? (ms / 1000).toFixed(1).replace(/\.0$/, '') : String(Math.round(ms / 1000)));

/** A streamed answer's first chunk did not come in time. */
export class FirstTokenTimeout extends Error {
  constructor(ms: number) {
    super(`模型 ${seconds(ms)} 秒内没有开始作答`);
    this.name = 'FirstTokenTimeout';
  }
}

/** A streamed answer stopped sending mid-way. */
export class StallTimeout extends Error {
  constructor(ms: number) {
    super(`模型作答中途停顿超过 ${seconds(ms)} 秒`);
    this.name = 'StallTimeout';
  }
}

/** The model answered, but with nothing usable. */
export class EmptyReply extends Error {
  constructor() {
    super('模型没有返回正文');
    this.name = 'EmptyReply';
  }
}

/** True for faults worth another attempt: rate limits, server errors, timeouts, dropped or garbled streams. */
export function isRetryable(error: unknown): boolean {
  if (error instanceof NotRetryable || error instanceof APIUserAbortError) return false;
  if (error instanceof APIConnectionError || error instanceof AttemptTimeout || error instanceof EmptyReply) return true;
  if (error instanceof APIError) {
    const status = error.status;
    // An error object inside a stream has no status: the provider failed mid-answer.
    return status === undefined || status === 408 || status === 409 || status === 429 || status >= 500;
  }
  // A malformed chunk (JSON.parse) or a reset connection while reading the body.
  return error instanceof SyntaxError || error instanceof TypeError;
}

/** A short reason for a warning: never the key, the prompt or the provider's whole body. */
export function errorSummary(error: unknown): string {
  if (error instanceof NotRetryable) return errorSummary(error.cause);
  if (error instanceof APIError && typeof error.status === 'number') return `模型服务返回 ${error.status}`;
  if (error instanceof APIConnectionError) return error.name === 'APIConnectionTimeoutError' ? '连接模型服务超时' : '无法连接模型服务';
  if (error instanceof AttemptTimeout || error instanceof EmptyReply || error instanceof FirstTokenTimeout || error instanceof StallTimeout) return error.message;
  if (error instanceof SyntaxError) return '模型返回的数据格式有误';
  return '模型服务出错';
}

/** Milliseconds the server asked us to wait (`retry-after-ms`, or `Retry-After` in seconds or as a date). */
export function retryAfterMs(error: unknown, now = Date.now()): number | undefined {
  if (!(error instanceof APIError) || !error.headers) return undefined;
  const ms = Number.parseFloat(error.headers.get('retry-after-ms') ?? '');
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const header = error.headers.get('retry-after');
  if (!header) return undefined;
  const seconds = Number.parseFloat(header);
  if (Number.isFinite(seconds) && /^\s*[\d.]+\s*$/.test(header)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}

/** Resolves after `ms`, or rejects as soon as `signal` aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export interface RetryOptions {
  signal: AbortSignal;
  timeoutMs: number;
  maxRetries: number;
  baseMs: number;
  maxWaitMs: number;
  /** When the caller's time is up (ms since the epoch): a wait that would end later is not begun. */
  deadlineAt?: number;
  /** Called before each wait, for tests and logs. */
  onRetry?: (info: { attempt: number; waitMs: number; error: unknown }) => void;
}

/**
 * Runs `attempt` until it succeeds, a fault is not retryable, or retries run out. Each attempt gets a signal
 * that aborts on `options.signal` or after `timeoutMs`; the attempt must consume its whole stream under it.
 * @example await withRetries((signal) => client.chat.completions.create({ … }, { signal }), options)
 */
export async function withRetries<T>(attempt: (signal: AbortSignal) => Promise<T>, options: RetryOptions): Promise<T> {
  for (let tries = 0; ; tries++) {
    options.signal.throwIfAborted();
    const timer = new AbortController();
    const timeout = setTimeout(() => timer.abort(new AttemptTimeout(options.timeoutMs)), options.timeoutMs);
    const signal = AbortSignal.any([options.signal, timer.signal]);
    let error: unknown;
    try {
      const value = await attempt(signal);
      // The SDK ends a stream quietly when its signal aborts; an aborted attempt is never a success.
      signal.throwIfAborted();
      return value;
    } catch (caught) {
      error = timer.signal.aborted && !options.signal.aborted ? timer.signal.reason : caught;
    } finally {
      clearTimeout(timeout);
    }
    if (options.signal.aborted) throw options.signal.reason ?? error;
    if (tries >= options.maxRetries || !isRetryable(error)) throw error;
    const asked = retryAfterMs(error);
    const backoff = options.baseMs * 2 ** tries * (1 - Math.random() * 0.25);
    const waitMs = asked ?? backoff;
    if (waitMs > options.maxWaitMs) throw error;
    // Retry-After honoured only within the request's own time: a wait past it would answer nobody.
    if (options.deadlineAt !== undefined && Date.now() + waitMs >= options.deadlineAt) throw error;
    options.onRetry?.({ attempt: tries + 1, waitMs, error });
    await sleep(waitMs, options.signal);
  }
}

/** One step of an answer: text, and on the last chunk why it ended. Reasoning-only chunks come as `{}` (the model is alive). */
export interface AnswerDelta {
  content?: string;
  finishReason?: string | null;
}

export interface AnswerRequest {
  model: string;
  messages: ChatCompletionMessageParam[];
  max_tokens?: number;
}

/**
 * An answer as deltas, whichever way the provider sends it: SSE chunks, or one JSON completion (a provider that
 * ignores `stream: true`, or `stream` off in settings). `reasoning_content` / `reasoning` deltas carry no text.
 * @example for await (const d of answerDeltas(client, { model, messages }, signal, true)) text += d.content ?? ''
 */
export async function* answerDeltas(client: OpenAI, request: AnswerRequest, signal: AbortSignal, stream: boolean): AsyncGenerator<AnswerDelta> {
  if (!stream) {
    const reply = await client.chat.completions.create({ ...request, stream: false }, { signal });
    yield* completionDeltas(reply);
    return;
  }
  const response = await client.chat.completions.create({ ...request, stream: true }, { signal }).asResponse();
  if (/json/i.test(response.headers.get('content-type') ?? '')) {
    yield* completionDeltas((await response.json()) as ChatCompletion);
    return;
  }
  const controller = new AbortController();
  const stop = () => controller.abort();
  signal.addEventListener('abort', stop, { once: true });
  try {
    for await (const chunk of Stream.fromSSEResponse<ChatCompletionChunk>(response, controller)) {
      const choice = chunk.choices?.[0];
      const content = choice?.delta?.content;
      yield { ...(typeof content === 'string' && content ? { content } : {}), ...(choice?.finish_reason ? { finishReason: choice.finish_reason } : {}) };
    }
  } finally {
    signal.removeEventListener('abort', stop);
  }
}

function* completionDeltas(reply: ChatCompletion): Generator<AnswerDelta> {
  const choice = reply?.choices?.[0];
  yield { content: choice?.message?.content ?? '', finishReason: choice?.finish_reason ?? 'stop' };
}
