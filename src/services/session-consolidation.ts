/** POST /api/sessions with `{ consolidation }`: the merged fact sheet of a 汇总 → an interview that reviews each merged area, with the offered sums listed. */
import type { z } from 'zod';
import { derivedSentence } from '../compose/derived-sentences.js';
import { importedFacts } from '../dialogue/import-review.js';
import { startImportInterview } from '../dialogue/interview.js';
import { checkDerivedList } from '../domain/derived-figures.js';
import { factSheetSchema, factStrings, formatPath, type FactSheet } from '../domain/fact-sheet.js';
import { findFigures } from '../domain/figures.js';
import type { ReportType } from '../domain/report-types.js';
import { validationError } from './errors.js';
import { unknownReportType } from '../contract/messages.js';

/** A consolidation's facts may still lack the unit and the period: the interview asks for them. */
const consolidatedSheet = factSheetSchema.partial({ org: true, period: true });

/** The offered sums as the first reply lists them: the sentence, how it was computed, from whom, and the choice. */
function sumNotes(sheet: z.infer<typeof consolidatedSheet>): string[] {
  const given = [...new Set(factStrings(sheet as FactSheet).flatMap(findFigures))];
  return checkDerivedList(sheet.derived, given).map(
    (d, i) =>
      `合计${i + 1}：${derivedSentence(d)}（${d.formula}${d.sources?.length ? `，来自${d.sources.join('、')}` : ''}）${!d.ok ? `——算不对，不会写入稿件：${d.reason}` : d.accepted ? '——已采用' : '——未采用'}`,
  );
}

/**
 * Starts the review interview of a consolidated fact sheet. Throws a 400 naming the field for a sheet that is not one.
 */
export function startFromConsolidation(reportTypes: Map<string, ReportType>, input: { sheet: unknown; typeId?: string }): ReturnType<typeof startImportInterview> {
  const parsed = consolidatedSheet.safeParse(input.sheet);
  if (!parsed.success) {
    throw validationError(parsed.error.issues.map((i) => ({ path: `consolidation.${formatPath(i.path)}`.replace(/\.\(根\)$/, ''), message: i.message })));
  }
  const typeId = input.typeId ?? parsed.data.type;
  const type = reportTypes.get(typeId);
  if (!type) throw validationError([{ path: 'type', message: unknownReportType(typeId, reportTypes.keys()) }]);
  const sums = sumNotes(parsed.data);
  const notes = [
    `这是 ${parsed.data.sections.length} 个合并后的工作领域，每条事实以学校名称开头。`,
    ...(sums.length ? [...sums, '采用哪些合计，可在起草前改选（PUT /api/sessions/:id/derived）；只有采用且算得对的合计才写入稿件。'] : []),
  ];
  return startImportInterview(type, importedFacts(parsed.data, type.id), notes);
}
