/**
 * Where platform credentials (OAuth tokens, API keys, user info) live between
 * runs. Several creator-mcp processes may share one state directory (one per
 * MCP client), and OAuth providers rotate refresh tokens, so every write is a
 * locked read-modify-write and every file replacement is atomic.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { decodeRawKey, encodeKey, generateKey, keyFromSecret, seal, unseal, type UnsealResult } from './crypto-box.js';
import { KeyedSerialQueue, LockError, withFileLock } from './file-lock.js';
import { DEFAULT_ACCOUNT } from '../accounts/env.js';

export interface TokenRecord {
  /** 'fanvue' | 'fanbook' | 'fresns' | 'afdian'; kept a string so the store needs no change for a new platform. */
  platform: string;
  /** 'default' unless a platform keeps several logins. */
  account: string;
  /** Tokens, user info… Secrets live here, which is why the file is encrypted. Must be JSON-serialisable. */
  data: Record<string, unknown>;
  /** Epoch ms when the access token expires, so callers can refresh before a request fails. */
  expiresAt?: number;
  /** Epoch ms, set by the store on every write (callers cannot be trusted to keep it honest). */
  updatedAt: number;
}

export type TokenRecordInput = Omit<TokenRecord, 'updatedAt'>;

/** null deletes the record, undefined leaves it as it is. */
export type TokenUpdateFn = (
  current: TokenRecord | undefined,
) => Promise<TokenRecordInput | null | undefined> | TokenRecordInput | null | undefined;

export interface TokenStore {
  /** `account` defaults to 'default'. */
  get(platform: string, account?: string): Promise<TokenRecord | undefined>;
  list(): Promise<TokenRecord[]>;
  put(record: TokenRecordInput): Promise<TokenRecord>;
  /**
   * Read-modify-write under the cross-process lock: re-reads the current record inside the lock, calls fn, writes its
   * result (null = delete, undefined = leave unchanged). Returns the record as stored afterwards. This is what an
   * OAuth refresh uses so two processes never spend one rotating refresh token twice. fn must not write to the same
   * store itself (that would wait for its own lock; it is rejected with a REENTRANT error).
   */
  update(platform: string, account: string, fn: TokenUpdateFn): Promise<TokenRecord | undefined>;
  /** Resolves false when there was nothing to delete. */
  delete(platform: string, account?: string): Promise<boolean>;
  /** Where it lives, for `creator-mcp status` (no secrets). */
  describe(): string;
  /**
   * A key for another purpose derived from the store key (by `derive`, e.g. HKDF), so every
   * instance sharing the store key derives the same one; absent for stores without a key.
   */
  deriveKey?(derive: (storeKey: Buffer) => Buffer): Buffer;
}

/** Lets callers (e.g. `creator-mcp status`) tell "wrong key" from "locked" without parsing messages. */
export type TokenStoreErrorCode =
  | 'WRONG_KEY'
  | 'CORRUPT'
  | 'UNSUPPORTED_VERSION'
  | 'KEY_MISSING'
  | 'BAD_KEY'
  | 'INVALID_RECORD'
  | 'LOCK_TIMEOUT'
  | 'LOCK_LOST'
  | 'REENTRANT'
  | 'IO';

/** Messages say what to do next and name files and platforms only: never a key, a token or decrypted content. */
export class TokenStoreError extends Error {
  constructor(
    readonly code: TokenStoreErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'TokenStoreError';
  }
}

const STORE_FILE = 'tokens.json.enc';
const KEY_FILE = 'secret.key';
/** A SIGKILLed holder blocks writers for at most this long. */
const LOCK_STALE_MS = 10_000;
const LOCK_UPDATE_MS = 2_000;
/** Covers a dead holder going stale plus a live holder doing a slow token refresh inside update(). */
const LOCK_TIMEOUT_MS = 30_000;
/** Younger temp files may belong to a write in progress in another process. */
const TEMP_MAX_AGE_MS = 60_000;
const TEMP_FILE = /^(?:tokens\.json\.enc|secret\.key)\.\d+\.[0-9a-f]{12}\.tmp$/;

type RecordMap = Map<string, TokenRecord>;
/** A write operation on the whole set of records; `changed: false` skips rewriting the file. */
type Mutation<T> = (records: RecordMap) => Promise<{ result: T; changed: boolean }>;

