/** The 校对 resource for any text (/api/proofread): its contract bound to its handler. */
import { createRouter } from '../../router.js';
import * as handlers from './proofread.handlers.js';
import * as routes from './proofread.routes.js';

export function proofreadRoutes() {
  return createRouter().openapi(routes.proofread, handlers.proofread);
}
