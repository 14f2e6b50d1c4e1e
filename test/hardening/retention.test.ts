/** Retention: sessions expire after SESSION_TTL_DAYS unused (with their drafts), DELETE removes at once, versions are capped. */
import { Memory } from 'lowdb';
import { describe, expect, it } from 'vitest';
import { MAX_VERSIONS } from '../../src/services/drafts.js';
import { expiryCutoff, isExpired } from '../../src/store/retention.js';
import { createLowStore, type DbShape } from '../../src/store/store.js';
import { json } from '../helpers/app.js';
import { hardenedApp, sessionWithDraft, toolDraft } from './hardened-app.js';

const DAY = 24 * 60 * 60 * 1000;
const later = (clock: { now: Date }, days: number) => (clock.now = new Date(clock.now.getTime() + days * DAY));

describe('session expiry', () => {
  it('keeps a session used within SESSION_TTL_DAYS, and removes one unused longer, with its drafts', async () => {
    const { app, store, clock } = await hardenedApp({ SESSION_TTL_DAYS: '30' });
    const { sessionId, draftId } = await sessionWithDraft(app);
    later(clock, 29);
    expect((await app.request(`/api/sessions/${sessionId}/messages`, json({ text: '跳过' }))).status).toBe(200); // use renews it
    later(clock, 29);
    expect((await app.request(`/api/sessions/${sessionId}`)).status).toBe(200);
    later(clock, 31);
    expect((await app.request(`/api/drafts/${draftId}`)).status).toBe(404);
    expect((await app.request(`/api/sessions/${sessionId}`)).status).toBe(404);
    expect(await store.getSession(sessionId)).toBeUndefined();
    expect(await store.getDraft(draftId)).toBeUndefined();
  });

  it('removes an expired session on its first use, whatever the route', async () => {
    const { app, store, clock } = await hardenedApp({ SESSION_TTL_DAYS: '7' });
    const { sessionId } = await sessionWithDraft(app);
    later(clock, 8);
    const response = await app.request(`/api/sessions/${sessionId}/messages`, json({ text: '青河区教育局' }));
    expect(response.status).toBe(404);
    expect(await store.getSession(sessionId)).toBeUndefined();
  });

  it('keeps drafts made by tools past SESSION_TTL_DAYS, until DRAFT_RETENTION_DAYS unchanged', async () => {
    const { app, clock } = await hardenedApp({ SESSION_TTL_DAYS: '1', DRAFT_RETENTION_DAYS: '90' });
    const id = await toolDraft(app, 'x');
    later(clock, 60);
    expect((await app.request(`/api/drafts/${id}`)).status).toBe(200);
    later(clock, 31); // 91 days unchanged
    const gone = await app.request(`/api/drafts/${id}`);
    expect(gone.status).toBe(404);
    expect((await gone.json()).error.code).toBe('not_found');
  });

  it('sweeps the store (Node, at start and hourly): old sessions and their drafts go, recent ones and tool drafts stay', async () => {
    const store = await createLowStore(new Memory<DbShape>());
    const now = new Date('2025-06-01T00:00:00Z');
    const at = (days: number) => new Date(now.getTime() - days * DAY).toISOString();
    await store.saveSession({ id: 'old', createdAt: at(40), updatedAt: at(31) });
    await store.saveSession({ id: 'recent', createdAt: at(40), updatedAt: at(29) });
    const draft = (id: string, sessionId?: string) =>
      store.saveDraft({ id, type: 'annual-summary', facts: {} as never, outline: {} as never, versions: [], createdAt: at(40), updatedAt: at(40), ...(sessionId ? { sessionId } : {}) });
    await draft('of-old', 'old');
    await draft('of-recent', 'recent');
    await draft('by-tool');
    expect(await store.removeSessionsBefore!(expiryCutoff(now, 30))).toBe(1);
    expect(await store.getSession('old')).toBeUndefined();
    expect(await store.getDraft('of-old')).toBeUndefined();
    expect(await store.getSession('recent')).toBeDefined();
    expect(await store.getDraft('of-recent')).toBeDefined();
    expect(await store.getDraft('by-tool')).toBeDefined();
    // Tool drafts have their own retention (DRAFT_RETENTION_DAYS), swept the same way.
    expect(await store.removeToolDraftsBefore!(expiryCutoff(now, 30))).toBe(1);
    expect(await store.getDraft('by-tool')).toBeUndefined();
    expect(await store.getDraft('of-recent')).toBeDefined();
  });

  it('decides expiry from the last use, and never expires a record without a readable time', () => {
    const now = new Date('2025-06-01T00:00:00Z');
    expect(isExpired({ updatedAt: '2025-05-01T00:00:00Z' }, now, 30)).toBe(true);
    expect(isExpired({ updatedAt: '2025-05-03T00:00:00Z' }, now, 30)).toBe(false);
    expect(isExpired({ updatedAt: 'yesterday' }, now, 1)).toBe(false);
    expect(isExpired({}, now, 1)).toBe(false);
  });
});

