/**
 * Sessions (the guided dialogue) as stored records: start one, answer a turn, read and change one with no other
 * change to the same session in between, and draft from it, linking the draft back.
 */
import type { AnswerInput, ParsedAnswer } from '../dialogue/answer-parser.js';
import { toFactSheet } from '../dialogue/collected-facts.js';
import { checkDerivedList } from '../domain/derived-figures.js';
import { factStrings, type FactSheet } from '../domain/fact-sheet.js';
import { findFigures } from '../domain/figures.js';
import { beginTurn, canDraft, describeState, editOutline, finishTurn, recordDraft, startInterview, type InterviewState } from '../dialogue/interview.js';
import { sessionOutline } from '../dialogue/outline-edits.js';
import type { OutlineOperation } from '../contract/outline-operations.js';
import type { Reply, Turn } from '../contract/session-shapes.js';
import { offlineParser } from '../dialogue/offline-parser.js';
import { ID_PATTERN } from '../domain/ids.js';
import type { SessionRecord } from '../store/store.js';
import type { Deps } from './deps.js';
import { createDraft, type DraftView } from './drafts.js';
import { AppError, validationError } from './errors.js';
import { unknownReportType } from '../contract/messages.js';
import { liveSession } from './expiry.js';
import { startFromConsolidation } from './session-consolidation.js';
import { startFromImport } from './session-import.js';

export type Session = SessionRecord & InterviewState;

/** YYYY-MM-DD in China Standard Time (en-CA formats dates that way), the same on Node and Workers. */
const CHINA_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Turns of one session run one at a time (a double-click must not lose an answer); sessions never wait on each other. */
const queues = new WeakMap<object, Map<string, Promise<unknown>>>();

/**
 * Runs `work` after every earlier piece of work on the same session (per store) has settled.
 * @example await serial(deps, id, () => deps.store.deleteSession(id))
 */
export function serial<T>(deps: Deps, id: string, work: () => Promise<T>): Promise<T> {
  let map = queues.get(deps.store);
  if (!map) queues.set(deps.store, (map = new Map()));
  const before = map.get(id) ?? Promise.resolve();
  const run = before.then(work, work);
  const tail = run.catch(() => undefined);
  map.set(id, tail);
  void tail.then(() => {
    if (map!.get(id) === tail) map!.delete(id);
  });
  return run;
}

const sessionNotFound = () => new AppError(404, 'not_found', '会话不存在或已过期，请检查会话编号，或重新开始一次对话（POST /api/sessions）');

/** Reads a session and changes it with no other change to the same session in between. */
export function changeSession<T>(deps: Deps, id: string, work: (session: Session) => Promise<T>): Promise<T> {
  return serial(deps, id, async () => work(await loadSession(deps, id)));
}

/** The session, or a 404 for an id we never issued, an unknown one or one past SESSION_TTL_DAYS (removed then). */
export async function loadSession(deps: Deps, id: string): Promise<Session> {
  const record = ID_PATTERN.test(id) ? await liveSession(deps, id) : undefined;
  if (!record || typeof record.type !== 'string') throw sessionNotFound();
  return record as Session;
}

/** The session's report type, or a 409 when prompts/ no longer offers it. */
export function typeOf(deps: Deps, session: Session) {
  const type = deps.reportTypes.get(session.type);
  if (!type) throw new AppError(409, 'type_unavailable', `这个会话的报告类型“${session.type}”已不再提供，请重新开始一次对话`);
  return type;
}

export async function save(deps: Deps, session: Session, state: InterviewState): Promise<Session> {
  const next: Session = { ...session, ...state, id: session.id, createdAt: session.createdAt, updatedAt: deps.now().toISOString() };
  await deps.store.saveSession(next);
  return next;
}

/** What a turn answers: the reply, the state and the facts so far. */
export const turnBody = (state: InterviewState, reply: Reply): Turn => ({ reply, state: state.state, facts: state.facts });

type Started = ReturnType<typeof startInterview> & Partial<Pick<ReturnType<typeof startFromImport>, 'reports' | 'reportType'>>;

/**
 * Starts and stores a session: from a report type, an old report's text, or a consolidation's facts.
 * @example const { session, reply } = await startSession(deps, { typeId: 'annual-summary' })
 */
export async function startSession(
  deps: Deps,
  input: { typeId?: string; text?: string; report?: number; consolidation?: unknown },
): Promise<Started & { session: Session }> {
  let started: Started;
  if (input.consolidation !== undefined) started = startFromConsolidation(deps.reportTypes, { sheet: input.consolidation, typeId: input.typeId });
  else if (input.text !== undefined) started = startFromImport(deps.reportTypes, { text: input.text, typeId: input.typeId, report: input.report });
  else {
    const type = deps.reportTypes.get(input.typeId!);
    if (!type) throw validationError([{ path: 'type', message: unknownReportType(String(input.typeId), deps.reportTypes.keys()) }]);
    started = startInterview(type);
  }
  const now = deps.now().toISOString();
  const session: Session = { ...started.state, id: deps.newId(), createdAt: now, updatedAt: now };
  await deps.store.saveSession(session);
  return { ...started, session };
}

