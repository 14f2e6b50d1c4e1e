/** The proofread command's work, apart from the file system: a named file's bytes → `{ issues, text? }`, the fixed text, or the lines saying why not. */
import { DocxError, docxText } from '../import/docx-text.js';
import { ImportFileError, decodeText } from '../import/file-text.js';
import { certainIssues } from './apply-suggestions.js';
import { applySuggestions, proofread, type ProofIssue } from './proofread.js';

export type ProofreadCommandResult =
  | { ok: true; body: { issues: ProofIssue[]; text?: string }; fixed: string }
  | { ok: false; lines: string[] };

const EXTENSIONS = ['.txt', '.md', '.docx'];

/**
 * @example await proofreadFileCommand('总结.docx', bytes) // { ok: true, body: { issues, text }, fixed }
 */
export async function proofreadFileCommand(name: string, bytes: Uint8Array): Promise<ProofreadCommandResult> {
  const ext = /\.[^./\\]+$/.exec(name.toLowerCase())?.[0] ?? '';
  if (!EXTENSIONS.includes(ext)) return { ok: false, lines: [`${name}: 不支持的文件类型“${ext || '无扩展名'}”，请用 .txt、.md 或 .docx`] };
  let text: string;
  try {
    text = ext === '.docx' ? await docxText(bytes) : decodeText(bytes);
  } catch (error) {
    if (error instanceof DocxError || error instanceof ImportFileError) return { ok: false, lines: [`${name}: ${error.message}`] };
    return { ok: false, lines: [`${name}: 无法读取这个文件`] };
  }
  // A BOM is not text a person wrote: offsets count from the first character they see.
  const issues = proofread(text, { markdown: ext === '.md' });
  return { ok: true, body: ext === '.docx' ? { issues, text } : { issues }, fixed: applySuggestions(text, certainIssues(issues)) };
}
