/** Remembers the session (and its draft) in localStorage, so a reload continues where the user was. */

export interface Remembered {
  session?: string;
  draft?: string;
}

/**
 * One slot per endpoint and report type; storage that is disabled or full only costs the memory, never the page.
 * @example const memory = sessionMemory('https://host', 'annual-summary'); memory.save({ session: id })
 */
export function sessionMemory(endpoint: string, type: string) {
  const key = `report-drafter:${endpoint}:${type}`;
  return {
    load(): Remembered {
      try {
        const value = JSON.parse(localStorage.getItem(key) ?? '{}');
        return value && typeof value === 'object' ? value : {};
      } catch {
        return {};
      }
    },
    save(value: Remembered): void {
      try {
        localStorage.setItem(key, JSON.stringify(value));
      } catch {
        /* private mode or full: the session just won't survive a reload */
      }
    },
    clear(): void {
      try {
        localStorage.removeItem(key);
      } catch {
        /* as above */
      }
    },
  };
}
