/** The report types loaded from prompts/, as clients read them: each described, or as its fact sheet's JSON Schema. */
import { factSheetJsonSchema } from '../domain/json-schema.js';
import { describeReportType } from '../domain/report-types.js';
import type { Deps } from './deps.js';
import { AppError } from './errors.js';

export const listReportTypes = (deps: Deps) => ({ types: [...deps.reportTypes.values()].map(describeReportType) });

/** The JSON Schema of a fact sheet of this type; 404 naming the types on offer when there is no such type. */
export function reportTypeSchema(deps: Deps, id: string) {
  const type = deps.reportTypes.get(id);
  if (!type) throw new AppError(404, 'not_found', `没有这种报告类型“${id.slice(0, 64)}”，可选：${[...deps.reportTypes.keys()].join('、')}`);
  return factSheetJsonSchema(type);
}
