/**
 * Every way a local store can be unusable gives one GateError line with exit code 2, and the
 * database (side files included) is never written: the folder's fingerprint is compared before
 * and after each attempt.
 */
import { spawn } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { GateError } from '../../../../../src/core/errors.js'
import { openSqliteStore } from '../../../../../src/collect/mlflow/sqlite/sqlite-store.js'
import { type LocalStore, makeLocalStore } from './local-store-fixture.js'
import { venvProgram } from '../../../../support/python.js'
import { folderFingerprint, makeTemp, removeTemp } from '../../../../support/repo-temp.js'

let temp: string
let local: LocalStore
let counter = 0

beforeAll(() => {
  temp = makeTemp('sqlite-errors')
  local = makeLocalStore('mlflow3', temp)
}, 300_000)

afterAll(() => {
  if (temp) removeTemp(temp)
})

/** The GateError a promise rejects with (fails the test when it resolves). */
async function failureOf(promise: Promise<unknown>): Promise<GateError> {
  const outcome = await promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error })
  )
  if (!('error' in outcome)) throw new Error('expected a GateError, got a result')
  expect(outcome.error).toBeInstanceOf(GateError)
  return outcome.error as GateError
}

/** A folder of its own holding a copy of the real database, changed by `edit` (a writable connection). */
function copyOfStore(edit?: (db: DatabaseSync) => void): string {
  const dir = join(temp, `case-${++counter}`)
  mkdirSync(dir)
  const path = join(dir, 'mlflow.db')
  copyFileSync(local.dbPath, path)
  if (edit) {
    const db = new DatabaseSync(path)
    edit(db)
    db.close()
  }
  return path
}

/** Opens, reads one model, closes; returns the GateError (or undefined) and checks nothing was written. */
async function attempt(
  path: string,
  options: Parameters<typeof openSqliteStore>[1] = {}
): Promise<GateError | undefined> {
  const dir = join(path, '..')
  const before = folderFingerprint(dir)
  let failure: unknown
  try {
    const store = await openSqliteStore(`sqlite:///${path}`, options)
    try {
      await store.getRegisteredModel(local.manifest.model)
    } finally {
      store.close()
    }
  } catch (error) {
    failure = error
  }
  expect(folderFingerprint(dir)).toEqual(before)
  if (failure === undefined) return undefined
  expect(failure).toBeInstanceOf(GateError)
  const error = failure as GateError
  expect(error.exitCode).toBe(2)
  expect(error.message).not.toContain('\n')
  expect(error.message).toMatch(/Fix: /)
  return error
}

