/** Applies proofreading suggestions to the text they were found in; no imports, so the widget bundles it alone. */

/**
 * The text with the given issues' suggestions applied (issues without one are skipped, as are any overlapping an
 * earlier one); offsets are those of `text`.
 * @example applySuggestions('共56所,', [{ start: 5, end: 6, suggestion: '，' }]) // '共56所，'
 */
export function applySuggestions(text: string, issues: ReadonlyArray<{ start: number; end: number; suggestion?: string }>): string {
  const chosen = issues.filter((i) => i.suggestion !== undefined).sort((a, b) => a.start - b.start);
  return replaceSpans(text, chosen);
}

/** Only the certain suggestions: a model's wording suggestion waits for the user to choose it. */
export const certainIssues = <T extends { suggestion?: string; source?: string }>(issues: readonly T[]) =>
  issues.filter((i) => i.suggestion !== undefined && i.source !== 'model');

function replaceSpans(text: string, chosen: ReadonlyArray<{ start: number; end: number; suggestion?: string }>): string {
  let out = '';
  let at = 0;
  for (const issue of chosen) {
    if (issue.start < at || issue.end > text.length) continue;
    out += text.slice(at, issue.start) + issue.suggestion;
    at = issue.end;
  }
  return out + text.slice(at);
}
