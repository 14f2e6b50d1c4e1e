/** The import's handler, typed from its contract in imports.routes.ts: pasted text or the uploaded file to src/services/imports.ts, the recovered sheet back. */
import { importFile, importText } from '../../../services/imports.js';
import { ApiError, validationError } from '../../errors.js';
import type { AppRouteHandler } from '../../router.js';
import { IMPORT_UPLOAD_LIMIT, type ImportForm, type ImportJson } from './imports.routes.js';
import type * as routes from './imports.routes.js';

export const create: AppRouteHandler<typeof routes.create> = async (c) => {
  const type = c.req.header('content-type') ?? '';
  if (/^application\/json\b/i.test(type)) {
    const { text, report } = c.req.valid('json') as ImportJson;
    if (text === undefined) throw validationError([{ path: 'text', message: '请提供报告全文（text）' }]);
    return c.json(importText(text, report), 200);
  }
  const { file, report } = c.req.valid('form') as ImportForm;
  if (!(file instanceof File)) throw validationError([{ path: 'file', message: '请上传文件（file）：.docx、.txt 或 .md' }]);
  if (file.size > IMPORT_UPLOAD_LIMIT) throw new ApiError(413, 'payload_too_large', '文件超过 5 MiB 上限');
  return c.json(await importFile(file.name, new Uint8Array(await file.arrayBuffer()), report), 200);
};
