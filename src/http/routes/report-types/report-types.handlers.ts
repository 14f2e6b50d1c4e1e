/** The report types' handlers, typed from their contracts in report-types.routes.ts: the loaded types, described or as a fact sheet's JSON Schema. */
import { factSheetJsonSchema } from '../../../domain/json-schema.js';
import { describeReportType } from '../../../domain/report-types.js';
import { ApiError } from '../../errors.js';
import type { AppRouteHandler } from '../../router.js';
import type * as routes from './report-types.routes.js';

export const list: AppRouteHandler<typeof routes.list> = (c) => {
  const { reportTypes } = c.get('deps');
  return c.json({ types: [...reportTypes.values()].map(describeReportType) }, 200);
};

export const schema: AppRouteHandler<typeof routes.schema> = (c) => {
  const { reportTypes } = c.get('deps');
  const id = c.req.valid('param').type;
  const type = reportTypes.get(id);
  if (!type) throw new ApiError(404, 'not_found', `没有这种报告类型“${id.slice(0, 64)}”，可选：${[...reportTypes.keys()].join('、')}`);
  return c.json(factSheetJsonSchema(type), 200);
};
