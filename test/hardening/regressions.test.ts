/** Faults the fuzz test found, kept as plain tests so they stay fixed. */
import { describe, expect, it } from 'vitest';
import { json } from '../helpers/app.js';
import { hardenedApp } from './hardened-app.js';

describe('found by fuzzing', () => {
  it('answers 400 (not 500) to an outline edit of the placeholder part of a session with no work areas yet', async () => {
    const { app } = await hardenedApp();
    const session = await (await app.request('/api/sessions', json({ type: 'annual-summary' }))).json();
    await app.request(`/api/sessions/${session.id}/messages`, json({ text: '我们是青河区教育局，写2025年的总结' }));
    await app.request(`/api/sessions/${session.id}/messages`, json({ text: '完成' }));
    const put = (operation: unknown) =>
      app.request(`/api/sessions/${session.id}/outline`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ operations: [operation] }) });
    for (const operation of [
      { op: 'rename', target: { part: 1 }, heading: '新标题' },
      { op: 'move', target: { part: 1 }, to: { part: 1 } },
    ]) {
      const response = await put(operation);
      expect(response.status).toBe(400);
      expect((await response.json()).error.message).toContain('还没有填写工作领域');
    }
    // Nothing changed: the session still reads, and still drafts.
    expect((await app.request(`/api/sessions/${session.id}`)).status).toBe(200);
    expect((await app.request(`/api/sessions/${session.id}/draft`, json({}))).status).toBe(201);
  });
});
