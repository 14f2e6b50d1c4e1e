/**
 * Many people answering at once against a running server: each session sends its turns one after another (as
 * a person in the widget does), all sessions at the same time. Records each turn's latency and which answers
 * were acknowledged, then checks every acknowledged answer is in its session's transcript.
 */
import { setMaxListeners } from 'node:events';

export interface LoadResult {
  sessions: number;
  turns: number;
  /** Milliseconds per acknowledged turn (POST /messages). */
  latencies: number[];
  /** Requests that did not answer 2xx, or failed, with why. */
  errors: string[];
  /** Acknowledged answers missing from their session afterwards. */
  lost: string[];
  wallMs: number;
}

/** A distinct answer per session and turn, that the offline parser files somewhere without treating it as a command. */
export const answerText = (session: number, turn: number) => `第${session}号单位第${turn}条情况：开展活动${session * 100 + turn}次`;

const post = (origin: string, path: string, body: unknown, signal?: AbortSignal) =>
  fetch(`${origin}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal });

/** Creates `sessions` sessions, then runs all of them at once, `turns` answers each; bounded by `timeoutMs`. */
export async function runSessions(origin: string, sessions: number, turns: number, timeoutMs = 240_000): Promise<LoadResult> {
  const signal = AbortSignal.timeout(timeoutMs);
  setMaxListeners(0, signal); // one deadline shared by thousands of requests, by design
  const errors: string[] = [];
  const ids: string[] = [];
  for (let s = 0; s < sessions; s++) {
    const response = await post(origin, '/api/sessions', { type: 'annual-summary' }, signal);
    if (response.status !== 201) throw new Error(`session ${s}: ${response.status} ${await response.text()}`);
    ids.push((await response.json()).id);
  }
  const latencies: number[] = [];
  const acknowledged: Array<{ session: number; text: string }> = [];
  const started = performance.now();
  await Promise.all(
    ids.map(async (id, s) => {
      for (let t = 0; t < turns; t++) {
        const text = answerText(s, t);
        const sent = performance.now();
        try {
          const response = await post(origin, `/api/sessions/${id}/messages`, { text }, signal);
          await response.arrayBuffer();
          if (response.ok) {
            latencies.push(performance.now() - sent);
            acknowledged.push({ session: s, text });
          } else errors.push(`session ${s} turn ${t}: ${response.status}`);
        } catch (error) {
          errors.push(`session ${s} turn ${t}: ${(error as Error).message}`);
        }
      }
    }),
  );
  const wallMs = performance.now() - started;
  const lost: string[] = [];
  const transcripts = await Promise.all(ids.map(async (id) => (await (await fetch(`${origin}/api/sessions/${id}`)).json()).transcript as Array<{ role: string; text: string }>));
  for (const { session, text } of acknowledged) {
    if (!transcripts[session].some((entry) => entry.role === 'user' && entry.text === text)) lost.push(text);
  }
  return { sessions, turns, latencies, errors, lost, wallMs };
}

export function percentile(values: number[], p: number): number {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
