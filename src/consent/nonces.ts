import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Spends each confirmation nonce once, across every process sharing the state. */
export interface NonceStore {
  /** True the first time a nonce is spent, false on every replay. */
  spend(nonce: string, exp: number): Promise<boolean>;
}

/** Only these reach a store: a nonce is a key or a file name. */
export const NONCE = /^[A-Za-z0-9_-]{16,64}$/;

/**
 * The nonces of confirmation states already spent, one empty file each, named `<exp>.<nonce>`.
 * Creating it with O_EXCL is the lock: of two retries of the same state, in this process or
 * another sharing the state dir, exactly one wins. A state past its expiry is refused before
 * its nonce is looked at, so expired entries are deleted: the record stays bounded by what
 * can be confirmed in one state lifetime.
 */
export class UsedNonces implements NonceStore {
  private readonly dir: string;

  constructor(
    stateDir: string,
    private readonly now: () => number = Date.now,
  ) {
    this.dir = path.join(stateDir, 'confirmations-used');
  }

  /** True the first time a nonce is spent, false on every replay. */
  async spend(nonce: string, exp: number): Promise<boolean> {
    if (!NONCE.test(nonce)) return false;
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    await this.prune();
    try {
      await writeFile(path.join(this.dir, `${exp}.${nonce}`), '', { flag: 'wx', mode: 0o600 });
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw err;
    }
  }

  private async prune(): Promise<void> {
    const now = this.now();
    const names = await readdir(this.dir).catch(() => [] as string[]);
    await Promise.all(names.filter((n) => Number(n.split('.')[0]) < now).map((n) => rm(path.join(this.dir, n), { force: true })));
  }
}
