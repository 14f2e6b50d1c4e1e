/** The consolidations resource (/api/consolidations): its contract bound to its handler. */
import { createRouter } from '../../router.js';
import * as handlers from './consolidations.handlers.js';
import * as routes from './consolidations.routes.js';

export function consolidationRoutes() {
  return createRouter().openapi(routes.create, handlers.create);
}
