/** The report types resource (/api/report-types/…): each contract of report-types.routes.ts bound to its handler. */
import { createRouter } from '../../router.js';
import * as handlers from './report-types.handlers.js';
import * as routes from './report-types.routes.js';

export function reportTypeRoutes() {
  return createRouter().openapi(routes.list, handlers.list).openapi(routes.schema, handlers.schema);
}
