/**
 * Node only: one server per data file, also across PID namespaces and containers sharing a volume. The lock is a
 * lease file `<real data file>.lock` whose content (a random token and a heartbeat time) its owner rewrites every
 * second: a second server refuses while the heartbeat moves, whoever the PID belongs to, and only the owner's
 * token lets a server remove it.
 */
import { randomBytes } from 'node:crypto';
import { linkSync, readFileSync, readlinkSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { DataFileError } from './data-file.js';

interface LeaseContent {
  token: string;
  pid: number;
  /** The PID namespace (`/proc/self/ns/pid`) and host: a PID means something only within both. */
  pidns: string;
  host: string;
  beat: number;
}

export interface LockOptions {
  /** How often the owner rewrites its heartbeat. */
  heartbeatMs?: number;
  /** A heartbeat older than this is a dead owner's. */
  staleMs?: number;
  /** The lease was taken over by someone else while held (a clock jump, a storage hiccup): stop writing. */
  onLost?: (message: string) => void;
}

const pidNamespace = (): string => {
  try {
    return readlinkSync('/proc/self/ns/pid');
  } catch {
    return 'unknown';
  }
};

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  // A killed server not yet reaped by its parent still answers signal 0: on Linux, a zombie ('Z') holds nothing.
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

function readLease(file: string): LeaseContent | null | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const lease = JSON.parse(text) as LeaseContent;
    return typeof lease.token === 'string' && typeof lease.beat === 'number' ? lease : null;
  } catch {
    return null; // an old lock (a bare PID) or a torn write: judged by its age below
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Takes the lease on `dataFile` (already resolved through symlinks) or refuses with a message naming the holder.
 * A lease whose owner is a dead process of this namespace is taken at once; any other one is watched for up to
 * `staleMs`: a heartbeat that moves is a live server elsewhere. Answers the release function.
 * @example const release = await lockDataFile(resolveDataFile(config.DATA_FILE))
 */
export async function lockDataFile(dataFile: string, options: LockOptions = {}): Promise<() => void> {
  const heartbeatMs = options.heartbeatMs ?? 1_000;
  const staleMs = options.staleMs ?? 6_000;
  const lockFile = `${dataFile}.lock`;
  const mine: LeaseContent = { token: randomBytes(16).toString('hex'), pid: process.pid, pidns: pidNamespace(), host: hostname(), beat: Date.now() };
  const write = (target: string) => {
    mine.beat = Date.now();
    writeFileSync(target, JSON.stringify(mine));
  };

  for (let attempt = 0; attempt < 3; attempt++) {
    // Created whole under a temporary name and linked into place: link fails if a lock is there, atomically.
    const temp = `${lockFile}.${mine.token}`;
    write(temp);
    try {
      linkSync(temp, lockFile);
      unlinkSync(temp);
      break;
    } catch (error) {
      unlinkSync(temp);
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    await waitUntilStale(lockFile, dataFile, staleMs);
    try {
      unlinkSync(lockFile);
    } catch {
      /* removed meanwhile by its owner */
    }
    if (attempt === 2) throw new DataFileError(`无法锁定数据文件 ${dataFile}：锁文件 ${lockFile} 反复被占用。`);
  }
  // Someone who judged the old lease stale at the same moment may have replaced ours: check once before serving.
  await sleep(Math.min(200, heartbeatMs));
  if (readLease(lockFile)?.token !== mine.token) throw busy(dataFile, readLease(lockFile));

  let released = false;
  const timer = setInterval(() => {
    try {
      const lease = readLease(lockFile);
      if (lease?.token !== mine.token) {
        clearInterval(timer);
        options.onLost?.(`数据文件 ${dataFile} 的锁已被另一个服务进程接管，本进程停止写入。`);
        return;
      }
    } catch {
      return; // unreadable for a moment: the next beat looks again
    }
    const temp = `${lockFile}.${mine.token}`;
    try {
      write(temp);
      renameSync(temp, lockFile);
    } catch {
      // A full disk has no page for a new file: rewrite the lock in place (its page is already there).
      try {
        unlinkSync(temp);
      } catch {
        /* never created */
      }
      try {
        write(lockFile);
      } catch {
        /* the next beat tries again; the lease stays ours until it is stale */
      }
    }
  }, heartbeatMs);
  timer.unref();
  return () => {
    if (released) return;
    released = true;
    clearInterval(timer);
    // Only our own lease: a lock another server holds (ours went stale, it took over) is not ours to remove.
    if (readLease(lockFile)?.token === mine.token) {
      try {
        unlinkSync(lockFile);
      } catch {
        /* already gone */
      }
    }
  };
}

function busy(dataFile: string, lease: LeaseContent | null | undefined): DataFileError {
  const who = lease ? `PID ${lease.pid}，主机 ${lease.host}` : '另一个进程';
  return new DataFileError(
    `数据文件 ${dataFile} 正被另一个服务进程（${who}）使用。同一个数据文件只能由一个服务写入：请先停止那个进程（也可能在另一个容器里），或用 DATA_FILE 指定另一个文件。`,
  );
}

/** Returns once the lease in `lockFile` is a dead owner's; throws when its heartbeat moves (a live server). */
async function waitUntilStale(lockFile: string, dataFile: string, staleMs: number): Promise<void> {
  const first = readLease(lockFile);
  if (first === undefined) return;
  if (first === null) {
    // A lock of the earlier kind holds a bare PID: judged by that process, as before.
    const pid = Number.parseInt(readFileSync(lockFile, 'utf8'), 10);
    if (Number.isInteger(pid) && pid !== process.pid && processAlive(pid)) throw busy(dataFile, null);
    if (Number.isInteger(pid)) return;
  }
  // Same host, so the same clock: a heartbeat long past is a dead owner's, wherever it ran.
  if (first && first.host === hostname() && Date.now() - first.beat > staleMs) return;
  if (first && first.pidns === pidNamespace() && first.host === hostname() && first.pid !== process.pid && !processAlive(first.pid)) return;
  if (first && first.pid === process.pid && first.pidns === pidNamespace() && first.host === hostname()) return; // our own leftover
  const started = Date.now();
  while (Date.now() - started < staleMs) {
    await sleep(Math.min(250, staleMs / 4));
    const now = readLease(lockFile);
    if (now === undefined) return;
    if (JSON.stringify(now) !== JSON.stringify(first)) throw busy(dataFile, now);
  }
}
