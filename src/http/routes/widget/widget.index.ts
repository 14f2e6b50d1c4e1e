/** The widget resource: GET /widget.js and GET / (contracts in widget.routes.ts), GET /widget/<hash>.js and GET /demo.css (plain, outside the document). */
import { createRouter } from '../../router.js';
import * as handlers from './widget.handlers.js';
import * as routes from './widget.routes.js';

export function widgetRoutes() {
  const router = createRouter();
  router.openapi(routes.script, handlers.script);
  router.get('/widget/:file', handlers.hashedScript);
  router.openapi(routes.page, handlers.page);
  router.get('/demo.css', handlers.demoStyle);
  return router;
}