/** For tests and the sandbox: same semantics as the file store (JSON round trip, validation, serialised writes). */
export class MemoryTokenStore implements TokenStore {
  private readonly records: RecordMap = new Map();
  private readonly queue = new KeyedSerialQueue();

  async get(platform: string, account: string = DEFAULT_ACCOUNT): Promise<TokenRecord | undefined> {
    return copy(this.records.get(recordKey(platform, account)));
  }

  async list(): Promise<TokenRecord[]> {
    return sortRecords([...this.records.values()]).map((r) => structuredClone(r));
  }

  put(record: TokenRecordInput): Promise<TokenRecord> {
    return this.write(recordKey(record.platform, record.account), putMutation(record));
  }

  update(platform: string, account: string, fn: TokenUpdateFn): Promise<TokenRecord | undefined> {
    return this.write(recordKey(platform, account), updateMutation(platform, account, fn));
  }

  delete(platform: string, account: string = DEFAULT_ACCOUNT): Promise<boolean> {
    return this.write(recordKey(platform, account), deleteMutation(platform, account));
  }

  describe(): string {
    return 'in-memory token store (not persisted)';
  }

  private async write<T>(key: string, mutation: Mutation<T>): Promise<T> {
    try {
      return await this.queue.run(key, async () => (await mutation(this.records)).result);
    } catch (err) {
      throw err instanceof LockError ? lockErrorToStoreError(err, 'the in-memory store') : err;
    }
  }
}

/** Process-wide, so two FileTokenStore instances on the same directory also queue behind each other. */
const fileWriteQueue = new KeyedSerialQueue();

export class FileTokenStore implements TokenStore {
  private readonly storePath: string;
  private readonly keyPath: string;
  private readonly lockPath: string;

  private constructor(
    stateDir: string,
    private readonly key: Buffer,
    /** What describe() and error messages name as the key's origin. */
    private readonly keySource: string,
  ) {
    this.storePath = path.join(stateDir, STORE_FILE);
    this.keyPath = path.join(stateDir, KEY_FILE);
    this.lockPath = `${this.storePath}.lock`;
  }

  /**
   * Establishes the key (throws TokenStoreError if it cannot) but does not read the store, so describe() works even
   * when the data cannot be decrypted. `secretKey` is CREATOR_MCP_SECRET_KEY: 32 bytes as hex/base64/base64url, or any
   * passphrase (scrypt-derived). Without it a random key is kept in `<stateDir>/secret.key`.
   */
  static async open(opts: { stateDir: string; secretKey?: string }): Promise<FileTokenStore> {
    if (opts.secretKey !== undefined && opts.secretKey.trim() === '') {
      throw new TokenStoreError(
        'BAD_KEY',
        'CREATOR_MCP_SECRET_KEY is set but empty. Unset it to use a generated key file, or set it to a secret (e.g. the output of `openssl rand -base64 32`).',
      );
    }
    await io('create the state directory', opts.stateDir, fs.mkdir(opts.stateDir, { recursive: true, mode: 0o700 }));
    // Canonical path: the in-process queue and the lock must be the same for every spelling of the directory.
    const stateDir = await io('resolve', opts.stateDir, fs.realpath(opts.stateDir));
    await removeStaleTempFiles(stateDir);
    if (opts.secretKey !== undefined) {
      return new FileTokenStore(stateDir, await keyFromSecret(opts.secretKey), 'CREATOR_MCP_SECRET_KEY');
    }
    const keyPath = path.join(stateDir, KEY_FILE);
    return new FileTokenStore(stateDir, await loadOrCreateKeyFile(keyPath, path.join(stateDir, STORE_FILE)), keyPath);
  }

  deriveKey(derive: (storeKey: Buffer) => Buffer): Buffer {
    return derive(this.key);
  }

  async get(platform: string, account: string = DEFAULT_ACCOUNT): Promise<TokenRecord | undefined> {
    return (await this.read()).get(recordKey(platform, account));
  }

  async list(): Promise<TokenRecord[]> {
    return sortRecords([...(await this.read()).values()]);
  }

  put(record: TokenRecordInput): Promise<TokenRecord> {
    return this.write(putMutation(record));
  }

  update(platform: string, account: string, fn: TokenUpdateFn): Promise<TokenRecord | undefined> {
    return this.write(updateMutation(platform, account, fn));
  }

  delete(platform: string, account: string = DEFAULT_ACCOUNT): Promise<boolean> {
    return this.write(deleteMutation(platform, account));
  }

