/** Applies proofreading suggestions to the text they were found in; no imports, so the widget bundles it alone. */

/**
 * The text with the given issues' suggestions applied (issues without one are skipped, as are any overlapping an
 * earlier one); offsets are those of `text`.
 * @example applySuggestions('共56所,', [{ start: 5, end: 6, suggestion: '，' }]) // '共56所，'
 */
export function applySuggestions(text: string, issues: ReadonlyArray<{ start: number; end: number; suggestion?: string }>): string {
  const chosen = issues.filter((i) => i.suggestion !== undefined).sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const issue of chosen) {
    if (issue.start < at || issue.end > text.length) continue;
    out += text.slice(at, issue.start) + issue.suggestion;
    at = issue.end;
  }
  return out + text.slice(at);
}
