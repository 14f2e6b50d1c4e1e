/** The widget's contracts: GET /widget.js (the embeddable widget, built by scripts/build-widget.ts) and GET / (a demo page that embeds it). */
import { createRoute, z } from '@hono/zod-openapi';
import { errorBodySchema } from '../../errors.js';

export const page = createRoute({
  method: 'get',
  path: '/',
  operationId: 'demoPage',
  security: [],
  summary: '演示页：嵌入了起草助手小部件',
  request: { query: z.object({ type: z.string().max(64).optional().openapi({ example: 'annual-summary' }) }) },
  responses: {
    200: { description: '演示页（HTML）', content: { 'text/html': { schema: z.string() } } },
    400: { description: '参数有误', content: { 'application/json': { schema: errorBodySchema } } },
  },
});

export const script = createRoute({
  method: 'get',
  path: '/widget.js',
  operationId: 'widgetScript',
  security: [],
  summary: '可嵌入网页的起草助手小部件（一个脚本）',
  description:
    '在网页中用 script 元素加载本脚本：属性 data-endpoint 为起草服务地址，data-type 为报告类型编号，data-mode 为 bubble（浮动按钮）或 inline（配合 data-target 嵌入指定元素）；也可写自定义元素 report-drafter。',
  responses: {
    200: { description: '脚本', content: { 'text/javascript': { schema: z.string() } } },
    304: { description: '未修改（ETag 相同）' },
    404: { description: '此部署由静态资源提供脚本', content: { 'application/json': { schema: errorBodySchema } } },
  },
});
