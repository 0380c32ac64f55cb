import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { licenceFields } from '../../../../../src/render/card/hf/hf-licence-fields.js'
import { hubDatasetId } from '../../../../../src/render/card/hf/hf-dataset.js'
import { frontMatterYaml, retypes } from '../../../../../src/render/card/hf/yaml-text.js'
import { unwrapParagraphs } from '../../../../../src/render/card/unwrap-paragraphs.js'
import { fixtureDocumentation } from '../../../../support/card-fixtures.js'

const licence = (text: string) => licenceFields(fixtureDocumentation({ license: text }))

describe('the Hub licence of a card', () => {
  it('maps the SPDX id the licence section names first to the Hub id', () => {
    expect(licence('Model and card: Apache-2.0. Data: CC-BY-4.0.')).toEqual({ license: 'apache-2.0' })
    expect(licence('MIT')).toEqual({ license: 'mit' })
    expect(licence('bsd-3-clause-clear')).toEqual({ license: 'bsd-3-clause-clear' })
  })

  it('never trusts a single unknown word as a licence id', () => {
    // Before: any one word passed ("proprietary", "yes", "free").
    for (const word of ['proprietary', 'yes', 'free', 'apache']) expect(licence(word).license).toBe('other')
  })

  it('writes other with a slug name and a link, the text’s URL when it has one', () => {
    expect(licence('Internal use only; see https://acme.example/terms.')).toEqual({
      license: 'other',
      license_name: 'internal-use-only-see',
      license_link: 'https://acme.example/terms'
    })
    expect(licence('Internal use only.')).toEqual({
      license: 'other',
      license_name: 'internal-use-only',
      license_link: '#license'
    })
  })

  it('says unknown when there is no licence section', () => {
    expect(licence('')).toEqual({ license: 'unknown' })
  })

  it('does not take an SPDX id from a later sentence (the data licence)', () => {
    expect(licence('Custom model terms. Training data: CC-BY-4.0.').license).toBe('other')
  })
})

describe('Hub dataset ids', () => {
  const dataset = (sourceType: string, source: string, sourceUri?: string) => ({
    name: 'd',
    digest: 'x',
    sourceType,
    source,
    tags: {},
    ...(sourceUri ? { sourceUri } : {})
  })
  it('are read from Hub sources only', () => {
    expect(hubDatasetId(dataset('hugging_face', '{"path": "scikit-learn/adult-census-income"}'))).toBe(
      'scikit-learn/adult-census-income'
    )
    expect(hubDatasetId(dataset('http', '{}', 'https://huggingface.co/datasets/acme/credit/resolve/main/x.csv'))).toBe(
      'acme/credit'
    )
    // A local file or look-alike host is no Hub dataset.
    expect(hubDatasetId(dataset('local', '{}', 'file:///data/acme/credit.csv'))).toBeUndefined()
    expect(
      hubDatasetId(dataset('http', '{}', 'https://huggingface.co.evil.example/datasets/acme/credit'))
    ).toBeUndefined()
    expect(hubDatasetId(dataset('hugging_face', '{"path": "../../etc"}'))).toBeUndefined()
  })
})

describe('front-matter YAML', () => {
  it('quotes every value a YAML 1.1 or 1.2 reader would retype', () => {
    for (const text of [
      '2026-12-01T10:00:00Z',
      '2026-12-01',
      'yes',
      'No',
      'on',
      '0123',
      '1:20',
      '1e5',
      '12345678',
      'null',
      '~',
      'true',
      '.inf'
    ]) {
      expect(retypes(text), text).toBe(true)
    }
    for (const text of ['credit-risk', 'adult-eval', 'a b']) expect(retypes(text), text).toBe(false)
    const text = frontMatterYaml({ a: 'yes', b: '2026-12-01', c: '0123', d: 'credit-risk', version: 'v2' })
    expect(parse(text, { version: '1.1' })).toEqual({
      a: 'yes',
      b: '2026-12-01',
      c: '0123',
      d: 'credit-risk',
      version: 'v2'
    })
    expect(text).toContain('version: "v2"')
  })
})

describe('unwrapping soft-wrapped Markdown', () => {
  it('joins paragraph and list-item lines, keeps blocks, fences and hard breaks', () => {
    const text = [
      'One line',
      'and its wrap.',
      '',
      '- item',
      '  continued',
      '- next',
      '',
      '```',
      'code',
      'more',
      '```',
      'hard  ',
      'break',
      '# H',
      'after'
    ].join('\n')
    expect(unwrapParagraphs(text)).toBe(
      [
        'One line and its wrap.',
        '',
        '- item continued',
        '- next',
        '',
        '```',
        'code',
        'more',
        '```',
        'hard  ',
        'break',
        '# H',
        'after'
      ].join('\n')
    )
  })
})
