/** JSON Schema of a report type's fact sheet, published for other tools (GET …/schema, `npm run schema`). */
import { z } from 'zod';
import { factSheetSchema } from './fact-sheet.js';
import type { ReportType } from './report-types.js';

/**
 * @example factSheetJsonSchema(types.get('work-plan')) // { $schema, title, properties: { type: { const: 'work-plan' }, … } }
 */
export function factSheetJsonSchema(type: ReportType): Record<string, unknown> {
  const schema = z.toJSONSchema(factSheetSchema, { io: 'input', target: 'draft-2020-12' }) as Record<string, any>;
  schema.title = `${type.name}事实表（v1）`;
  schema.description = `“${type.name}”的事实表：起草所需的全部事实。所有数字须原样出现在稿件中。`;
  schema.properties.type = { const: type.id, description: '报告类型' };
  return schema;
}