  describe(): string {
    return `encrypted file ${this.storePath} (AES-256-GCM, key from ${this.keySource})`;
  }

  /** Readers take no lock: the file is only ever replaced by rename, so they see the old or the new version whole. */
  private async read(): Promise<RecordMap> {
    let text: string;
    try {
      text = await fs.readFile(this.storePath, 'utf8');
    } catch (err) {
      if (errnoCode(err) === 'ENOENT') return new Map();
      throw ioError('read', this.storePath, err);
    }
    const opened = unseal(this.key, text);
    if (!opened.ok) throw this.unsealError(opened);
    const records = parseRecords(opened.plaintext);
    if (!records) {
      throw new TokenStoreError(
        'CORRUPT',
        `The token store ${this.storePath} decrypts, but its content is not a token list. Move the file away to start over.`,
      );
    }
    return new Map(records.map((r) => [recordKey(r.platform, r.account), r]));
  }

  /** Whole-file read-modify-write: in-process queue first, then the cross-process lock, then re-read inside it. */
  private async write<T>(mutation: Mutation<T>): Promise<T> {
    const lockOptions = {
      target: this.storePath,
      lockPath: this.lockPath,
      staleMs: LOCK_STALE_MS,
      updateMs: LOCK_UPDATE_MS,
      timeoutMs: LOCK_TIMEOUT_MS,
    };
    try {
      return await fileWriteQueue.run(this.storePath, () =>
        withFileLock(lockOptions, async (assertHeld) => {
          // Decrypting first means a wrong key or a damaged file throws before anything is written.
          const records = await this.read();
          const { result, changed } = await mutation(records);
          if (changed) {
            const plaintext = JSON.stringify({ records: sortRecords([...records.values()]) });
            await writeFileAtomic(this.storePath, seal(this.key, plaintext), assertHeld);
          }
          return result;
        }),
      );
    } catch (err) {
      throw err instanceof LockError ? lockErrorToStoreError(err, this.lockPath) : err;
    }
  }

  private unsealError(failure: Exclude<UnsealResult, { ok: true }>): TokenStoreError {
    switch (failure.reason) {
      case 'auth-failed':
        return new TokenStoreError(
          'WRONG_KEY',
          `The token store ${this.storePath} cannot be decrypted with the current key (from ${this.keySource}). ` +
            `Set the key it was written with (CREATOR_MCP_SECRET_KEY or ${this.keyPath}), or move the file away to start over.`,
        );
      case 'unsupported-version':
        return new TokenStoreError(
          'UNSUPPORTED_VERSION',
          `The token store ${this.storePath} has format version ${JSON.stringify(failure.version)?.slice(0, 20)}, ` +
            'which this creator-mcp does not understand (probably written by a newer version). Upgrade creator-mcp, or move the file away to start over.',
        );
      case 'malformed':
        return new TokenStoreError(
          'CORRUPT',
          `The token store ${this.storePath} is damaged or is not a creator-mcp token store. Restore it from a backup, or move it away to start over.`,
        );
    }
  }
}

function putMutation(input: TokenRecordInput): Mutation<TokenRecord> {
  return async (records) => {
    const stored = normalise(input, 'put()');
    records.set(recordKey(stored.platform, stored.account), stored);
    return { result: structuredClone(stored), changed: true };
  };
}

function updateMutation(platform: string, account: string, fn: TokenUpdateFn): Mutation<TokenRecord | undefined> {
  return async (records) => {
    const key = recordKey(platform, account);
    const current = records.get(key);
    const next = await fn(copy(current));
    if (next === undefined) return { result: copy(current), changed: false };
    if (next === null) return { result: undefined, changed: records.delete(key) };
    const stored = updatedRecord(platform, account, next);
    records.set(key, stored);
    return { result: structuredClone(stored), changed: true };
  };
}

function deleteMutation(platform: string, account: string): Mutation<boolean> {
  return async (records) => {
    const existed = records.delete(recordKey(platform, account));
    return { result: existed, changed: existed };
  };
}

/**
 * Validates and stamps a record, and passes `data` through JSON so the returned record is exactly what a later get()
 * will see (Dates become strings, undefined fields vanish), in both stores alike.
 */
/**
 * What an update() callback returned, checked and normalised. Writing under another key would
 * escape the per-key serialisation (or lock) the caller relies on, in every store.
 */
