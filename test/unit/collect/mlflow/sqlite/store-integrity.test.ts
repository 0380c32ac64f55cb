/**
 * A damaged local store is refused before any evidence is read (PRAGMA quick_check), exit 2,
 * naming the file and how to recover it; the damaged file is never written.
 */
import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { afterAll, describe, expect, it } from 'vitest'
import { openSqliteStore } from '../../../../../src/collect/mlflow/sqlite/sqlite-store.js'
import { GateError } from '../../../../../src/core/errors.js'
import {
  emptyFile,
  EXAMPLE_STORE,
  overwritePages,
  scrambleTablePage,
  truncatedCopy
} from '../../../../support/damaged-store.js'

const dir = mkdtempSync(path.join(tmpdir(), 'aims-gate-integrity-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const fingerprint = () =>
  Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((n) => [
        n,
        createHash('sha256')
          .update(readFileSync(path.join(dir, n)))
          .digest('hex')
      ])
  )

async function refusal(file: string): Promise<GateError> {
  const before = fingerprint()
  let failure: unknown
  try {
    const store = await openSqliteStore(`sqlite:///${file}`)
    try {
      await store.getRegisteredModel('credit-risk')
    } finally {
      store.close()
    }
  } catch (error) {
    failure = error
  }
  expect(fingerprint()).toEqual(before)
  expect(failure).toBeInstanceOf(GateError)
  const error = failure as GateError
  expect(error.exitCode).toBe(2)
  expect(error.message).toContain(file)
  expect(error.message).toMatch(/Fix: /)
  expect(error.message).not.toContain('\n')
  return error
}

/** What SQLite itself says of the file (the reference: sqlite's own full check). */
function sqliteIntegrity(file: string): string {
  try {
    const db = new DatabaseSync(file, { readOnly: true })
    try {
      return (db.prepare('PRAGMA integrity_check').all() as { integrity_check: string }[])
        .map((r) => r.integrity_check)
        .join('; ')
    } finally {
      db.close()
    }
  } catch (error) {
    return (error as Error).message
  }
}

describe('local store integrity', () => {
  it('the example store passes (and is read, unchanged)', async () => {
    expect(sqliteIntegrity(EXAMPLE_STORE)).toBe('ok')
    const store = await openSqliteStore(`sqlite:///${EXAMPLE_STORE}`)
    expect((await store.getRegisteredModel('credit-risk')).name).toBe('credit-risk')
    store.close()
  })

  it('random bytes over pages: damaged, with the recovery fix', async () => {
    const file = path.join(dir, 'pages.db')
    overwritePages(file)
    expect(sqliteIntegrity(file)).not.toBe('ok')
    expect((await refusal(file)).message).toMatch(
      /is damaged.*restore the file from a backup.*sqlite3 mlflow\.db "\.recover"/
    )
  })

  it('a scrambled table page: damaged, SQLite findings quoted', async () => {
    const file = path.join(dir, 'table.db')
    scrambleTablePage(file, 'metrics')
    expect(sqliteIntegrity(file)).not.toBe('ok')
    const message = (await refusal(file)).message
    expect(message).toMatch(/is damaged: SQLite.s integrity check reports Tree \d+ page \d+ cell \d+: .*\.recover/)
    expect(message).not.toContain('\n')
  })

  it('a truncated copy and a zero-length file', async () => {
    const truncated = path.join(dir, 'truncated.db')
    truncatedCopy(truncated)
    expect((await refusal(truncated)).message).toMatch(
      /is truncated \(its header declares \d+ bytes but the file has \d+\)/
    )
    const empty = path.join(dir, 'empty.db')
    emptyFile(empty)
    expect((await refusal(empty)).message).toMatch(/is an empty file, not an MLflow database/)
  })
})
