/** The data file's place on disk: resolved through symlinks, so the rewrite keeps the link and the lock is shared. */
import { lstatSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataFileError, resolveDataFile } from '../../src/node/data-file.js';
import { JournaledDataFile } from '../../src/node/journaled-data-file.js';
import { createLowStore } from '../../src/store/store.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'data-file-'));
  dirs.push(dir);
  return dir;
};

describe('resolveDataFile', () => {
  it('follows a symlink to the real file: a rewrite replaces the target and leaves the link a link', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'volume'));
    const target = join(dir, 'volume', 'db.json');
    const link = join(dir, 'db.json');
    const first = await createLowStore(new JournaledDataFile(resolveDataFile(target)));
    await first.saveSession({ id: 's1', createdAt: '1', updatedAt: '1' });
    symlinkSync(target, link);
    expect(resolveDataFile(link)).toBe(target);
    const adapter = new JournaledDataFile(resolveDataFile(link));
    const store = await createLowStore(adapter);
    await store.saveSession({ id: 's2', createdAt: '1', updatedAt: '1' });
    await adapter.close();
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(target);
    expect(Object.keys(JSON.parse(readFileSync(target, 'utf8')).sessions)).toEqual(['s1', 's2']);
  });

  it('resolves a file not yet created through its folder, and refuses a link to nowhere', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'real'));
    symlinkSync(join(dir, 'real'), join(dir, 'alias'));
    expect(resolveDataFile(join(dir, 'alias', 'db.json'))).toBe(join(dir, 'real', 'db.json'));
    symlinkSync(join(dir, 'missing.json'), join(dir, 'dangling.json'));
    expect(() => resolveDataFile(join(dir, 'dangling.json'))).toThrow(DataFileError);
  });
});
