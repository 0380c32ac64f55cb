/**
 * A forged or corrupt Parquet page cannot turn into values: a dictionary index past the end of
 * the dictionary, on a text (label, group) or a number column, is refused with the file, column
 * and row group, never read as an empty label or a NaN feature. The pages are written by hand
 * (a v1 data page, RLE_DICTIONARY, uncompressed) so the one wrong byte is the only difference.
 */
import type { ColumnMetaData, PageHeader } from 'hyparquet'
import { describe, expect, it } from 'vitest'
import { NumberPageBuffer } from '../../../../src/collect/data/parquet-number-page.js'
import { decodePage, type PageDecoding } from '../../../../src/collect/data/parquet-page-decode.js'
import { TextPageBuffer } from '../../../../src/collect/data/parquet-text-page.js'

/** Bit width 2, then one RLE run: four rows of dictionary index `index`. */
const page = (index: number): Uint8Array => new Uint8Array([2, 4 << 1, index])

const header = (bytes: Uint8Array): PageHeader =>
  ({
    type: 'DATA_PAGE',
    uncompressed_page_size: bytes.length,
    compressed_page_size: bytes.length,
    data_page_header: {
      num_values: 4,
      encoding: 'RLE_DICTIONARY',
      definition_level_encoding: 'RLE',
      repetition_level_encoding: 'RLE'
    }
  }) as PageHeader

function state(kind: 'text' | 'number'): PageDecoding {
  const type = kind === 'text' ? 'BYTE_ARRAY' : 'DOUBLE'
  const meta = { codec: 'UNCOMPRESSED', type } as ColumnMetaData
  return {
    file: 'eval.parquet',
    column: kind === 'text' ? 'label' : 'x',
    rowGroup: 0,
    meta,
    decoder: { codec: 'UNCOMPRESSED', type } as PageDecoding['decoder'],
    maxDefinition: 0,
    fast: kind === 'number' ? new NumberPageBuffer(false) : undefined,
    text: kind === 'text' ? new TextPageBuffer() : undefined,
    keep: {},
    ...(kind === 'text'
      ? { dictionary: ['no', 'yes'], texts: ['no', 'yes', ''] }
      : { dictionary: new Float64Array([0.5, 1.5]) })
  }
}

describe('Parquet pages with a dictionary index out of range', () => {
  it('reads the page when the index is in range', () => {
    const text = decodePage(page(1), header(page(1)), state('text'), 0)
    expect(text && 'codes' in text ? Array.from(text.codes, (c) => text.values[c]) : text).toEqual([
      'yes',
      'yes',
      'yes',
      'yes'
    ])
    expect(Array.from(decodePage(page(1), header(page(1)), state('number'), 0) as Float64Array)).toEqual([
      1.5, 1.5, 1.5, 1.5
    ])
  })

  it.each([
    ['text', 'label'],
    ['number', 'x']
  ] as const)('refuses a %s page that points past its dictionary', (kind, column) => {
    expect(() => decodePage(page(3), header(page(3)), state(kind), 0)).toThrow(
      new RegExp(
        `evaluation data eval\\.parquet: column '${column}' has a page in row group 1 that cannot be decoded ` +
          '\\(dictionary index 3 of 2\\); the file is corrupt'
      )
    )
  })
})
