/**
 * The docs resource: GET /docs (a page that lists every route of /openapi.json and lets a person try it), /docs.js,
 * /docs.css and /favicon.ico. Plain routes, outside the document, so no docs.routes.ts; /openapi.json itself is
 * served by src/http/app.ts, which holds the whole registry.
 */
import { createRouter } from '../../router.js';
import * as handlers from './docs.handlers.js';

export function docsRoutes() {
  return createRouter()
    .get('/docs', handlers.page)
    .get('/docs.js', handlers.script)
    .get('/docs.css', handlers.style)
    .get('/favicon.ico', handlers.favicon);
}
