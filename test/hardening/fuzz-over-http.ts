/**
 * Sends generated requests (fuzz-requests.ts) to a real server over loopback HTTP and checks every answer: below
 * 500, an error in our JSON shape with a Chinese message. Node only (node:http): shared by the Node server's and
 * workerd's fuzz runs.
 *
 * Each request goes on a connection of its own. A server may answer before it has read a request body (a 413 by
 * Content-Length, a 415, a 404), and must then close the connection, since the rest of that body would be read as
 * the next request; a client that keeps connections alive can meet the close while reusing one ("other side
 * closed"). Fresh connections take that race out, so any connection error left is the server's.
 */
import { METHODS, request as httpRequest } from 'node:http';
import type { FuzzRequest, LiveIds } from './fuzz-requests.js';
import { generator } from './fuzz-requests.js';

export interface Answer {
  status: number;
  text: string;
}

/** Node's client refuses these before sending (a space or control character in the path, say): nothing was sent. */
const REFUSED_BY_CLIENT = new Set(['ERR_UNESCAPED_CHARACTERS', 'ERR_INVALID_CHAR', 'ERR_INVALID_HTTP_TOKEN', 'ERR_INVALID_URL']);

export class NotSent extends Error {}

/** One request on a new connection; rejects with NotSent when Node's client refuses it, or on a connection error. */
export function sendOverHttp(origin: string, request: FuzzRequest, timeoutMs = 20_000): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const body = request.body === undefined || request.method === 'GET' || request.method === 'HEAD' ? undefined : Buffer.from(request.body);
    let outgoing;
    try {
      outgoing = httpRequest(`${origin}${request.path}`, {
        method: request.method,
        headers: { ...request.headers, ...(body ? { 'content-length': String(body.length) } : {}) },
        agent: false,
      });
    } catch (error) {
      reject(REFUSED_BY_CLIENT.has((error as { code?: string }).code ?? '') ? new NotSent((error as Error).message) : error);
      return;
    }
    const timer = setTimeout(() => outgoing.destroy(new Error(`no answer in ${timeoutMs / 1000} s`)), timeoutMs);
    outgoing.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        clearTimeout(timer);
        resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') });
      });
      response.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
    outgoing.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    outgoing.end(body);
  });
}

export const describeRequest = (seed: number, index: number, r: FuzzRequest) =>
  `seed ${seed.toString(16)} #${index}: ${r.method} ${r.path.slice(0, 160)} ${JSON.stringify(r.headers).slice(0, 160)} body ${typeof r.body === 'string' ? r.body.slice(0, 120) : r.body ? `bytes(${r.body.length})` : 'none'}`;

/** What is wrong with an answer, or undefined: 5xx, or an error not in our shape (HEAD carries no body). */
export function answerProblem(answer: Answer, request: FuzzRequest): string | undefined {
  if (answer.status >= 500) return `${answer.status}: ${answer.text.slice(0, 300)}`;
  if (answer.status < 400 || request.method === 'HEAD') return undefined;
  try {
    const body = JSON.parse(answer.text);
    if (typeof body?.error?.code === 'string' && /[\u4e00-\u9fff]/.test(String(body.error.message))) return undefined;
  } catch {
    // not JSON: reported below
  }
  return `not our error shape ${answer.status}: ${answer.text.slice(0, 200)}`;
}

/** Whether the runtime's own HTTP parser answered a method it does not know, before any app code ran. */
export const unknownMethod = (request: FuzzRequest) => !METHODS.includes(request.method);

export interface FuzzRun {
  /** Answers per status. */
  counts: Map<number, number>;
  /** Requests answered (excused ones included). */
  answered: number;
  /** Requests Node's client refused to send. */
  notSent: number;
  /** Answers let through by `excuse`, per reason. */
  excused: Map<string, number>;
  failures: string[];
  seconds: number;
}

export interface FuzzOptions {
  origin: string;
  seed: number;
  count: number;
  live: LiveIds;
  concurrency?: number;
  /** The whole run's bound: past it the run stops, and the count it reached shows the stall. */
  deadlineMs?: number;
  /** Changes a generated request before it is sent (adds a key, an origin). */
  adjust?: (request: FuzzRequest, index: number) => void;
  /** Names an answer that is the runtime's, not the app's (its parser's answer to an unknown method); undefined: check it. */
  excuse?: (request: FuzzRequest, answer: Answer) => string | undefined;
}

/** Sends `count` generated requests, `concurrency` at a time, and gathers what came back. */
export async function fuzzOverHttp(options: FuzzOptions): Promise<FuzzRun & { generated: number }> {
  const { origin, seed, count, live, concurrency = 8, deadlineMs = 240_000 } = options;
  const next = generator(seed, live);
  const run: FuzzRun = { counts: new Map(), answered: 0, notSent: 0, excused: new Map(), failures: [], seconds: 0 };
  const countExcused = (reason: string) => run.excused.set(reason, (run.excused.get(reason) ?? 0) + 1);
  const started = Date.now();
  let index = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (index < count && Date.now() - started < deadlineMs && run.failures.length < 20) {
        const i = index++;
        const request = next();
        options.adjust?.(request, i);
        const where = describeRequest(seed, i, request);
        let answer: Answer;
        try {
          answer = await sendOverHttp(origin, request);
        } catch (error) {
          if (error instanceof NotSent) run.notSent++;
          // The runtime's HTTP parser refuses an unknown method before any app code runs, and may close the
          // connection while a large body is still being written: the reset is the parser's answer.
          else if (unknownMethod(request) && /ECONNRESET|EPIPE/.test(String((error as { code?: string }).code))) {
            countExcused('unknown method: connection closed by the HTTP parser');
          } else run.failures.push(`${(error as Error).message} ${where}`);
          continue;
        }
        run.answered++;
        run.counts.set(answer.status, (run.counts.get(answer.status) ?? 0) + 1);
        const excuse = options.excuse?.(request, answer);
        if (excuse) {
          countExcused(excuse);
          continue;
        }
        const problem = answerProblem(answer, request);
        if (problem) run.failures.push(`${problem} ${where}`);
      }
    }),
  );
  run.seconds = (Date.now() - started) / 1000;
  return { ...run, generated: index };
}
