/**
 * The page-by-page Parquet reader against pyarrow (the writer and the oracle): every layout
 * pandas/pyarrow users produce — several row groups, small pages, nulls, dictionary and plain
 * strings, data pages v1 and v2, snappy and uncompressed, ints, bools — decodes to exactly the
 * values pyarrow reads back, in batches that cross page and row-group boundaries. A file cut short
 * or with a nested column is refused with a reason.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { BufferPool } from '../../../../src/collect/data/buffer-pool.js'
import { type ColumnRequest, columnBuffers } from '../../../../src/collect/data/columns.js'
import { openParquet } from '../../../../src/collect/data/parquet-reader.js'
import { cellsOf } from '../../../support/column-cells.js'
import { venvProgram } from '../../../support/python.js'

const PYTHON = venvProgram('mlflow3')

const dir = mkdtempSync(join(tmpdir(), 'aims-gate-parquet-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const WRITER = `
import json, sys
import pyarrow as pa, pyarrow.parquet as pq
out = sys.argv[1]
n = 5003
x = [None if i % 97 == 0 else (i * 0.37) - 900.5 for i in range(n)]
table = pa.table({
    "x": pa.array(x, pa.float64()),
    "f": pa.array([float(i % 13) / 7 for i in range(n)], pa.float32()),
    "k": pa.array([i * 3 - 7000 for i in range(n)], pa.int64()),
    "b": pa.array([i % 3 == 0 for i in range(n)], pa.bool_()),
    "label": pa.array([None if i % 211 == 0 else ["yes", "no", "maybe"][i % 3] for i in range(n)]),
    "text": pa.array(["row %d, é" % i for i in range(n)]),
    "i": pa.array([None if i % 89 == 0 else i * 7 - 20000 for i in range(n)], pa.int32()),
})
layouts = {
    "plain": dict(use_dictionary=False, compression="NONE", data_page_version="1.0"),
    "dict-snappy": dict(use_dictionary=True, compression="SNAPPY", data_page_version="1.0"),
    "v2": dict(use_dictionary=["label"], compression="SNAPPY", data_page_version="2.0"),
    # A dictionary that overflows: pyarrow falls back to PLAIN pages within the same chunk.
    "dict-fallback": dict(use_dictionary=True, compression="SNAPPY", data_page_version="1.0",
                          dictionary_pagesize_limit=256),
}
for name, options in layouts.items():
    pq.write_table(table, f"{out}/{name}.parquet", row_group_size=1234, data_page_size=2048, **options)
back = pq.read_table(f"{out}/plain.parquet").to_pydict()
json.dump(back, open(f"{out}/expected.json", "w"))
nested = pa.table({"x": pa.array([1.0, 2.0]), "xs": pa.array([[1, 2], [3]])})
pq.write_table(nested, f"{out}/nested.parquet")
`
execFileSync(PYTHON, ['-c', WRITER, dir], { stdio: ['ignore', 'ignore', 'pipe'] })
const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Record<
  string,
  (number | string | boolean | null)[]
>

const WANTED: ColumnRequest[] = [
  { name: 'x', kind: 'number' },
  { name: 'f', kind: 'number' },
  { name: 'k', kind: 'number' },
  { name: 'b', kind: 'number' },
  { name: 'label', kind: 'string' },
  { name: 'text', kind: 'string' },
  { name: 'i', kind: 'number' },
  { name: 'k', kind: 'string' }
]

async function readAll(
  path: string,
  batchSize: number,
  wanted = WANTED,
  pool?: BufferPool
): Promise<{ batches: number; columns: Record<string, unknown[]> }> {
  const table = await openParquet(path)
  const columns: Record<string, unknown[]> = {}
  let batches = 0
  for await (const batch of table.batches(wanted, batchSize, pool)) {
    batches++
    for (const [name, values] of Object.entries(batch.columns)) {
      columns[name] ??= []
      columns[name].push(...cellsOf(values, batch.rows))
    }
    // Given back as the recompute does: the next batch is filled into these buffers.
    pool?.give(columnBuffers(batch.columns))
  }
  return { batches, columns }
}

const asNumber = (v: unknown): number => (v === null ? Number.NaN : typeof v === 'boolean' ? Number(v) : (v as number))

describe('Parquet reader, page by page', () => {
  it.each([
    ['plain', false],
    ['dict-snappy', false],
    ['v2', false],
    ['dict-fallback', false],
    ['plain', true],
    ['dict-snappy', true],
    ['dict-fallback', true]
  ])('%s (buffers reused: %s): every value equals what pyarrow reads back', async (layout, reuse) => {
    const pool = reuse ? new BufferPool() : undefined
    const { batches, columns } = await readAll(join(dir, `${layout}.parquet`), 1000, WANTED, pool)
    if (pool !== undefined) expect(pool.size).toBeGreaterThan(0)
    expect(columns.i).toEqual(expected.i!.map(asNumber))
    expect(batches).toBe(6)
    expect(columns.x).toEqual(expected.x!.map(asNumber))
    // float32 cells widen exactly to the float64 pyarrow hands Python.
    expect(columns.f).toEqual(expected.f!.map(asNumber))
    expect(columns.b).toEqual(expected.b!.map(asNumber))
    expect(columns.label).toEqual(expected.label!.map((v) => (v === null ? '' : v)))
    expect(columns.text).toEqual(expected.text)
    // The last request for 'k' is text: the integer as its decimal string.
    expect(columns.k).toEqual(expected.k!.map(String))
  })

  it('a batch larger than the file is one batch of every row', async () => {
    const { batches, columns } = await readAll(join(dir, 'dict-snappy.parquet'), 1 << 20, [
      { name: 'x', kind: 'number' }
    ])
    expect(batches).toBe(1)
    expect(columns.x).toEqual(expected.x!.map(asNumber))
  })

  it('refuses a nested column with the reason, and reads the flat one beside it', async () => {
    await expect(readAll(join(dir, 'nested.parquet'), 10, [{ name: 'xs', kind: 'number' }])).rejects.toThrow(
      /column 'xs' is nested/
    )
    expect((await readAll(join(dir, 'nested.parquet'), 10, [{ name: 'x', kind: 'number' }])).columns.x).toEqual([1, 2])
  })

  it('a file whose pages were cut out is refused, never read short', async () => {
    const bytes = readFileSync(join(dir, 'plain.parquet'))
    const footerLength = bytes.readUInt32LE(bytes.length - 8)
    const footer = bytes.subarray(bytes.length - 8 - footerLength)
    // Same footer, the column data zeroed: page headers no longer parse.
    const broken = Buffer.concat([Buffer.from('PAR1'), Buffer.alloc(bytes.length - 12 - footerLength), footer])
    writeFileSync(join(dir, 'broken.parquet'), broken)
    await expect(readAll(join(dir, 'broken.parquet'), 1000)).rejects.toThrow(
      /evaluation data broken\.parquet: column 'x' has an unreadable page header/
    )
  })
})
