/** The imports resource (/api/imports): its contract bound to its handler. */
import { createRouter } from '../../router.js';
import * as handlers from './imports.handlers.js';
import * as routes from './imports.routes.js';

export function importRoutes() {
  return createRouter().openapi(routes.create, handlers.create);
}
