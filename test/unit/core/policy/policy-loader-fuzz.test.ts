/**
 * Property test of the policy loader: whatever text comes in (random YAML-ish text, mutated valid
 * policies, alias games), `parsePolicy` returns a policy or throws a PolicyError whose every
 * problem names the file; it never throws anything else and never takes long.
 */
import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parsePolicy } from '../../../../src/core/policy/parse-policy.js'
import { PolicyError } from '../../../../src/core/policy/policy-problems.js'

const FILE = 'fuzz/policy.yml'
const VALID = [readFileSync('examples/credit-risk/policy.yml', 'utf8'), readFileSync('policies/default.yml', 'utf8')]

/** Runs the loader once; returns what went wrong, or undefined when the outcome is structured. */
function unstructured(text: string): string | undefined {
  const started = performance.now()
  try {
    const policy = parsePolicy(text, FILE)
    if (policy.file !== FILE) return `policy names ${policy.file}`
  } catch (error) {
    if (!(error instanceof PolicyError)) return `threw ${String(error)}`
    if (error.problems.length === 0) return 'PolicyError without problems'
    const unnamed = error.problems.find((p) => p.file !== FILE || typeof p.message !== 'string' || p.message === '')
    if (unnamed !== undefined) return `problem without the file: ${JSON.stringify(unnamed)}`
    if (!error.message.split('\n').every((line) => line.startsWith(FILE)))
      return `message line without the file: ${error.message}`
  }
  const ms = performance.now() - started
  return ms > 2_000 ? `took ${ms.toFixed(0)} ms` : undefined
}

const TOKENS = [
  'version: 1\n',
  'name: x\n',
  'profiles:\n',
  '  p:\n',
  '    requirements:\n',
  '      - ',
  'id: a',
  'check: metric',
  'metric: m',
  'min: 0.8',
  'controls: [A.6.2.4]',
  'extends: p',
  '&a ',
  '*a',
  '&b ',
  '*b',
  '<<: *a',
  '[',
  ']',
  '{',
  '}',
  ',',
  ':',
  '-',
  '? ',
  '!!binary ',
  '!!set ',
  '!!map ',
  '!!str ',
  '!!timestamp ',
  '!custom ',
  '"',
  "'",
  '|',
  '>',
  '#',
  '%YAML 1.2\n',
  '---\n',
  '...\n',
  '\t',
  '\n',
  '  ',
  '__proto__: ',
  'constructor: ',
  'toString: ',
  '~',
  'null',
  'true',
  '.inf',
  '-.nan',
  '0x1f',
  '1e309',
  '\u202E',
  '\u001b[31m',
  '\u0000',
  '\uFEFF',
  '\ud800'
]

const yamlish = fc
  .array(
    fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 8 }), fc.string({ unit: 'binary', maxLength: 4 })),
    { maxLength: 60 }
  )
  .map((parts) => parts.join(''))

/** A valid policy with a few edits: a slice removed, text inserted, a line duplicated. */
const mutated = fc
  .tuple(
    fc.constantFrom(...VALID),
    fc.array(
      fc.tuple(fc.nat(), fc.nat({ max: 40 }), fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 6 }))),
      { minLength: 1, maxLength: 5 }
    )
  )
  .map(([text, edits]) => {
    let out = text
    for (const [at, cut, insert] of edits) {
      const i = at % (out.length + 1)
      out = out.slice(0, i) + insert + out.slice(i + cut)
    }
    return out
  })

/** Nested anchors and aliases, up to bomb-sized. */
const aliasGames = fc
  .tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 12 }), fc.boolean())
  .map(([levels, width, undefinedAlias]) => {
    const lines = ['version: 1', 'a0: &a0 [x]']
    for (let i = 1; i <= levels; i++)
      lines.push(`a${i}: &a${i} [${Array.from({ length: width }, () => `*a${i - 1}`).join(', ')}]`)
    lines.push(`name: ${undefinedAlias ? '*nowhere' : `*a${levels}`}`, 'profiles: {}')
    return lines.join('\n')
  })

describe('parsePolicy under random input', () => {
  it('random YAML-ish text', () => {
    fc.assert(
      fc.property(yamlish, (text) => {
        expect(unstructured(text)).toBeUndefined()
      }),
      { numRuns: 1500 }
    )
  })
  it('mutated valid policies', () => {
    fc.assert(
      fc.property(mutated, (text) => {
        expect(unstructured(text)).toBeUndefined()
      }),
      { numRuns: 400 }
    )
  })
  it('anchors and aliases, nested up to bomb size', () => {
    fc.assert(
      fc.property(aliasGames, (text) => {
        expect(unstructured(text)).toBeUndefined()
      }),
      { numRuns: 200 }
    )
  })
  it('a YAML complex key with newlines (found by the mutated-policy run) stays one problem per line', () => {
    const text = VALID[0]?.replace('# A waiver names who', '?  A waiver names who') ?? ''
    expect(text).toContain('?  A waiver names who')
    expect(unstructured(text)).toBeUndefined()
  })
})
