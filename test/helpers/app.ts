/** The real app around an in-memory lowdb store, for tests that call `app.request(...)` with no server. */
import { Memory } from 'lowdb';
import type { Composer } from '../../src/compose/draft-events.js';
import { parseConfig } from '../../src/config.js';
import { loadReportTypes } from '../../src/domain/report-types.js';
import { createApp } from '../../src/http/app.js';
import { offlineParser } from '../../src/dialogue/offline-parser.js';
import { offlineComposer } from '../../src/compose/offline-composer.js';
import { buildParts } from '../../src/parts.js';
import { widgetHash, widgetScript } from '../../src/generated/widget-bundle.js';
import { readPromptFiles } from '../../src/node/prompt-files.js';
import { createLowStore, type DbShape } from '../../src/store/store.js';

export const reportTypes = loadReportTypes(readPromptFiles());

export async function createTestApp(options: { composer?: Composer; env?: Record<string, string>; model?: boolean } = {}) {
  const store = await createLowStore(new Memory<DbShape>());
  // Offline by default even when env names a model: a test that wants the model passes its composer (and then
  // rewrites parts with the configured model), or asks for the configured model's composer with `model`.
  const offline = options.composer || options.model ? {} : { pieceRewriter: null };
  const composer = options.model ? {} : { composer: options.composer ?? offlineComposer };
  const parts = buildParts(parseConfig(options.env ?? {}), reportTypes, { ...composer, answerParser: offlineParser, ...offline });
  const app = createApp({ ...parts, store, widget: { script: widgetScript, hash: widgetHash } });
  return { app, store };
}

export const json = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});