export function updatedRecord(platform: string, account: string, next: TokenRecordInput): TokenRecord {
  if (next.platform !== platform || next.account !== account) {
    throw new TokenStoreError(
      'INVALID_RECORD',
      `update(${platform}/${account}) callback returned a record for ${String(next.platform)}/${String(next.account)}; ` +
        'return one with the same platform and account, null to delete, or undefined to keep it.',
    );
  }
  return normalise(next, `update(${platform}/${account})`);
}

export function normalise(input: TokenRecordInput, where: string): TokenRecord {
  const { platform, account, data, expiresAt } = input as Partial<TokenRecordInput>;
  const invalid = (what: string): TokenStoreError => new TokenStoreError('INVALID_RECORD', `${where}: ${what}`);
  if (typeof platform !== 'string' || platform === '') throw invalid('platform must be a non-empty string');
  if (typeof account !== 'string' || account === '') throw invalid('account must be a non-empty string');
  if (!isPlainObject(data)) throw invalid(`data for ${platform}/${account} must be an object`);
  if (expiresAt !== undefined && !Number.isFinite(expiresAt)) throw invalid('expiresAt must be a finite number (epoch ms)');
  let jsonData: Record<string, unknown>;
  try {
    jsonData = JSON.parse(JSON.stringify(data)) as Record<string, unknown>;
  } catch {
    // The serialiser's message is not included: it could quote parts of the data.
    throw invalid(`data for ${platform}/${account} is not JSON-serialisable (a BigInt or a circular reference?)`);
  }
  return { platform, account, data: jsonData, ...(expiresAt !== undefined && { expiresAt }), updatedAt: Date.now() };
}

export function parseRecords(plaintext: string): TokenRecord[] | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(plaintext);
  } catch {
    return undefined;
  }
  if (!isPlainObject(parsed) || !Array.isArray(parsed.records)) return undefined;
  const records: unknown[] = parsed.records;
  return records.every(isStoredRecord) ? records : undefined;
}

