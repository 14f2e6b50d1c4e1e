/** The report types' handlers, typed from their contracts in report-types.routes.ts: src/services/report-types.ts, answered as JSON. */
import { listReportTypes, reportTypeSchema } from '../../../services/report-types.js';
import type { AppRouteHandler } from '../../router.js';
import type * as routes from './report-types.routes.js';

export const list: AppRouteHandler<typeof routes.list> = (c) => c.json(listReportTypes(c.get('deps')), 200);

export const schema: AppRouteHandler<typeof routes.schema> = (c) => c.json(reportTypeSchema(c.get('deps'), c.req.valid('param').type), 200);
