import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { BufferPool } from '../../../../src/collect/data/buffer-pool.js'
import { type ColumnRequest, columnBuffers } from '../../../../src/collect/data/columns.js'
import { cellsOf } from '../../../support/column-cells.js'
import { openCsv } from '../../../../src/collect/data/csv-reader.js'
import { parseNumberBytes } from '../../../../src/collect/data/parse-number.js'

const dir = mkdtempSync(join(tmpdir(), 'aims-gate-csv-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

async function readAll(
  text: string,
  columns: ColumnRequest[],
  opts: { batchSize?: number; chunkBytes?: number; pool?: BufferPool } = {}
) {
  const path = join(dir, `t${Math.random().toString(36).slice(2)}.csv`)
  writeFileSync(path, text)
  const source = await openCsv(path, { chunkBytes: opts.chunkBytes ?? 7 })
  const out: Record<string, (number | string)[]> = Object.fromEntries(columns.map((c) => [c.name, []]))
  const sizes: number[] = []
  for await (const batch of source.batches(columns, opts.batchSize ?? 2, opts.pool)) {
    sizes.push(batch.rows)
    for (const c of columns) out[c.name]!.push(...cellsOf(batch.columns[c.name]!, batch.rows))
    opts.pool?.give(columnBuffers(batch.columns))
  }
  return { header: source.columnNames, out, sizes }
}

describe('CSV reader', () => {
  it(
    'reads quoted cells, escaped quotes, embedded line breaks, CRLF, BOM and blank ' + 'lines across tiny chunks',
    async () => {
      const text = '\uFEFFa,"b c",d\r\n1,"x, ""y""",2.5\r\n\r\n3,"multi\nline",-4e-3\r\n5,,\r\n'
      const { header, out, sizes } = await readAll(text, [
        { name: 'a', kind: 'number' },
        { name: 'b c', kind: 'string' },
        { name: 'd', kind: 'number' }
      ])
      expect(header).toEqual(['a', 'b c', 'd'])
      expect(out.a).toEqual([1, 3, 5])
      expect(out['b c']).toEqual(['x, "y"', 'multi\nline', ''])
      expect(out.d!.slice(0, 2)).toEqual([2.5, -0.004])
      expect(Number.isNaN(out.d![2])).toBe(true) // empty numeric cell = missing value
      expect(sizes).toEqual([2, 1])
    }
  )

  it('reads a last line without a line break, and only the columns asked for', async () => {
    const { out } = await readAll('x,y,z\n1,skip me,2\n3,"and me",4', [{ name: 'z', kind: 'number' }], {
      chunkBytes: 5
    })
    expect(out).toEqual({ z: [2, 4] })
  })

  it('names the column, line and value that is not a number', async () => {
    await expect(readAll('a,b\n1,2\n3,abc\n', [{ name: 'b', kind: 'number' }])).rejects.toThrow(
      /column 'b' line 3 holds 'abc', which is not a number/
    )
  })

  it('names a requested column the header lacks', async () => {
    await expect(readAll('a,b\n1,2\n', [{ name: 'c', kind: 'number' }])).rejects.toThrow(
      /column 'c' is not in the header/
    )
  })

  it('names a short row', async () => {
    await expect(readAll('a,b,c\n1,2,3\n4\n', [{ name: 'c', kind: 'number' }])).rejects.toThrow(
      /line 3 has 1 fields, the header has 3/
    )
  })
})

describe('CSV reader: reused window and buffers', () => {
  it('reads the same values in 7-byte reads with reused batch buffers as in one read without', async () => {
    const cell = fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
      fc.string({ maxLength: 12 }).map((t) => `"${t.replaceAll('"', '""')}"`)
    )
    const rows = fc.array(fc.tuple(fc.double({ noNaN: true, noDefaultInfinity: true }), cell), {
      minLength: 1,
      maxLength: 40
    })
    await fc.assert(
      fc.asyncProperty(rows, async (records) => {
        const text = `x,y\n${records.map(([x, y]) => `${x},${y}`).join('\n')}\n`
        const columns: ColumnRequest[] = [
          { name: 'x', kind: 'number' },
          { name: 'y', kind: 'string' }
        ]
        const pool = new BufferPool()
        const small = await readAll(text, columns, { chunkBytes: 7, batchSize: 3, pool })
        const whole = await readAll(text, columns, { chunkBytes: 1 << 20, batchSize: 3 })
        expect(small.out).toEqual(whole.out)
        expect(small.out.x).toEqual(records.map(([x]) => Number(String(x))))
      }),
      { numRuns: 60 }
    )
  })
})

describe('number parsing from bytes', () => {
  const parse = (text: string): number | undefined => {
    const bytes = Buffer.from(text, 'latin1')
    return parseNumberBytes(bytes, 0, bytes.length)
  }

  it('equals Number() on every double printed by JS, and on fixed and exponent forms', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true }), (x) => {
        for (const text of [
          String(x),
          x.toExponential(),
          Number.isFinite(x) && Math.abs(x) < 1e15 ? x.toFixed(6) : String(x),
          x.toPrecision(7),
          x.toPrecision(16),
          x.toPrecision(17)
        ]) {
          expect(Object.is(parse(text), Number(text)) || (parse(text) === 0 && Number(text) === 0)).toBe(true)
        }
      }),
      { numRuns: 3000 }
    )
  })

  it('reads special values and rejects text', () => {
    expect(parse('nan')).toBeNaN()
    expect(parse('')).toBeNaN()
    expect(parse('-inf')).toBe(-Infinity)
    expect(parse('1e5')).toBe(100000)
    expect(parse('.5')).toBe(0.5)
    expect(parse('abc')).toBeUndefined()
    expect(parse('1.2.3')).toBeUndefined()
  })
})

describe('CSV progress', () => {
  it('counts the bytes read up to the file size, for the progress estimate', async () => {
    const path = join(dir, 'progress.csv')
    const text = `a,b\n${Array.from({ length: 50 }, (_, i) => `${i},${i * 2}`).join('\n')}\n`
    writeFileSync(path, text)
    const source = await openCsv(path, { chunkBytes: 16 })
    expect(source.bytes?.()).toEqual({ read: 4, total: Buffer.byteLength(text) })
    const seen: number[] = []
    for await (const batch of source.batches([{ name: 'a', kind: 'number' }], 10)) {
      expect(batch.rows).toBeGreaterThan(0)
      seen.push(source.bytes?.().read ?? 0)
    }
    expect(seen.every((bytes, i) => i === 0 || bytes >= (seen[i - 1] ?? 0))).toBe(true)
    expect(source.bytes?.().read).toBe(Buffer.byteLength(text))
  })
})
