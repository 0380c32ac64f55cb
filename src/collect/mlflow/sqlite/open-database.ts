/**
 * Opens an MLflow SQLite database strictly read-only and turns every way that can fail into one
 * GateError('invalid') line naming the file and the fix.
 *
 * "Read-only" means nothing on disk changes, side files included:
 * - `mode=ro` (plus `readOnly`) so SQLite never writes the database nor creates a rollback journal;
 * - a database in WAL mode (MLflow's `migrate-filestore` leaves one) would get a `-shm` file even
 *   when read: with an empty or absent `-wal` it is opened `immutable=1` (no side files, no locks);
 *   with changes still in the `-wal` it is refused, because reading them needs the shared index.
 * Header checks run before SQLite sees the file, so a truncated copy is named as such instead of
 * surfacing later as "database disk image is malformed". Then `PRAGMA quick_check` reads every
 * page once before any evidence is read: random bytes over a page (a bad disk, a botched copy, an
 * edited file) would otherwise go unnoticed as long as no query touched that page, or turn into
 * wrong rows. Measured on 2 shared vCPUs: about 20 ms for the 1 MiB example store, 1.5 s for a
 * 560 MiB store with 2 million metric rows (`PRAGMA integrity_check`, which also cross-checks
 * every index entry, took 39 s on the same file, hence the quick variant). It only reads.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs'
import { resolve } from 'node:path'
import { DatabaseSync, type SQLInputValue } from 'node:sqlite'
import { pathToFileURL } from 'node:url'
import { GateError, invalid } from '../../../core/errors.js'

const SQLITE_MAGIC = 'SQLite format 3\u0000'
const HEADER_BYTES = 100

export interface OpenOptions {
  /** How long a query waits for another process's lock before giving up (SQLite busy timeout). */
  busyTimeoutMs?: number
}

/** A read-only connection whose failures are already one-line GateErrors. */
export interface ReadOnlyDatabase {
  /** Absolute path of the database file. */
  readonly path: string
  all<T>(sql: string, ...params: SQLInputValue[]): T[]
  get<T>(sql: string, ...params: SQLInputValue[]): T | undefined
  /** Runs several reads in one read transaction, so they see one consistent snapshot. */
  read<T>(fn: () => T): T
  /** Column names of a table (empty set when the table does not exist). */
  columns(table: string): ReadonlySet<string>
  close(): void
}

export function openReadOnlyDatabase(file: string, options: OpenOptions = {}): ReadOnlyDatabase {
  const path = resolve(file)
  const header = checkHeader(path)
  const url = pathToFileURL(path)
  url.searchParams.set('mode', 'ro')
  if (header.wal) url.searchParams.set('immutable', '1')
  let db: DatabaseSync
  try {
    db = new DatabaseSync(url, { readOnly: true, timeout: options.busyTimeoutMs ?? 5_000 })
  } catch (error) {
    throw sqliteFailure(path, error, options.busyTimeoutMs)
  }
  const connection = new Connection(db, path, options.busyTimeoutMs ?? 5_000)
  try {
    assertIntact(connection)
  } catch (error) {
    connection.close()
    throw error
  }
  return connection
}

/** The fix for a damaged store, in one place: every corruption message ends with it. */
const RECOVER_FIX =
  'Fix: restore the file from a backup (or copy it again if it was copied), or ' +
  'salvage what is readable with `sqlite3 mlflow.db ".recover" | sqlite3 ' +
  'recovered.db` and point --tracking-uri at the recovered copy.'

/** `PRAGMA quick_check` (pages, b-trees, record formats; read-only): anything but "ok" is refused. */
function assertIntact(db: ReadOnlyDatabase): void {
  const rows = db.all<{ quick_check: string }>('PRAGMA quick_check(5)')
  const findings = rows.map((row) => String(row.quick_check))
  if (findings.length === 1 && findings[0] === 'ok') return
  // One line: SQLite's findings come as lines under a "*** in database main ***" banner.
  const lines = findings
    .flatMap((f) => f.split('\n'))
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('***'))
  const shown = lines.slice(0, 3).join('; ') + (lines.length > 3 ? '; …' : '')
  throw invalid(
    `Local MLflow store "${db.path}" is damaged: SQLite's integrity check ` +
      `reports ${shown || 'no result'}. ${RECOVER_FIX}`
  )
}