export function isStoredRecord(value: unknown): value is TokenRecord {
  return (
    isPlainObject(value) &&
    typeof value.platform === 'string' &&
    typeof value.account === 'string' &&
    isPlainObject(value.data) &&
    Number.isFinite(value.updatedAt) &&
    (value.expiresAt === undefined || Number.isFinite(value.expiresAt))
  );
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** JSON rather than a separator character, so no platform or account name can collide with another pair. */
export function recordKey(platform: string, account: string): string {
  return JSON.stringify([platform, account]);
}

export function sortRecords(records: TokenRecord[]): TokenRecord[] {
  return records.sort((a, b) => a.platform.localeCompare(b.platform) || a.account.localeCompare(b.account));
}

/** Callers get copies, so mutating a returned record never changes what is stored. */
function copy(record: TokenRecord | undefined): TokenRecord | undefined {
  return record && structuredClone(record);
}

function lockErrorToStoreError(err: LockError, lockPath: string): TokenStoreError {
  switch (err.kind) {
    case 'timeout':
      return new TokenStoreError(
        'LOCK_TIMEOUT',
        `Timed out after ${LOCK_TIMEOUT_MS / 1000} s waiting for the token store lock ${lockPath}. ` +
          `Another creator-mcp process is holding it; if none is running, delete ${lockPath} (a directory) and retry.`,
      );
    case 'lost':
      return new TokenStoreError(
        'LOCK_LOST',
        `Lost the token store lock ${lockPath} during a write (this process stalled for over ${LOCK_STALE_MS / 1000} s), ` +
          "so the write was abandoned rather than overwrite another process's changes. Retry.",
      );
    case 'reentrant':
      return new TokenStoreError(
        'REENTRANT',
        'A token store write was started from inside an update() callback on the same store and would wait for itself forever. ' +
          'Return the new record from the callback instead.',
      );
    case 'io':
      return new TokenStoreError('IO', `Could not take the token store lock: ${err.message}. Check that the state directory exists and is writable.`);
  }
}

/**
 * The key file holds base64 text (not raw bytes) so it can be copied into CREATOR_MCP_SECRET_KEY as is. It is created
 * by hard-linking a fully written temp file into place: link() fails if the name exists, so of two processes starting
 * at once exactly one wins, and the loser can never read a half-written key.
 */
async function loadOrCreateKeyFile(keyPath: string, storePath: string): Promise<Buffer> {
  const existing = await readKeyFile(keyPath, storePath);
  if (existing) return existing;
  if (await pathExists(storePath)) {
    // Another process may have created the key and the store between our two checks.
    const raced = await readKeyFile(keyPath, storePath);
    if (raced) return raced;
    // A fresh key would make the existing store permanently unreadable, so refuse rather than create one.
    throw new TokenStoreError(
      'KEY_MISSING',
      `The token store ${storePath} exists but its key file ${keyPath} is missing. Restore the key file, set CREATOR_MCP_SECRET_KEY ` +
        'to the key the store was written with, or move the store away to start over.',
    );
  }
  const tmp = tempPathFor(keyPath);
  try {
    await writeSyncedFile(tmp, `${encodeKey(generateKey())}\n`);
    await fs.link(tmp, keyPath);
    await fsyncDir(path.dirname(keyPath));
  } catch (err) {
    if (errnoCode(err) !== 'EEXIST') throw ioError('create the key file', keyPath, err);
  } finally {
    await fs.rm(tmp, { force: true });
  }
  const key = await readKeyFile(keyPath, storePath);
  if (!key) throw new TokenStoreError('KEY_MISSING', `The key file ${keyPath} disappeared right after it was created. Retry.`);
  return key;
}

async function readKeyFile(keyPath: string, storePath: string): Promise<Buffer | undefined> {
  let text: string;
  try {
    text = await fs.readFile(keyPath, 'utf8');
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') return undefined;
    throw ioError('read', keyPath, err);
  }
  const key = decodeRawKey(text.trim());
  if (!key) {
    throw new TokenStoreError(
      'BAD_KEY',
      `The key file ${keyPath} does not hold a 32-byte key (base64 or hex). Restore it, or move it away together with ${storePath} to start over.`,
    );
  }
  return key;
}

/**
 * Temp file + fsync + rename + directory fsync: a crash at any point leaves the old or the new file, never a mix. The
 * rename is the commit, so `beforeCommit` (the lock check) runs right before it.
 */
async function writeFileAtomic(target: string, data: string, beforeCommit: () => void): Promise<void> {
  const tmp = tempPathFor(target);
  try {
    await writeSyncedFile(tmp, data);
    beforeCommit();
    await fs.rename(tmp, target);
  } catch (err) {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    throw err instanceof LockError ? err : ioError('write', target, err);
  }
  await fsyncDir(path.dirname(target));
}

/** Exclusive create with 0600 from the first byte (chmod too, in case an unusual umask stripped bits we need). */
async function writeSyncedFile(file: string, data: string): Promise<void> {
  const handle = await fs.open(file, 'wx', 0o600);
  try {
    await handle.chmod(0o600);
    await handle.writeFile(data, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Makes the rename itself durable. Best effort: some platforms (Windows) and filesystems cannot fsync a directory, and
 * by now the new file is already in place, so failing the write would be a lie.
 */
async function fsyncDir(dir: string): Promise<void> {
  try {
    const handle = await fs.open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // See above.
  }
}

/** pid + random: unique across processes and across concurrent writes in one process. */
function tempPathFor(target: string): string {
  return `${target}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
}

/** Temp files left by a killed process are harmless (never read) but would pile up; best effort, errors ignored. */
async function removeStaleTempFiles(stateDir: string): Promise<void> {
  try {
    const cutoff = Date.now() - TEMP_MAX_AGE_MS;
    for (const name of await fs.readdir(stateDir)) {
      if (!TEMP_FILE.test(name)) continue;
      const file = path.join(stateDir, name);
      const stat = await fs.stat(file).catch(() => undefined);
      if (stat && stat.mtimeMs < cutoff) await fs.rm(file, { force: true }).catch(() => undefined);
    }
  } catch {
    // See above.
  }
}

async function pathExists(file: string): Promise<boolean> {
  try {
    await fs.lstat(file);
    return true;
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') return false;
    throw ioError('check', file, err);
  }
}

async function io<T>(action: string, file: string, promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (err) {
    throw ioError(action, file, err);
  }
}

function ioError(action: string, file: string, err: unknown): TokenStoreError {
  const reason = errnoCode(err) ?? (err instanceof Error ? err.message : String(err));
  return new TokenStoreError('IO', `Could not ${action} ${file}: ${reason}. Check that the state directory is writable by this user.`);
}

function errnoCode(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException | undefined)?.code;
}
