/** The drafts resource (/api/drafts/…): each contract of drafts.routes.ts bound to its handler. */
import { createRouter } from '../../router.js';
import * as handlers from './drafts.handlers.js';
import * as routes from './drafts.routes.js';

export function draftRoutes() {
  return createRouter()
    .openapi(routes.create, handlers.create)
    .openapi(routes.getOne, handlers.getOne)
    .openapi(routes.save, handlers.save)
    .openapi(routes.download, handlers.download)
    .openapi(routes.rewrite, handlers.rewrite)
    .openapi(routes.proofread, handlers.proofread);
}
