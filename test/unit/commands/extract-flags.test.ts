import { describe, expect, it } from 'vitest'
import { extractFlags } from '../../../src/commands/extract-flags.js'

const OWN = { 'expect-current': 'string', force: 'boolean' } as const

describe('extractFlags', () => {
  it('takes its own flags in both spellings and leaves the rest in order', () => {
    expect(extractFlags('promote', ['--model', 'm', '--expect-current', '3', '--force', '--policy=p.yml'], OWN)).toEqual({
      values: { 'expect-current': '3', force: true },
      rest: ['--model', 'm', '--policy=p.yml']
    })
    expect(extractFlags('promote', ['--expect-current=none'], OWN).values).toEqual({ 'expect-current': 'none' })
  })

  it('refuses a missing value, a repeated flag and a value on a boolean (exit 2)', () => {
    for (const argv of [['--expect-current'], ['--expect-current', '--force'], ['--force', '--force'], ['--force=yes']]) {
      expect(() => extractFlags('promote', argv, OWN), argv.join(' ')).toThrow(expect.objectContaining({ kind: 'invalid' }))
    }
  })

  it('leaves everything after -- alone', () => {
    expect(extractFlags('promote', ['--', '--force'], OWN)).toEqual({ values: {}, rest: ['--', '--force'] })
  })
})