/** One answer (or command) in the dialogue: the next reply, stored before it is answered. */
export function answerTurn(deps: Deps, id: string, text: string) {
  return changeSession(deps, id, async (session) => {
    const type = typeOf(deps, session);
    const step = beginTurn(session, type, text);
    // Relative periods (今年, 上学期) are read from the server's clock, as a date in China (the users' time zone).
    const today = CHINA_DATE.format(deps.now());
    let result = step.kind === 'reply' ? step : finishTurn(session, type, text, await parseAnswer(deps, { ...step.input, today }));
    // Words that answered the next question instead of 对吗？: read again as that answer.
    if ('again' in result && result.again) result = finishTurn(result.again.state, type, text, await parseAnswer(deps, { ...result.again.input, today }), result.again.lead);
    const saved = await save(deps, session, result.state);
    return turnBody(saved, result.reply);
  });
}

/** The configured parser first; the offline parser when it finds nothing, fails or is the only one. */
async function parseAnswer(deps: Deps, input: AnswerInput): Promise<ParsedAnswer | null> {
  if (deps.answerParser !== offlineParser) {
    try {
      const parsed = await deps.answerParser(input);
      if (parsed && Object.values(parsed).some((v) => (Array.isArray(v) ? v.length : v))) return parsed;
    } catch {
      // A model that fails or times out must not lose the answer: the offline parser reads it instead.
    }
  }
  return offlineParser(input);
}

/** What GET /api/sessions/:id answers: the reply as it stands, the facts, the outline, the transcript, the drafts. */
export async function sessionView(deps: Deps, id: string) {
  const session = await loadSession(deps, id);
  const type = typeOf(deps, session);
  const { state, reply } = describeState(session, type);
  return {
    id: session.id,
    type: session.type,
    state: state.state,
    reply,
    facts: state.facts,
    outline: sessionOutline(state.facts, type, state.choices),
    transcript: state.transcript,
    drafts: state.drafts,
    createdAt: session.createdAt,
    updatedAt: session.updatedAt,
  };
}

/**
 * Applies outline edits (PUT …/outline), all or none: one that cannot apply is a 400 and nothing changes. The
 * reply saying what was done is kept in the transcript like any other.
 * @example await editSessionOutline(deps, id, [{ op: 'drop', target: { part: 4 } }])
 */
export function editSessionOutline(deps: Deps, id: string, operations: OutlineOperation[]) {
  return changeSession(deps, id, async (session) => {
    const type = typeOf(deps, session);
    const result = editOutline(session, type, operations);
    if ('error' in result) throw new AppError(400, 'invalid_outline_edit', `${result.error}，大纲没有改动`);
    const { state, reply } = describeState(result.state, type, `${result.done.join('；')}。`);
    const saved = await save(deps, session, { ...state, transcript: [...state.transcript, { role: 'assistant', text: reply.text, field: reply.field }] });
    return { ...turnBody(saved, reply), outline: sessionOutline(saved.facts, type, saved.choices), done: result.done };
  });
}

/**
 * Drafts from a session: a 409 while questions are still open; else the draft's events, the draft linked from the
 * session once it is stored. Checked before any event, so a refusal is an ordinary error answer, not a stream.
 */
export async function draftSession(deps: Deps, id: string, signal: AbortSignal) {
  const session = await loadSession(deps, id);
  const type = typeOf(deps, session);
  if (!canDraft(session)) {
    throw new AppError(409, 'session_not_ready', '还有问题没有回答完。请继续回答，或发送“完成”进入核对（缺的内容会在稿中标注【待补充】），然后再起草。');
  }
  const facts = toFactSheet(session.facts);
  return linkDraft(deps, session, createDraft(deps, { facts, outline: sessionOutline(session.facts, type, session.choices), sessionId: session.id, signal }));
}

/** Passes the draft's events on; once it is stored, links it from the session (before the client hears `done`). */
async function* linkDraft<E extends { type: string }>(deps: Deps, session: Session, events: AsyncIterable<E>): AsyncGenerator<E> {
  for await (const event of events) {
    if (event.type === 'stored') {
      const view = (event as unknown as { view: DraftView }).view;
      await changeSession(deps, session.id, (latest) => save(deps, latest, recordDraft(latest, view.id)));
    }
    yield event;
  }
}

/**
 * Chooses which of a consolidation's sums are accepted (numbered from 1); answers each checked again and the facts.
 * @example await chooseDerived(deps, id, [1, 3])
 */
export function chooseDerived(deps: Deps, id: string, accepted: number[]) {
  return changeSession(deps, id, async (session) => {
    const derived = session.facts.derived ?? [];
    if (!derived.length) throw new AppError(409, 'no_derived', '这个会话中没有可采用的合计（从汇总结果开始的会话才有）');
    const beyond = accepted.filter((n) => n > derived.length);
    if (beyond.length) throw validationError([{ path: 'accepted', message: `没有第 ${beyond.join('、')} 项合计（共 ${derived.length} 项）` }]);
    const chosen = new Set(accepted);
    const facts = { ...session.facts, derived: derived.map((d, i) => ({ ...d, accepted: chosen.has(i + 1) })) };
    const saved = await save(deps, session, { ...session, facts });
    const given = [...new Set(factStrings(toFactSheet(saved.facts) as FactSheet).flatMap(findFigures))];
    return { derived: checkDerivedList(saved.facts.derived, given), facts: saved.facts };
  });
}

/** Deletes a session and its drafts, in the session's queue: an answer being saved cannot bring it back. 404 if none. */
export async function deleteSession(deps: Deps, id: string): Promise<void> {
  const deleted = ID_PATTERN.test(id) && (await serial(deps, id, () => deps.store.deleteSession(id)));
  if (!deleted) throw new AppError(404, 'not_found', '会话不存在或已删除');
}
