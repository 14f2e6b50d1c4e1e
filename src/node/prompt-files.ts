/** Node only: reads prompts/ from disk into the path → text map the report-type loader takes. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROMPTS_DIR = fileURLToPath(new URL('../../prompts/', import.meta.url));

export function readPromptFiles(dir: string = PROMPTS_DIR): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      // README.md files are for people; the report types never read them, so they stay out of the Worker bundle.
      else if (/\.(md|json|txt)$/.test(entry.name) && entry.name !== 'README.md') files[relative(dir, path).split(sep).join('/')] = readFileSync(path, 'utf8');
    }
  };
  walk(dir);
  return files;
}
