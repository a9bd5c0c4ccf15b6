// An exclusive lock on a data directory: a file holding the owner's pid, created atomically.
// A lock left by a process that no longer runs (a crash, a kill -9) is taken over.
import { open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';

export class DataDirInUseError extends Error {
  constructor(dataDir: string, pid: number) {
    super(`The data directory ${dataDir} is in use by another Tessera process (pid ${pid}).`);
    this.name = 'DataDirInUseError';
  }
}

// Lock files this process holds. In a container every start may get the same pid (often 1), so a
// lock naming our own pid that we did not take here is a leftover from an earlier run.
const heldHere = new Set<string>();

export class DataDirLock {
  private constructor(private readonly path: string) {}

  static async acquire(dataDir: string): Promise<DataDirLock> {
    const path = join(dataDir, 'tessera.lock');
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const file = await open(path, 'wx', 0o600);
        await file.writeFile(String(process.pid));
        await file.close();
        heldHere.add(path);
        return new DataDirLock(path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const owner = Number((await readFile(path, 'utf8').catch(() => '')).trim());
        const leftover = owner === process.pid && !heldHere.has(path);
        if (Number.isInteger(owner) && owner > 0 && !leftover && isRunning(owner)) {
          throw new DataDirInUseError(dataDir, owner);
        }
        await rm(path, { force: true });
      }
    }
    throw new Error(`Could not lock the data directory ${dataDir}.`);
  }

  async release(): Promise<void> {
    heldHere.delete(this.path);
    await rm(this.path, { force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
