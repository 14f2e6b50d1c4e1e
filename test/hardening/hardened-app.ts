/** The real app (in-memory lowdb store) with the clock and log injected, and a session brought to a stored draft. */
import { Memory } from 'lowdb';
import { offlineComposer } from '../../src/compose/offline-composer.js';
import { parseConfig } from '../../src/config.js';
import { createApp } from '../../src/http/app.js';
import { buildParts } from '../../src/parts.js';
import { createLowStore, type DbShape } from '../../src/store/store.js';
import { json, reportTypes } from '../helpers/app.js';
import { exampleFacts } from './sample-facts.js';

export const KEY = 'test-key-0123456789abcdef';

export async function hardenedApp(env: Record<string, string> = {}, clock: { now: Date } = { now: new Date('2025-06-01T08:00:00Z') }) {
  const store = await createLowStore(new Memory<DbShape>());
  const lines: Array<Record<string, unknown>> = [];
  const app = createApp({ ...buildParts(parseConfig(env), reportTypes, { composer: offlineComposer }), store, now: () => clock.now, log: (l) => lines.push(l) });
  return { app, store, clock, lines };
}

type App = Awaited<ReturnType<typeof hardenedApp>>['app'];

/** A session answered with one line and "完成", then drafted: the draft the widget would hold. */
export async function sessionWithDraft(app: App, headers: Record<string, string> = {}) {
  const session = await (await app.request('/api/sessions', json({ type: 'annual-summary' }, headers))).json();
  await app.request(`/api/sessions/${session.id}/messages`, json({ text: '我们是青河区教育局，写2025年的总结' }, headers));
  await app.request(`/api/sessions/${session.id}/messages`, json({ text: '完成' }, headers));
  const draft = await (await app.request(`/api/sessions/${session.id}/draft`, json({}, headers))).json();
  if (!draft.id) throw new Error(`no draft: ${JSON.stringify(draft)}`);
  return { sessionId: session.id as string, draftId: draft.id as string };
}

/** A draft made by a tool from a fact sheet (needs the key when API_KEYS is set). */
export async function toolDraft(app: App, key = KEY): Promise<string> {
  const response = await app.request('/api/drafts', json(exampleFacts(), { authorization: `Bearer ${key}` }));
  const body = await response.json();
  if (response.status !== 201) throw new Error(`no draft: ${response.status} ${JSON.stringify(body)}`);
  return body.id;
}
