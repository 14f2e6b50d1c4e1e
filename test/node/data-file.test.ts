import { describe, expect, it } from 'vitest';
import { stringifyDb } from '../../src/node/data-file.js';
import type { DbShape } from '../../src/store/store.js';

describe('stringifyDb', () => {
  it('writes what JSON.stringify would, compactly', () => {
    const db = { drafts: {}, sessions: { a: { id: 'a', createdAt: '1', updatedAt: '2', text: '引号"和\\反斜杠' } } } as unknown as DbShape;
    expect(JSON.parse(stringifyDb(db))).toEqual(db);
    expect(stringifyDb(db)).toBe(JSON.stringify(db));
  });

  it('writes a record saved again (a new object) with its new content', () => {
    const db = { drafts: {}, sessions: { a: { id: 'a', createdAt: '1', updatedAt: '1' } } } as unknown as DbShape;
    stringifyDb(db);
    db.sessions.a = { id: 'a', createdAt: '1', updatedAt: '2' };
    expect(JSON.parse(stringifyDb(db)).sessions.a.updatedAt).toBe('2');
  });

  it('drops a removed record', () => {
    const db = { drafts: {}, sessions: { a: { id: 'a', createdAt: '1', updatedAt: '1' }, b: { id: 'b', createdAt: '1', updatedAt: '1' } } } as unknown as DbShape;
    stringifyDb(db);
    delete db.sessions.a;
    expect(Object.keys(JSON.parse(stringifyDb(db)).sessions)).toEqual(['b']);
  });
});