describe('local store errors', () => {
  it('reads a healthy copy without writing to it', async () => {
    expect(await attempt(copyOfStore())).toBeUndefined()
  })

  it('names a missing file', async () => {
    const error = await failureOf(openSqliteStore(`sqlite:///${join(temp, 'nope', 'mlflow.db')}`))
    expect(error).toBeInstanceOf(GateError)
    expect(error.exitCode).toBe(2)
    expect(error.message).toMatch(/does not exist/)
    expect(error.message).toContain(join(temp, 'nope', 'mlflow.db'))
  })

  it('names a folder given instead of the database file', async () => {
    const error = await failureOf(openSqliteStore(`sqlite:///${local.dir}`))
    expect(error.message).toMatch(/is a folder/)
  })

  it('refuses a SQLite file that is not an MLflow store', async () => {
    const path = copyOfStore()
    const other = join(path, '..', 'other.db')
    const db = new DatabaseSync(other)
    db.exec('CREATE TABLE notes (text TEXT)')
    db.close()
    expect((await attempt(other))?.message).toMatch(/not an MLflow tracking store/)
  })

  it('refuses a file that is not SQLite at all, and an empty file', async () => {
    const dir = join(temp, 'plain')
    mkdirSync(dir)
    writeFileSync(join(dir, 'mlflow.db'), 'experiment_id,name\n0,Default\n')
    writeFileSync(join(dir, 'empty.db'), '')
    expect((await attempt(join(dir, 'mlflow.db')))?.message).toMatch(/not a SQLite database/)
    expect((await attempt(join(dir, 'empty.db')))?.message).toMatch(/empty file/)
  })

  it('names a truncated copy', async () => {
    const path = copyOfStore()
    const bytes = readFileSync(path)
    for (const keep of [60, 4096, Math.floor(bytes.length / 2)]) {
      writeFileSync(path, bytes.subarray(0, keep))
      expect((await attempt(path))?.message).toMatch(/truncated/)
    }
  })

  it('names a database locked by another process', async () => {
    const path = copyOfStore()
    const locker = spawn(
      venvProgram('mlflow3'),
      [
        '-c',
        [
          'import sqlite3, sys',
          'c = sqlite3.connect(sys.argv[1], isolation_level=None)',
          'c.execute("BEGIN EXCLUSIVE")',
          'print("locked", flush=True)',
          'sys.stdin.read()',
          'c.execute("ROLLBACK")'
        ].join('\n'),
        path
      ],
      { stdio: ['pipe', 'pipe', 'inherit'] }
    )
    try {
      await new Promise<void>((resolve, reject) => {
        locker.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('locked') && resolve())
        locker.on('exit', (code) => reject(new Error(`lock holder exited early (${String(code)})`)))
      })
      const hash = readFileSync(path).toString('base64')
      const error = await failureOf(openSqliteStore(`sqlite:///${path}`, { busyTimeoutMs: 100 }))
      expect(error).toBeInstanceOf(GateError)
      expect(error.exitCode).toBe(2)
      expect(error.message).toMatch(/locked by another process/)
      expect(readFileSync(path).toString('base64')).toBe(hash)
    } finally {
      locker.stdin.end()
      await new Promise((resolve) => locker.on('close', resolve))
    }
  })

  it('refuses a revision older than MLflow 2.22, naming it and the supported ones', async () => {
    const path = copyOfStore((db) => db.exec("UPDATE alembic_version SET version_num = '451aebb31d03'"))
    const message = (await attempt(path))?.message
    expect(message).toMatch(/451aebb31d03/)
    expect(message).toMatch(/0584bdc529eb \(MLflow 2\.22\.x\), dc11669786a5 \(MLflow 3\.17\.x\)/)
    expect(message).toMatch(/mlflow db upgrade/)
  })

  it('reads an unknown revision with a warning when every needed column is there', async () => {
    const path = copyOfStore((db) => db.exec("UPDATE alembic_version SET version_num = 'ffffffffffff'"))
    const warnings: string[] = []
    expect(await attempt(path, { warn: (m) => warnings.push(m) })).toBeUndefined()
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(/ffffffffffff.*unknown/)
  })

  it('warns for a revision between the tested releases (MLflow 3.0 … 3.16)', async () => {
    const path = copyOfStore((db) => db.exec("UPDATE alembic_version SET version_num = '400f98739977'"))
    const warnings: string[] = []
    expect(await attempt(path, { warn: (m) => warnings.push(m) })).toBeUndefined()
    expect(warnings[0]).toMatch(/400f98739977 lies between the tested releases/)
  })

  it('refuses an unknown revision whose tables changed, naming it and the supported ones', async () => {
    const path = copyOfStore((db) => {
      db.exec("UPDATE alembic_version SET version_num = 'ffffffffffff'")
      db.exec('ALTER TABLE latest_metrics RENAME TO run_metric_summaries')
    })
    const message = (await attempt(path, { warn: () => undefined }))?.message
    expect(message).toMatch(
      /revision ffffffffffff.*cannot read \(missing table latest_metrics\); supported: 0584bdc529eb/
    )
  })

  it('reads a WAL-mode database (left by mlflow migrate-filestore) without creating side files', async () => {
    const path = copyOfStore((db) => db.exec('PRAGMA journal_mode=WAL'))
    expect(readFileSync(path)[18]).toBe(2)
    expect(await attempt(path)).toBeUndefined()
  })

  it('refuses a WAL-mode database whose log still holds changes', async () => {
    const path = copyOfStore((db) => db.exec('PRAGMA journal_mode=WAL'))
    const writer = new DatabaseSync(path)
    try {
      writer.exec('PRAGMA wal_autocheckpoint=0')
      writer.exec("UPDATE registered_models SET description = 'changed'")
      expect((await attempt(path))?.message).toMatch(/write-ahead log/)
    } finally {
      writer.close()
    }
  })

  it('refuses a legacy file store with the migration command', async () => {
    const root = mkdtempSync(join(tmpdir(), 'aims-legacy-'))
    mkdirSync(join(root, 'mlruns', '0'), { recursive: true })
    writeFileSync(join(root, 'mlruns', '0', 'meta.yaml'), 'name: Default\n')
    for (const uri of [`file://${join(root, 'mlruns')}`, join(root, 'mlruns')]) {
      const error = await failureOf(openSqliteStore(uri))
      expect(error).toBeInstanceOf(GateError)
      expect(error.exitCode).toBe(2)
      expect(error.message).toMatch(/mlflow migrate-filestore --source \S+ --target sqlite:\/\/\/\S+mlflow\.db/)
    }
  })

  it('refuses an in-memory SQLite URI', async () => {
    const error = await failureOf(openSqliteStore('sqlite:///:memory:'))
    expect(error.message).toMatch(/in-memory/)
  })
})
