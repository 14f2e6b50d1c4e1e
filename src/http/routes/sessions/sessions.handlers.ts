/** The sessions' handlers, each typed from its contract in sessions.routes.ts: read the request, call src/services/sessions.ts, answer. */
import { toFactSheet } from '../../../dialogue/collected-facts.js';
import { canDraft, describeState, editOutline } from '../../../dialogue/interview.js';
import { sessionOutline } from '../../../dialogue/outline-edits.js';
import { createDraft } from '../../../services/drafts.js';
import { answerTurn, changeSession, chooseDerived, deleteSession, linkDraft, loadSession, save, startSession, turnBody, typeOf } from '../../../services/sessions.js';
import { ApiError } from '../../errors.js';
import { asOutlineJson } from '../../openapi/parts.js';
import type { AppRouteHandler } from '../../router.js';
import { clientAbort, streamDraft, wantsEventStream } from '../../sse.js';
import type * as routes from './sessions.routes.js';

export const create: AppRouteHandler<typeof routes.create> = async (c) => {
  const { type: typeId, import: text, report, consolidation } = c.req.valid('json');
  const { session, reply, reports, reportType } = await startSession(c.get('deps'), { typeId, text, report, consolidation });
  return c.json({ id: session.id, ...turnBody(session, reply), ...(reports ? { reports } : {}), ...(reportType ? { reportType } : {}) }, 201);
};

export const message: AppRouteHandler<typeof routes.message> = async (c) => {
  const { id } = c.req.valid('param');
  const { text } = c.req.valid('json');
  return c.json(await answerTurn(c.get('deps'), id, text), 200);
};

export const getOne: AppRouteHandler<typeof routes.getOne> = async (c) => {
  const deps = c.get('deps');
  const session = await loadSession(deps, c.req.valid('param').id);
  const type = typeOf(deps, session);
  const { state, reply } = describeState(session, type);
  return c.json(
    {
      id: session.id,
      type: session.type,
      state: state.state,
      reply,
      facts: state.facts,
      outline: asOutlineJson(sessionOutline(state.facts, type, state.choices)),
      transcript: state.transcript,
      drafts: state.drafts,
      createdAt: session.createdAt,
      updatedAt: session.updatedAt,
    },
    200,
  );
};

export const remove: AppRouteHandler<typeof routes.remove> = async (c) => {
  await deleteSession(c.get('deps'), c.req.valid('param').id);
  return c.body(null, 204);
};

export const outline: AppRouteHandler<typeof routes.outline> = async (c) => {
  const deps = c.get('deps');
  const { id } = c.req.valid('param');
  const { operations } = c.req.valid('json');
  const body = await changeSession(deps, id, async (session) => {
    const type = typeOf(deps, session);
    const result = editOutline(session, type, operations);
    if ('error' in result) throw new ApiError(400, 'invalid_outline_edit', `${result.error}，大纲没有改动`);
    const { state, reply } = describeState(result.state, type, `${result.done.join('；')}。`);
    const saved = await save(deps, session, { ...state, transcript: [...state.transcript, { role: 'assistant', text: reply.text, field: reply.field }] });
    return { ...turnBody(saved, reply), outline: asOutlineJson(sessionOutline(saved.facts, type, saved.choices)), done: result.done };
  });
  return c.json(body, 200);
};

export const draft: AppRouteHandler<typeof routes.draft> = async (c) => {
  const deps = c.get('deps');
  const { id } = c.req.valid('param');
  const session = await loadSession(deps, id);
  const type = typeOf(deps, session);
  if (!canDraft(session)) {
    throw new ApiError(409, 'session_not_ready', '还有问题没有回答完。请继续回答，或发送“完成”进入核对（缺的内容会在稿中标注【待补充】），然后再起草。');
  }
  const abort = clientAbort(c);
  const events = linkDraft(deps, session, createDraft(deps, {
    facts: toFactSheet(session.facts),
    outline: sessionOutline(session.facts, type, session.choices),
    sessionId: session.id,
    signal: abort.signal,
  }));
  if (wantsEventStream(c)) return streamDraft(c, events, abort) as never;
  for await (const event of events) if (event.type === 'stored') return c.json(event.view, 201);
  throw new Error('draft not stored');
};

export const derived: AppRouteHandler<typeof routes.derived> = async (c) => {
  const deps = c.get('deps');
  const { id } = c.req.valid('param');
  const { accepted } = c.req.valid('json');
  const body = await chooseDerived(deps, id, accepted);
  return c.json(body, 200);
};
