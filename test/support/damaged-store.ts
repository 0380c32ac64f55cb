/**
 * Damaged copies of the example local store (a real MLflow 3 database): pages overwritten with
 * random bytes (seeded, so every run damages the same bytes), a b-tree page's cell area
 * scrambled, a truncated copy, a zero-length file.
 */
import {
  copyFileSync,
  openSync,
  closeSync,
  readFileSync,
  statSync,
  truncateSync,
  writeFileSync,
  writeSync
} from 'node:fs'
import { DatabaseSync } from 'node:sqlite'

export const EXAMPLE_STORE = 'examples/credit-risk/mlflow.db'

/** xorshift32: reproducible bytes without a dependency. */
function randomBytes(seed: number, length: number): Buffer {
  let x = seed >>> 0 || 1
  const out = Buffer.alloc(length)
  for (let i = 0; i < length; i++) {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    out[i] = x & 0xff
  }
  return out
}

function pageSize(file: string): number {
  const size = readFileSync(file).readUInt16BE(16)
  return size === 1 ? 65_536 : size
}

/** Every `stride`-th page after the first overwritten with random bytes. */
export function overwritePages(target: string, seed = 42, stride = 16): void {
  copyFileSync(EXAMPLE_STORE, target)
  const size = pageSize(target)
  const pages = Math.floor(statSync(target).size / size)
  const fd = openSync(target, 'r+')
  try {
    for (let page = 2; page < pages; page += stride) writeSync(fd, randomBytes(seed + page, size), 0, size, page * size)
  } finally {
    closeSync(fd)
  }
}

/** Random bytes over the cell pointers and cells of one table's root page (the header kept). */
export function scrambleTablePage(target: string, table: string, seed = 7): void {
  copyFileSync(EXAMPLE_STORE, target)
  const db = new DatabaseSync(target, { readOnly: true })
  const { rootpage } = db.prepare('SELECT rootpage FROM sqlite_master WHERE name = ?').get(table) as {
    rootpage: number
  }
  db.close()
  const size = pageSize(target)
  const fd = openSync(target, 'r+')
  try {
    writeSync(fd, randomBytes(seed, 256), 0, 256, (rootpage - 1) * size + 12)
  } finally {
    closeSync(fd)
  }
}

export function truncatedCopy(target: string): void {
  copyFileSync(EXAMPLE_STORE, target)
  truncateSync(target, Math.floor(statSync(target).size / 2))
}

export function emptyFile(target: string): void {
  writeFileSync(target, '')
}
