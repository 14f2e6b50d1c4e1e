/**
 * Generates what the runtimes import but can't read from disk (Workers has no file system): runs every
 * scripts/build-*.ts in name order. Hooked into prestart, pretest and wrangler's build command, so nobody
 * has to remember it.
 */
import { readdirSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const dir = new URL('./', import.meta.url);
const steps = readdirSync(dir)
  .filter((name) => /^build-.+\.ts$/.test(name))
  .sort();
for (const step of steps) {
  const module = await import(pathToFileURL(new URL(step, dir).pathname).href);
  if (typeof module.build === 'function') await module.build();
}
