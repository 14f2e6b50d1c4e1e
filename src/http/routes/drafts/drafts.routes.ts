/**
 * The drafts' contracts (/api/drafts/…): draft from a fact sheet (JSON or SSE), read, save an edit, download,
 * rewrite one part, proofread a stored version — and the schemas only they use.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { EXPORT_FORMATS } from '../../../services/draft-exports.js';
import {
  BODY_ERRORS,
  STORAGE_ERRORS,
  draftAnswers,
  draftViewSchema,
  errorResponses,
  factSheetDocSchema,
  idParam,
  issuesSchema,
  modelQuery,
  securityOf,
} from '../../openapi/parts.js';

/** `?version=N`: an older version (they count from 1); the latest without it. */
const versionQuery = z.coerce.number().int().min(1).optional().openapi({ description: '版本号（从 1 起），默认最新版本' });

export const create = createRoute({
  method: 'post',
  path: '/api/drafts',
  operationId: 'createDraft',
  summary: '根据事实表起草',
  description:
    '请求体为事实表（见 GET /api/report-types/{type}/schema）。默认返回 201 JSON；请求头 Accept: text/event-stream 时返回 200，以服务器推送事件逐段返回：outline、section-start、text、section-end、warning，最后 done（整份稿件）。',
  security: securityOf('tool'),
  request: {
    body: {
      required: true,
      content: { 'application/json': { schema: factSheetDocSchema, example: { type: 'work-plan', org: '某区教育局', period: '2026年', sections: [{ topic: '教师队伍建设', facts: ['组织骨干教师送教下乡12场次'] }] } } },
    },
  },
  responses: { ...draftAnswers, ...errorResponses('tool', { 400: '请求内容有误', ...BODY_ERRORS, ...STORAGE_ERRORS }) },
});

export const getOne = createRoute({
  method: 'get',
  path: '/api/drafts/{id}',
  operationId: 'getDraft',
  summary: '读取稿件（默认最新版本）',
  security: securityOf('draft'),
  request: { params: idParam('稿件'), query: z.object({ version: versionQuery }) },
  responses: { 200: { description: '稿件', content: { 'application/json': { schema: draftViewSchema } } }, ...errorResponses('draft', { 400: '参数有误', 404: '稿件不存在' }) },
});

export const save = createRoute({
  method: 'put',
  path: '/api/drafts/{id}',
  operationId: 'saveDraft',
  summary: '保存修改后的稿件（生成新版本，保留最近 50 个版本）',
  security: securityOf('draft'),
  request: {
    params: idParam('稿件'),
    body: {
      required: true,
      content: { 'application/json': { schema: z.object({ markdown: z.string().trim().min(1, { error: '稿件内容（markdown）不能为空' }).max(200_000) }) } },
    },
  },
  responses: { 200: { description: '新版本', content: { 'application/json': { schema: draftViewSchema } } }, ...errorResponses('draft', { 400: '请求内容有误', 404: '稿件不存在', ...BODY_ERRORS, ...STORAGE_ERRORS }) },
});


export const download = createRoute({
  method: 'get',
  path: '/api/drafts/{id}/export',
  operationId: 'exportDraft',
  summary: '下载稿件',
  security: securityOf('draft'),
  request: {
    params: idParam('稿件'),
    query: z.object({
      format: z.enum(EXPORT_FORMATS, { error: '格式（format）应为 md、txt、html 或 docx' }).default('md'),
      version: versionQuery,
    }),
  },
  responses: {
    200: {
      description: '文件',
      content: {
        'text/markdown': { schema: z.string() },
        'text/plain': { schema: z.string() },
        'text/html': { schema: z.string() },
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { schema: z.string().openapi({ format: 'binary' }) },
      },
      headers: { 'Content-Disposition': { description: '附件及文件名（UTF-8）', schema: { type: 'string' } } },
    },
    ...errorResponses('draft', { 400: '参数有误', 404: '稿件不存在' }),
  },
});

/** POST /api/drafts/:id/sections/:n/rewrite: a new version in which only part n is rewritten (更简洁、更详细、更正式 or free text). */
export const rewrite = createRoute({
  method: 'post',
  path: '/api/drafts/{id}/sections/{n}/rewrite',
  operationId: 'rewriteSection',
  security: securityOf('draft'),
  summary: '改写稿件的某一部分（生成新版本，其余部分不变）',
  description:
    'n 为提纲中的第几部分（从 1 起，按正文顺序，含（一）（二）等小部分）。instruction 可为“更简洁”“更详细”“更正式”或自由描述；未配置模型时只支持“更简洁”“更详细”，且不会增加事实之外的数字。',
  request: {
    params: idParam('稿件').extend({
      n: z.coerce.number({ error: '部分序号（n）应为整数' }).int({ error: '部分序号（n）应为整数' }).min(1, { error: '部分序号（n）从 1 开始' }).openapi({ param: { name: 'n', in: 'path' }, example: 2 }),
    }),
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({
            instruction: z
              .string({ error: '改写要求（instruction）应为文字' })
              .trim()
              .min(1, { error: '改写要求（instruction）不能为空' })
              .max(200, { error: '改写要求（instruction）不超过 200 字' })
              .openapi({ example: '更简洁' }),
          }),
        },
      },
    },
  },
  responses: {
    200: { description: '新版本', content: { 'application/json': { schema: draftViewSchema } } },
    ...errorResponses('draft', {
      400: '请求内容有误，或离线起草不支持这种改写',
      404: '稿件或部分不存在',
      409: '稿件结构已改动，或这一部分无法按要求改写',
      ...BODY_ERRORS,
      502: '模型暂时无法完成改写',
    }),
  },
});

/** 校对 of a stored draft (?version=N) → `{ issues, version }`; any text: POST /api/proofread (src/http/routes/proofread/). */
export const proofread = createRoute({
  method: 'post',
  path: '/api/drafts/{id}/proofread',
  operationId: 'proofreadDraft',
  security: securityOf('draft'),
  summary: '校对一份已保存的稿件（默认最新版本）',
  description: '检查稿件的 Markdown 原文（位置指向它），另外核对数字：事实表中没有的数字逐一列出（kind 为 figure）。',
  request: {
    params: idParam('稿件'),
    query: z.object({ model: modelQuery, version: z.coerce.number({ error: '版本（version）应为正整数' }).int({ error: '版本（version）应为正整数' }).min(1, { error: '版本（version）应为正整数' }).optional() }),
  },
  responses: {
    200: {
      description: '发现的问题；version 为所校对的版本',
      content: { 'application/json': { schema: issuesSchema.extend({ version: z.number().int() }) } },
    },
    ...errorResponses('draft', { 400: '请求内容有误', 404: '稿件或版本不存在' }),
  },
});
