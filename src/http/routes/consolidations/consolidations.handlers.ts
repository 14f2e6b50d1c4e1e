/** The consolidation's handler, typed from its contract in consolidations.routes.ts: the body (JSON or upload) mapped to src/services/consolidations.ts, its result back. */
import { consolidate } from '../../../services/consolidations.js';
import type { AppRouteHandler } from '../../router.js';
import type { ConsolidationForm, ConsolidationJson } from './consolidations.routes.js';
import type * as routes from './consolidations.routes.js';

const asList = (value: unknown): unknown[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
const strings = (value: unknown) => asList(value).filter((s): s is string => typeof s === 'string');

export const create: AppRouteHandler<typeof routes.create> = async (c) => {
  const isJson = /^application\/json\b/i.test(c.req.header('content-type') ?? '');
  const body = (isJson ? c.req.valid('json') : c.req.valid('form')) as ConsolidationJson & ConsolidationForm;
  const { type, org, period } = body;
  // An upload repeats split and merge as fields; a merge field lists its areas with commas.
  const choices = isJson
    ? { type, org, period, split: body.split, merge: body.merge }
    : { type, org, period, split: strings(body.split), merge: strings(body.merge).map((s) => s.split(/[,，]/).map((k) => k.trim()).filter(Boolean)) };
  const reports = isJson ? { texts: body.reports } : { files: asList(body.files) };
  return c.json(await consolidate(c.get('deps'), reports, choices), 200);
};
