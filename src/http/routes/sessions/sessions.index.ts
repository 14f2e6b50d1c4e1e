/** The sessions resource (/api/sessions/…): each contract of sessions.routes.ts bound to its handler. */
import { createRouter } from '../../router.js';
import * as handlers from './sessions.handlers.js';
import * as routes from './sessions.routes.js';

export function sessionRoutes() {
  return createRouter()
    .openapi(routes.create, handlers.create)
    .openapi(routes.message, handlers.message)
    .openapi(routes.getOne, handlers.getOne)
    .openapi(routes.remove, handlers.remove)
    .openapi(routes.outline, handlers.outline)
    .openapi(routes.draft, handlers.draft)
    .openapi(routes.derived, handlers.derived);
}
