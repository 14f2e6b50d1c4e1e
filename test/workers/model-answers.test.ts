/**
 * On Workers, as on Node, a configured model parses the interview's answers first: the Worker in workerd is given
 * OPENAI_API_KEY and OPENAI_BASE_URL pointing at the scripted model server of test/workers/model-server.setup.ts
 * (a real HTTP server on 127.0.0.1, reached by workerd's own fetch), and files what that model returned.
 */
import { env } from 'cloudflare:test';
import { expect, inject, it } from 'vitest';
// Each test file gets its own module instance in the pool, so this file's Worker is built with this env.
import worker from '../../src/worker.js';

const modelEnv = () => ({ STORE: env.STORE as never, RATE_LIMITS: env.RATE_LIMITS as never, OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: inject('modelBaseURL'), LLM_TIMEOUT_MS: '5000' });

async function post(path: string, body: unknown) {
  const response = await worker.fetch(new Request(`http://report-drafter.test${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }), modelEnv(), {});
  return { status: response.status, body: (await response.json()) as any };
}

it('files the model’s parse of each answer and drops the figure it invented', async () => {
  const started = await post('/api/sessions', { type: 'annual-summary' });
  expect(started.status).toBe(201);
  const id = started.body.id;
  for (const text of ['我们是青河区教育局', '2025年']) expect((await post(`/api/sessions/${id}/messages`, { text })).status).toBe(200);
  const areas = await post(`/api/sessions/${id}/messages`, { text: '党建和德育' });
  // Only the model splits 党建和德育: the offline parser would have kept one area.
  expect(areas.body.facts.sections.map((s: { topic: string }) => s.topic)).toEqual(['党建', '德育']);
  const facts = await post(`/api/sessions/${id}/messages`, { text: '发展党员12名' });
  expect(facts.body.facts.sections[0].facts).toEqual(['发展党员12名']);
  expect(JSON.stringify(facts.body.facts)).not.toContain('７７７７');
});