class Connection implements ReadOnlyDatabase {
  private readonly columnCache = new Map<string, ReadonlySet<string>>()
  private depth = 0

  constructor(
    private readonly db: DatabaseSync,
    readonly path: string,
    private readonly busyTimeoutMs: number
  ) {}

  all<T>(sql: string, ...params: SQLInputValue[]): T[] {
    return this.guard(() => this.db.prepare(sql).all(...params) as T[])
  }

  get<T>(sql: string, ...params: SQLInputValue[]): T | undefined {
    return this.guard(() => this.db.prepare(sql).get(...params) as T | undefined)
  }

  read<T>(fn: () => T): T {
    if (this.depth > 0) return fn()
    // A deferred read transaction takes only a shared lock and writes nothing, even on COMMIT.
    this.guard(() => this.db.exec('BEGIN'))
    this.depth++
    try {
      return fn()
    } finally {
      this.depth--
      if (this.db.isTransaction) this.guard(() => this.db.exec('COMMIT'))
    }
  }

  columns(table: string): ReadonlySet<string> {
    let cached = this.columnCache.get(table)
    if (cached === undefined) {
      const rows = this.all<{ name: string }>('SELECT name FROM pragma_table_info(?)', table)
      cached = new Set(rows.map((r) => r.name))
      this.columnCache.set(table, cached)
    }
    return cached
  }

  close(): void {
    if (this.db.isOpen) this.db.close()
  }

  private guard<T>(fn: () => T): T {
    try {
      return fn()
    } catch (error) {
      throw sqliteFailure(this.path, error, this.busyTimeoutMs)
    }
  }
}

interface HeaderFacts {
  /** The database is in WAL mode with nothing left in its `-wal` file. */
  wal: boolean
}

/** Checks existence, the SQLite magic, truncation and WAL state from the file itself. */
function checkHeader(path: string): HeaderFacts {
  let size: number
  try {
    const stat = statSync(path)
    if (stat.isDirectory()) {
      throw invalid(
        `Local MLflow store "${path}" is a folder, not a database file. Fix: point ` +
          `--tracking-uri at the database file itself, e.g. sqlite:///${path}/mlflow.db.`
      )
    }
    size = stat.size
  } catch (error) {
    if (isErrno(error, 'ENOENT') || isErrno(error, 'ENOTDIR')) {
      throw invalid(
        `Local MLflow store "${path}" does not exist. Fix: check the path in ` +
          `--tracking-uri / MLFLOW_TRACKING_URI (sqlite:///relative/mlflow.db is relative ` +
          `to the working directory, sqlite:////absolute/mlflow.db is absolute).`
      )
    }
    if (error instanceof GateError) throw error
    throw invalid(
      `Local MLflow store "${path}" cannot be read (${errnoText(error)}). Fix: check the file's permissions.`,
      error
    )
  }
  const header = readStart(path, HEADER_BYTES)
  if (
    header.length < SQLITE_MAGIC.length ||
    header.subarray(0, SQLITE_MAGIC.length).toString('latin1') !== SQLITE_MAGIC
  ) {
    throw invalid(
      size === 0
        ? `Local MLflow store "${path}" is an empty file, not an MLflow database. Fix: ` +
            `point --tracking-uri at the mlflow.db MLflow wrote (an empty file is left when ` +
            `the path was mistyped once).`
        : `Local MLflow store "${path}" is not a SQLite database. Fix: point ` +
            `--tracking-uri at the mlflow.db file MLflow wrote (for a ./mlruns folder see ` +
            `docs/local-store.md).`
    )
  }
  if (header.length < HEADER_BYTES) throw truncated(path, size, undefined)
  const rawPageSize = header.readUInt16BE(16)
  const pageSize = rawPageSize === 1 ? 65_536 : rawPageSize
  const pageCount = header.readUInt32BE(28)
  // The in-header page count is trustworthy only when written by the same change (SQLite ≥ 3.7.0).
  const countValid = header.readUInt32BE(24) === header.readUInt32BE(92)
  if (countValid && pageCount > 0 && size < pageCount * pageSize) throw truncated(path, size, pageCount * pageSize)
  const wal = header[18] === 2 || header[19] === 2
  if (wal && fileSize(`${path}-wal`) > 0) {
    throw invalid(
      `Local MLflow store "${path}" still has changes in its write-ahead log ` +
        `"${path}-wal" (a process is writing to it, or stopped without checkpointing), ` +
        `and reading them would modify side files. Fix: stop the process using the ` +
        `database (MLflow server or run) so SQLite folds the log in, then run the gate again.`
    )
  }
  return { wal }
}

