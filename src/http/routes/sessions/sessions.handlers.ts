/** The sessions' handlers, each typed from its contract in sessions.routes.ts: read the request, call src/services/sessions.ts, answer. */
import { answerTurn, chooseDerived, deleteSession, draftSession, editSessionOutline, sessionView, startSession, turnBody } from '../../../services/sessions.js';
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
  const view = await sessionView(c.get('deps'), c.req.valid('param').id);
  return c.json({ ...view, outline: asOutlineJson(view.outline) }, 200);
};

export const remove: AppRouteHandler<typeof routes.remove> = async (c) => {
  await deleteSession(c.get('deps'), c.req.valid('param').id);
  return c.body(null, 204);
};

export const outline: AppRouteHandler<typeof routes.outline> = async (c) => {
  const body = await editSessionOutline(c.get('deps'), c.req.valid('param').id, c.req.valid('json').operations);
  return c.json({ ...body, outline: asOutlineJson(body.outline) }, 200);
};

export const draft: AppRouteHandler<typeof routes.draft> = async (c) => {
  const abort = clientAbort(c);
  const events = await draftSession(c.get('deps'), c.req.valid('param').id, abort.signal);
  if (wantsEventStream(c)) return streamDraft(c, events, abort) as never;
  for await (const event of events) if (event.type === 'stored') return c.json(event.view, 201);
  throw new Error('draft not stored');
};

export const derived: AppRouteHandler<typeof routes.derived> = async (c) =>
  c.json(await chooseDerived(c.get('deps'), c.req.valid('param').id, c.req.valid('json').accepted), 200);
