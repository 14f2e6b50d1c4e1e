/** Drafts as stored records: compose and keep, save an edit as a new version, read any version. */
import { composeDraft, draftEvents, finishDraft } from './draft-pipeline.js';
import type { DraftEvent, DraftResult } from '../compose/draft-events.js';
import type { FactSheet } from '../domain/fact-sheet.js';
import type { Outline } from '../domain/outline.js';
import type { ReportType } from '../domain/report-types.js';
import type { Deps } from './deps.js';
import { AppError, notFound, validationError } from './errors.js';
import { unknownReportType } from '../contract/messages.js';
import type { DraftRecord, DraftVersion } from '../store/store.js';
import { ID_PATTERN } from '../domain/ids.js';
import type { DraftShape, Holds } from '../contract/session-shapes.js';

/** What a client sees of a draft: the result of one version, with its place in the history. */
export interface DraftView extends DraftResult {
  id: string;
  type: string;
  version: number;
  versions: Array<{ version: number; createdAt: string; source: DraftVersion['source'] }>;
  facts: FactSheet;
  /** Only in the answer to the session's own draft request: a draft's id alone must not hand over its session. */
  sessionId?: string;
}

/** Clients read the view as the contract's DraftShape (the widget declares no copy of its own). */
export type DraftViewIsTheContract = Holds<DraftView extends DraftShape ? true : false>;

/** The view of one version; `rendered` is the result just computed for it, so it isn't rendered twice. */
export function viewOf(record: DraftRecord, versionNumber?: number, rendered?: DraftResult): DraftView {
  const version = versionNumber === undefined ? record.versions.at(-1)! : record.versions.find((v) => v.version === versionNumber);
  if (!version) throw new AppError(404, 'not_found', `这份稿件没有第 ${versionNumber} 版`);
  const result = rendered ?? finishDraft(record.facts, record.outline, version.markdown, version.composer, []);
  return {
    ...result,
    warnings: version.warnings,
    figures: version.figures,
    id: record.id,
    type: record.type,
    version: version.version,
    versions: record.versions.map(({ version: v, createdAt, source }) => ({ version: v, createdAt, source })),
    facts: record.facts,
  };
}

export interface StartDraft {
  facts: FactSheet;
  outline?: Outline;
  sessionId?: string;
  signal?: AbortSignal;
}

/**
 * Drafts and stores: yields the pipeline's events, and stores the result before yielding `done`,
 * so a client that sees `done` can always read the draft back. `done` carries the stored id. The report type is
 * checked at once (400), before any event, so a refusal is an ordinary error answer, not a stream.
 */
export function createDraft(deps: Deps, start: StartDraft): AsyncGenerator<DraftEvent | { type: 'stored'; view: DraftView }> {
  return drafting(deps, start, reportTypeOf(deps, start.facts));
}

async function* drafting(deps: Deps, start: StartDraft, type: ReportType): AsyncGenerator<DraftEvent | { type: 'stored'; view: DraftView }> {
  for await (const event of draftEvents({ facts: start.facts, type, composer: deps.composer, outline: start.outline, signal: start.signal })) {
    if (event.type !== 'done') {
      yield event;
      continue;
    }
    yield { type: 'stored', view: await storeDraft(deps, start, type, event.result) };
  }
}

/**
 * Drafts and stores, for a caller that wants only the stored draft (a JSON answer): the same draft and record
 * as `createDraft`, without passing each event through two more async generators.
 * @example const view = await draftAndStore(deps, { facts, signal })
 */
export async function draftAndStore(deps: Deps, start: StartDraft): Promise<DraftView> {
  const type = reportTypeOf(deps, start.facts);
  const result = await composeDraft({ facts: start.facts, type, composer: deps.composer, outline: start.outline, signal: start.signal });
  return storeDraft(deps, start, type, result);
}

function reportTypeOf(deps: Deps, facts: FactSheet): ReportType {
  const type = deps.reportTypes.get(facts.type);
  if (!type) throw validationError([{ path: 'type', message: unknownReportType(facts.type, deps.reportTypes.keys()) }]);
  return type;
}

/** Keeps a composed draft as version 1 and returns its view (rendered already, so not rendered again). */
async function storeDraft(deps: Deps, start: StartDraft, type: ReportType, result: DraftResult): Promise<DraftView> {
  const now = deps.now().toISOString();
  const record: DraftRecord = {
    id: deps.newId(),
    type: type.id,
    facts: start.facts,
    outline: result.outline,
    versions: [versionOf(1, result, 'compose', now)],
    ...(start.sessionId ? { sessionId: start.sessionId } : {}),
    createdAt: now,
    updatedAt: now,
  };
  await deps.store.saveDraft(record);
  // The caller holds the session already (it asked to draft from it); GET /api/drafts/:id never says it.
  return { ...viewOf(record, undefined, result), ...(start.sessionId ? { sessionId: start.sessionId } : {}) };
}

function versionOf(version: number, result: DraftResult, source: DraftVersion['source'], createdAt: string): DraftVersion {
  return { version, markdown: result.markdown, createdAt, source, composer: result.composer, warnings: result.warnings, figures: result.figures };
}

export async function loadDraft(deps: Deps, id: string): Promise<DraftRecord> {
  const record = ID_PATTERN.test(id) ? await deps.store.getDraft(id) : undefined;
  if (!record) throw notFound('稿件');
  return record;
}

/** A draft keeps its latest versions only; older ones are dropped as new ones are saved (the file stays bounded). */
export const MAX_VERSIONS = 50;

/** Saves edited Markdown as a new version, guarded against the same facts. The last MAX_VERSIONS versions stay. */
export async function saveEdit(deps: Deps, id: string, markdown: string, source: DraftVersion['source'] = 'edit'): Promise<DraftView> {
  const record = await loadDraft(deps, id);
  const result = finishDraft(record.facts, record.outline, markdown.endsWith('\n') ? markdown : `${markdown}\n`, 'edit');
  const now = deps.now().toISOString();
  // Numbered after the last one (not by count): once old versions are dropped, numbers must not repeat.
  record.versions.push(versionOf(record.versions.at(-1)!.version + 1, result, source, now));
  record.versions = record.versions.slice(-MAX_VERSIONS);
  record.updatedAt = now;
  await deps.store.saveDraft(record);
  return viewOf(record, undefined, result);
}