function truncated(path: string, size: number, expected: number | undefined) {
  const declared = expected === undefined ? '' : `its header declares ${expected} bytes but the file has ${size}`
  return invalid(
    `Local MLflow store "${path}" is truncated${declared ? ` (${declared})` : ''}. ` +
      `Fix: copy the whole database file again (an interrupted copy or download leaves ` +
      `a partial file).`
  )
}

function readStart(path: string, bytes: number): Buffer {
  const fd = openSync(path, 'r')
  try {
    const buffer = Buffer.alloc(bytes)
    const read = readSync(fd, buffer, 0, bytes, 0)
    return buffer.subarray(0, read)
  } finally {
    closeSync(fd)
  }
}

function fileSize(path: string): number {
  try {
    return statSync(path).size
  } catch {
    return 0
  }
}

/** SQLite error → one line. `errcode` may be extended (e.g. 517 = BUSY_SNAPSHOT): keep the primary code. */
export function sqliteFailure(path: string, error: unknown, busyTimeoutMs: number | undefined) {
  if (error instanceof GateError) return error
  const code =
    typeof (error as { errcode?: unknown }).errcode === 'number'
      ? (error as { errcode: number }).errcode & 0xff
      : undefined
  const text = error instanceof Error ? error.message : String(error)
  switch (code) {
    case 5: // SQLITE_BUSY
    case 6: // SQLITE_LOCKED
      return invalid(
        `Local MLflow store "${path}" is locked by another process (SQLite: ${text}; ` +
          `waited ${((busyTimeoutMs ?? 5_000) / 1000).toString()} s). Fix: let the process ` +
          `writing to it (an MLflow run or server) finish, or point the gate at a copy of ` +
          `the file.`,
        error
      )
    case 11: // SQLITE_CORRUPT
    case 26: // SQLITE_NOTADB
      return invalid(`Local MLflow store "${path}" is damaged or truncated (SQLite: ${text}). ${RECOVER_FIX}`, error)
    case 8: // SQLITE_READONLY: e.g. a hot journal left by a crashed writer needs a rollback we may not do
      return invalid(
        `Local MLflow store "${path}" needs recovery that would write to it ` +
          `(SQLite: ${text}). Fix: open it once with MLflow (or sqlite3) so it finishes ` +
          `the interrupted write, then run the gate again.`,
        error
      )
    case 14: // SQLITE_CANTOPEN
      return invalid(
        `Local MLflow store "${path}" cannot be opened (SQLite: ${text}). Fix: check ` +
          `the file and its folder are readable.`,
        error
      )
    default:
      return invalid(
        `Local MLflow store "${path}" could not be read (SQLite: ${text}). Fix: check ` +
          `that the file is an MLflow database written by MLflow 2.22 or later.`,
        error
      )
  }
}

function isErrno(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code
}

function errnoText(error: unknown): string {
  return typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string'
    ? (error as { code: string }).code
    : String(error)
}
