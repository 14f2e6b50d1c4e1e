/** Messages said the same way everywhere (API, CLI, dialogue). Imports nothing. */

/**
 * An unknown report type, with the types on offer.
 * @example unknownReportType('x', ['annual-summary', 'work-plan']) // '未知的报告类型“x”，可选：annual-summary、work-plan'
 */
export const unknownReportType = (typeId: string, known: Iterable<string>) => `未知的报告类型“${typeId}”，可选：${[...known].join('、')}`;
