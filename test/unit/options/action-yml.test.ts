/**
 * action.yml's inputs and the option table must agree: the committed file is what
 * `npm run generate:action-yml` writes, and, read as YAML, it declares exactly the inputs the
 * action reads, with the table's `required`, defaults and descriptions.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { renderActionInputs, withGeneratedInputs } from '../../../scripts/action-yml.js'
import { optionsOf } from '../../../src/options/read-options.js'

interface Input {
  description: string
  required: boolean
  default?: string
}

const committed = readFileSync('action.yml', 'utf8')
const inputs = (parse(committed) as { inputs: Record<string, Input> }).inputs
const table = optionsOf('action').filter(([, spec]) => spec.input !== undefined)

describe('action.yml and the option table', () => {
  it('action.yml inputs are generated from the table (regenerate: npm run generate:action-yml)', () => {
    expect(withGeneratedInputs(committed)).toBe(committed)
  })

  it('declares exactly the inputs the action reads', () => {
    expect(Object.keys(inputs).sort()).toEqual(table.map(([, spec]) => spec.input).sort())
  })

  it.each(table)('%s: same required, default and description', (_key, spec) => {
    const input = inputs[spec.input as string]
    expect(input?.required).toBe(spec.required === true)
    expect(input?.description).toBe(spec.description ?? spec.help)
    // An environment fallback would be masked by a default the runner always passes.
    const expected = spec.actionDefault ?? (spec.env === undefined ? spec.default : undefined)
    expect(input?.default).toBe(expected)
  })

  it('renders YAML the yaml package reads back as the same values', () => {
    const rendered = parse(renderActionInputs()) as { inputs: Record<string, Input> }
    expect(rendered.inputs).toEqual(inputs)
  })

  it('would catch a drift: a changed default no longer matches', () => {
    const drifted = committed.replace("default: '600'", "default: '900'")
    expect(withGeneratedInputs(drifted)).not.toBe(drifted)
  })
})
