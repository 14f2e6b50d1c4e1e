/** 校对's handler, typed from its contract in proofread.routes.ts: the text and the `model` wish to src/services/proofread.ts, its issues back. */
import { proofreadText } from '../../../services/proofread.js';
import { modelWanted } from '../../openapi/parts.js';
import type { AppRouteHandler } from '../../router.js';
import type * as routes from './proofread.routes.js';

export const proofread: AppRouteHandler<typeof routes.proofread> = async (c) => {
  const { text, format } = c.req.valid('json');
  return c.json(await proofreadText(c.get('deps'), { text, format, model: modelWanted(c.req.valid('query').model), signal: c.req.raw.signal }), 200);
};
