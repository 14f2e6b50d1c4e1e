/// <reference types="vite/client" />
/**
 * Validation messages on any runtime: a wrong type reads 类型不对 (not 缺少), an absent field 缺少, a value past a
 * limit 超出, all in plain Chinese with no English word of zod's left; an unknown report type is named as such;
 * a POST without any body is taken as one without a body.
 */
import { describe, expect, it } from 'vitest';
import type { FactSheet } from '../../../src/domain/fact-sheet.js';
import { postJson, putJson, type Fetcher } from './harness.js';

const annual = (import.meta.glob<FactSheet>('../../../data/examples/annual-summary.json', { eager: true, import: 'default' }) as Record<string, FactSheet>)[
  '../../../data/examples/annual-summary.json'
];

/** zod's own words, English or its locale's half-English ("期望 number >=1"). */
const ZOD_WORDS = /expected|received|invalid|input|期望|>=|<=|\b(string|number|array|object|boolean|undefined|NaN)\b/i;

async function issueOf(response: Response, path: string): Promise<string> {
  expect(response.status).toBe(400);
  const body = await response.json();
  const issue = body.error.issues.find((i: { path: string }) => i.path === path);
  expect(issue, JSON.stringify(body)).toBeDefined();
  // The summary names the field and says the same thing.
  expect(body.error.message).toContain(`${path}：${issue.message}`);
  expect(issue.message).not.toMatch(ZOD_WORDS);
  return issue.message;
}

export function messagesSuite(fetcher: Fetcher) {
  describe('validation messages', () => {
    it('calls a fact of the wrong type 类型不对, not missing', async () => {
      const facts = { ...annual, sections: [{ topic: '党建工作', facts: [12] }] };
      const message = await issueOf(await postJson(fetcher, '/api/drafts', facts), 'sections[0].facts[0]');
      expect(message).toContain('类型不对');
      expect(message).toContain('文字');
      expect(message).not.toContain('缺少');
    });

    it('calls an absent field 缺少, and a list sent as text 类型不对', async () => {
      const { org: _org, ...withoutOrg } = annual;
      expect(await issueOf(await postJson(fetcher, '/api/drafts', withoutOrg), 'org')).toContain('缺少');
      const message = await issueOf(await postJson(fetcher, '/api/drafts', { ...annual, sections: '党建' }), 'sections');
      expect(message).toContain('类型不对');
      expect(message).toContain('列表');
    });

    it('tells a number sent as an answer from a missing answer', async () => {
      const session = await (await postJson(fetcher, '/api/sessions', { type: 'work-plan' })).json();
      const wrong = await issueOf(await postJson(fetcher, `/api/sessions/${session.id}/messages`, { text: 5 }), 'text');
      expect(wrong).toContain('类型不对');
      expect(await issueOf(await postJson(fetcher, `/api/sessions/${session.id}/messages`, {}), 'text')).not.toContain('类型不对');
    });

    it('says what is wrong with a query value: 类型不对 for text, a bound for 0', async () => {
      const draft = await (await postJson(fetcher, '/api/drafts', annual)).json();
      const text = await issueOf(await fetcher(`/api/drafts/${draft.id}?version=abc`), 'version');
      expect(text).toContain('类型不对');
      expect(text).toContain('数字');
      expect(await issueOf(await fetcher(`/api/drafts/${draft.id}?version=0`), 'version')).toMatch(/不能小于 1/);
    });

    it('says 超出 for too many items, in Chinese', async () => {
      const session = await (await postJson(fetcher, '/api/sessions', { type: 'annual-summary' })).json();
      const operations = [{ op: 'merge', targets: [{ part: 1 }, { part: 2 }, { part: 3 }] }];
      const message = await issueOf(await putJson(fetcher, `/api/sessions/${session.id}/outline`, { operations }), 'operations[0].targets');
      expect(message).toContain('超出');
      expect(message).toContain('2 项');
    });

    it('names an unknown report type when its schema is asked for, without “expired”', async () => {
      const response = await fetcher('/api/report-types/annual-report/schema');
      expect(response.status).toBe(404);
      const { error } = await response.json();
      expect(error.message).toContain('annual-report');
      expect(error.message).toContain('work-plan');
      expect(error.message).not.toContain('过期');
    });

    it('takes POST /api/sessions/:id/draft with no body at all (no Content-Type, no Content-Length)', async () => {
      const session = await (await postJson(fetcher, '/api/sessions', { type: 'annual-summary' })).json();
      await postJson(fetcher, `/api/sessions/${session.id}/messages`, { text: '直接生成' });
      const response = await fetcher(`/api/sessions/${session.id}/draft`, { method: 'POST' });
      expect(response.status).toBe(201);
      expect((await response.json()).markdown).toContain('【待补充');
      // A body that is there but not JSON is still refused.
      const text = await fetcher(`/api/sessions/${session.id}/draft`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' });
      expect(text.status).toBe(415);
    });
  });
}
