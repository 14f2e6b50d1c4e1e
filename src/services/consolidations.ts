/** 汇总 as a request does it (POST /api/consolidations): several units' reports, pasted texts or uploaded files, → one fact sheet for the compiling unit, with sums offered. */
import { ConsolidationInputError, checkBounds, checkText, consolidateFiles } from '../consolidate/consolidate-files.js';
import { consolidateReports, type ConsolidateOptions, type ConsolidationResult } from '../consolidate/consolidate.js';
import { unknownReportType } from '../contract/messages.js';
import { phrasesOf } from '../domain/report-types.js';
import type { Deps } from './deps.js';
import { AppError, validationError } from './errors.js';

/** The reports to consolidate: pasted texts, or the upload's `files` fields as the form gave them (checked here to be files). */
export type ConsolidationReports = { texts: Array<{ name: string; text: string }> } | { files: unknown[] };

/** What the caller chose besides the reports; an empty org or period counts as not given. */
export interface ConsolidationChoices {
  type?: string;
  org?: string;
  period?: string;
  /** Areas (consolidation.areas[].key) to keep apart by school. */
  split?: string[];
  /** Groups of areas to merge, each into its first. */
  merge?: string[][];
}

/** The bound or file problem as the error for it: 413 too large, 415 a type not read, 400 a wrong count or an unreadable file. */
function inputError(error: ConsolidationInputError): AppError {
  const status = error.kind === 'size' ? 413 : error.kind === 'unsupported' ? 415 : 400;
  const code = { count: 'invalid_request', size: 'payload_too_large', unsupported: 'unsupported_media_type', unreadable: 'unreadable_file' }[error.kind];
  return new AppError(status, code, error.message);
}

/**
 * Consolidates the reports: the type checked first (400 naming the known ones), then the count and sizes before
 * anything is read, then each text or file. Every problem of the input is an AppError (400, 413 or 415).
 * @example await consolidate(deps, { texts: [{ name: '一小', text }, { name: '二小', text: t2 }] }, { org: '某县教育局' })
 */
export async function consolidate(deps: Deps, reports: ConsolidationReports, choices: ConsolidationChoices): Promise<ConsolidationResult> {
  const { reportTypes } = deps;
  if (choices.type !== undefined && !reportTypes.has(choices.type)) {
    throw validationError([{ path: 'type', message: unknownReportType(choices.type, reportTypes.keys()) }]);
  }
  const options: ConsolidateOptions = {
    phrases: phrasesOf(reportTypes),
    type: choices.type,
    org: choices.org || undefined,
    period: choices.period || undefined,
    split: choices.split,
    merge: choices.merge,
  };
  try {
    if ('texts' in reports) {
      const texts = reports.texts;
      checkBounds(texts.map((r) => ({ name: r.name, size: new TextEncoder().encode(r.text).byteLength })));
      texts.forEach(checkText);
      return consolidateReports(texts, options);
    }
    const files = reports.files;
    if (!files.length || files.some((f) => !(f instanceof File))) {
      throw validationError([{ path: 'files', message: '请上传各单位的报告文件（字段名 files，可重复）：.docx、.txt 或 .md' }]);
    }
    const uploads = files as File[];
    checkBounds(uploads.map((f) => ({ name: f.name, size: f.size })));
    const named = await Promise.all(uploads.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
    return await consolidateFiles(named, options);
  } catch (error) {
    if (error instanceof ConsolidationInputError) throw inputError(error);
    throw error;
  }
}
