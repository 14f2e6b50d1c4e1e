/** In workerd: drafts and sessions live in Durable Objects named after each record, in storage that outlives the object. */
import { abortAllDurableObjects, env, listDurableObjectIds, runDurableObjectAlarm, runInDurableObject, SELF } from 'cloudflare:test';
import { describe, expect, it, vi } from 'vitest';
import type { FactSheet } from '../../src/domain/fact-sheet.js';
import { DurableObjectAdapter } from '../../src/workers/durable-object-adapter.js';
import { createDurableObjectStore, draftShard, sessionShard } from '../../src/workers/durable-object-store.js';
import type { DraftRecord } from '../../src/store/store.js';
import example from '../../data/examples/annual-summary.json';

const post = (body: unknown) =>
  SELF.fetch('http://report-drafter.test/api/drafts', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const stubFor = (name: string) => env.STORE.get(env.STORE.idFromName(name));

describe('Durable Object store', () => {
  it('keeps a draft in the object named after its id, in storage that survives the object being reset', async () => {
    const created = await (await post(example)).json();
    await abortAllDurableObjects(); // every object's memory is gone; only storage is left
    const again = await SELF.fetch(`http://report-drafter.test/api/drafts/${created.id}`);
    expect(again.status).toBe(200);
    expect((await again.json()).markdown).toBe(created.markdown);

    const stored = await runInDurableObject(stubFor(draftShard(created.id)), async (_instance, state) => {
      const count = await state.storage.get<number>('lowdb:chunks');
      const text = [...(await state.storage.list<string>({ prefix: 'lowdb:chunk:' })).values()].join('');
      return { count, data: JSON.parse(text) };
    });
    expect(stored.count).toBeGreaterThanOrEqual(1);
    expect(Object.keys(stored.data.drafts)).toEqual([created.id]);
    expect(stored.data.drafts[created.id].versions[0].markdown).toBe(created.markdown);
  });

  it('spreads records over one object each', async () => {
    const a = await (await post(example)).json();
    const b = await (await post({ ...example, org: '青河区第二教育集团' })).json();
    const ids = (await listDurableObjectIds(env.STORE)).map(String);
    expect(ids).toContain(String(env.STORE.idFromName(draftShard(a.id))));
    expect(ids).toContain(String(env.STORE.idFromName(draftShard(b.id))));
    expect(String(env.STORE.idFromName(draftShard(a.id)))).not.toBe(String(env.STORE.idFromName(draftShard(b.id))));
  });

  it('deletes a session with the drafts made from it, across their objects', async () => {
    const store = createDurableObjectStore(env.STORE as never);
    const now = new Date().toISOString();
    await store.saveSession({ id: 'session-a', createdAt: now, updatedAt: now, transcript: ['你好'] });
    const draft: DraftRecord = {
      id: 'draft-of-session-a',
      type: 'annual-summary',
      facts: example as FactSheet,
      outline: { type: 'annual-summary', title: '标题', items: [] } as never,
      versions: [],
      sessionId: 'session-a',
      createdAt: now,
      updatedAt: now,
    };
    await store.saveDraft(draft);
    expect((await store.getSession('session-a'))?.transcript).toEqual(['你好']);

    const copy = await store.getDraft(draft.id);
    copy!.type = 'changed-by-caller';
    expect((await store.getDraft(draft.id))?.type).toBe('annual-summary');

    expect(await store.deleteSession('session-a')).toBe(true);
    expect(await store.getSession('session-a')).toBeUndefined();
    expect(await store.getDraft(draft.id)).toBeUndefined();
    expect(await store.deleteSession('session-a')).toBe(false);
    expect(String(env.STORE.idFromName(sessionShard('x')))).not.toBe(String(env.STORE.idFromName(draftShard('x'))));
  });
});

describe('session retention on Workers', () => {
  const DAY_MS = 24 * 60 * 60 * 1000;
  const session = (id: string, daysAgo: number) => {
    const at = new Date(Date.now() - daysAgo * DAY_MS).toISOString();
    return { id, createdAt: at, updatedAt: at };
  };

  it('removes an expired session with its drafts when its alarm rings', async () => {
    const store = createDurableObjectStore(env.STORE as never);
    const old = session('session-old', 31); // default SESSION_TTL_DAYS is 30
    const draft = { id: 'draft-of-old', type: 'annual-summary', facts: example, outline: { items: [] }, versions: [], sessionId: old.id, createdAt: old.createdAt, updatedAt: old.updatedAt };
    await store.saveDraft(draft as never); // linked first, so the session's alarm (already due) finds it
    await store.saveSession(old);
    const stub = stubFor(sessionShard(old.id));
    // Its expiry is already past, so the runtime may ring the alarm at once; otherwise ring it now.
    await runDurableObjectAlarm(stub);
    await vi.waitFor(async () => expect(await store.getSession(old.id)).toBeUndefined());
    expect(await store.getDraft(draft.id)).toBeUndefined();
    expect(await runInDurableObject(stub, (_instance, state) => state.storage.getAlarm())).toBeNull();
  });

  it('keeps a session still in use and re-arms for it', async () => {
    const store = createDurableObjectStore(env.STORE as never);
    const recent = session('session-recent', 2);
    await store.saveSession(recent);
    const stub = stubFor(sessionShard(recent.id));
    const alarmAt = await runInDurableObject(stub, (_instance, state) => state.storage.getAlarm());
    expect(alarmAt).toBeGreaterThan(Date.parse(recent.updatedAt) + 30 * DAY_MS);
    expect(alarmAt).toBeLessThan(Date.parse(recent.updatedAt) + 30 * DAY_MS + 60_000);
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect(await store.getSession(recent.id)).toEqual(recent);
    expect(await runInDurableObject(stub, (_instance, state) => state.storage.getAlarm())).toBe(alarmAt);
  });
});

describe('tool draft retention on Workers', () => {
  const DAY_MS = 24 * 60 * 60 * 1000;
  const toolDraft = (id: string, daysAgo: number) => {
    const at = new Date(Date.now() - daysAgo * DAY_MS).toISOString();
    return { id, type: 'annual-summary', facts: example, outline: { items: [] }, versions: [], createdAt: at, updatedAt: at };
  };

  it('removes a tool draft unchanged past DRAFT_RETENTION_DAYS when its alarm rings, and arms for a recent one', async () => {
    const store = createDurableObjectStore(env.STORE as never);
    const old = toolDraft('tool-draft-old', 31); // default DRAFT_RETENTION_DAYS is 30
    await store.saveDraft(old as never);
    const stub = stubFor(draftShard(old.id));
    await runDurableObjectAlarm(stub);
    await vi.waitFor(async () => expect(await store.getDraft(old.id)).toBeUndefined());

    const recent = toolDraft('tool-draft-recent', 2);
    await store.saveDraft(recent as never);
    const alarmAt = await runInDurableObject(stubFor(draftShard(recent.id)), (_instance, state) => state.storage.getAlarm());
    expect(alarmAt).toBeGreaterThan(Date.parse(recent.updatedAt) + 30 * DAY_MS);
    expect(alarmAt).toBeLessThan(Date.parse(recent.updatedAt) + 30 * DAY_MS + 60_000);
    expect(await store.getDraft(recent.id)).toEqual(recent);
  });
});

describe('DurableObjectAdapter', () => {
  it('splits data over chunks, more than one storage call can hold, and drops stale chunks when it shrinks', async () => {
    await runInDurableObject(stubFor('adapter-test'), async (_instance, state) => {
      const adapter = new DurableObjectAdapter<{ text: string }>(state.storage, 2);
      expect(await adapter.read()).toBeNull();

      const big = { text: '教育'.repeat(200) }; // ~400 characters of JSON → 200+ chunks, over the 128-key limit of one call
      await adapter.write(big);
      const chunks = await state.storage.list({ prefix: 'lowdb:chunk:' });
      expect(chunks.size).toBe(Math.ceil(JSON.stringify(big).length / 2));
      expect(chunks.size).toBeGreaterThan(128);
      expect(await new DurableObjectAdapter(state.storage, 2).read()).toEqual(big);

      await adapter.write({ text: '短' });
      expect((await state.storage.list({ prefix: 'lowdb:chunk:' })).size).toBe(Math.ceil(JSON.stringify({ text: '短' }).length / 2));
      expect(await adapter.read()).toEqual({ text: '短' });
    });
  });

  it('refuses to read a record whose chunk is missing instead of returning half of it', async () => {
    await runInDurableObject(stubFor('adapter-damaged'), async (_instance, state) => {
      const adapter = new DurableObjectAdapter<{ text: string }>(state.storage, 4);
      await adapter.write({ text: '青河区教育局' });
      await state.storage.delete('lowdb:chunk:1');
      await expect(adapter.read()).rejects.toThrow(/lowdb:chunk:1/);
    });
  });
});