describe('DELETE /api/sessions/:id', () => {
  it('answers 204, then 404; the session and every draft made from it are gone from the store', async () => {
    const { app, store } = await hardenedApp();
    const { sessionId, draftId } = await sessionWithDraft(app);
    const second = await (await app.request(`/api/sessions/${sessionId}/draft`, json({}))).json();
    const deleted = await app.request(`/api/sessions/${sessionId}`, { method: 'DELETE' });
    expect(deleted.status).toBe(204);
    expect(await deleted.text()).toBe('');
    const again = await app.request(`/api/sessions/${sessionId}`, { method: 'DELETE' });
    expect(again.status).toBe(404);
    expect((await again.json()).error.message).toMatch(/[\u4e00-\u9fff]/);
    expect((await app.request(`/api/sessions/${sessionId}`)).status).toBe(404);
    for (const id of [draftId, second.id]) {
      expect((await app.request(`/api/drafts/${id}`)).status).toBe(404);
      expect(await store.getDraft(id)).toBeUndefined();
    }
  });

  it('does not let an answer in flight bring a deleted session back', async () => {
    const { app, store } = await hardenedApp();
    const { sessionId } = await sessionWithDraft(app);
    const answers = Array.from({ length: 5 }, (_, i) => app.request(`/api/sessions/${sessionId}/messages`, json({ text: `回答${i}` })));
    const deleted = app.request(`/api/sessions/${sessionId}`, { method: 'DELETE' });
    const after = Array.from({ length: 5 }, (_, i) => app.request(`/api/sessions/${sessionId}/messages`, json({ text: `之后${i}` })));
    expect((await deleted).status).toBe(204);
    for (const response of await Promise.all(after)) expect(response.status).toBe(404);
    await Promise.all(answers);
    expect(await store.getSession(sessionId)).toBeUndefined();
  });

  it('is described in the OpenAPI document', async () => {
    const { app } = await hardenedApp();
    const spec = await (await app.request('/openapi.json')).json();
    const op = spec.paths['/api/sessions/{id}'].delete;
    expect(op.summary).toMatch(/删除/);
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['204', '404']));
  });

  it('answers 404 for an id we never issued', async () => {
    const { app } = await hardenedApp();
    for (const id of ['AAAAAAAAAAAAAAAAAAAAAA', 'not-an-id', '__proto__']) {
      expect((await app.request(`/api/sessions/${id}`, { method: 'DELETE' })).status).toBe(404);
    }
  });
});

describe('versions per draft', () => {
  it(`keeps the last ${MAX_VERSIONS} versions, numbered on without repeats`, async () => {
    const { app } = await hardenedApp();
    const id = await toolDraft(app, 'x');
    let last: any;
    for (let i = 2; i <= MAX_VERSIONS + 6; i++) {
      const response = await app.request(`/api/drafts/${id}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ markdown: `# 标题\n\n第${i}次修改。\n` }) });
      expect(response.status).toBe(200);
      last = await response.json();
    }
    expect(last.version).toBe(MAX_VERSIONS + 6);
    expect(last.versions).toHaveLength(MAX_VERSIONS);
    expect(last.versions[0].version).toBe(7);
    expect(new Set(last.versions.map((v: { version: number }) => v.version)).size).toBe(MAX_VERSIONS);
    expect((await app.request(`/api/drafts/${id}?version=6`)).status).toBe(404);
    const kept = await (await app.request(`/api/drafts/${id}?version=7`)).json();
    expect(kept.markdown).toContain('第7次修改');
  });
});
