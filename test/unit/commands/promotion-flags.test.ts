import { describe, expect, it } from 'vitest'
import { parseCommandLine } from '../../../src/options/cli-options.js'

// promote and rollback read their own flags and every flag of check from the one option table.
describe('promote and rollback flags', () => {
  it('takes its own flags in both spellings, next to the options of check', () => {
    const argv = ['--model', 'm', '--expect-current', '3', '--to', 'champion', '--policy=p.yml']
    const line = parseCommandLine('promote', argv, {})
    expect(line.values).toMatchObject({ model: 'm', expectCurrent: '3', promoteTo: 'champion', policyPath: 'p.yml' })
    expect(parseCommandLine('promote', ['--expect-current=none'], {}).values.expectCurrent).toBe('none')
    const rollback = parseCommandLine('rollback', ['--force', '--reason', 'r'], {})
    expect(rollback.values).toMatchObject({ force: true, reason: 'r' })
  })

  it('refuses a missing value, a repeated flag and a value on a boolean (exit 2)', () => {
    const cases: ['promote' | 'rollback', string[]][] = [
      ['promote', ['--expect-current']],
      ['promote', ['--expect-current', '--json']],
      ['rollback', ['--force', '--force']],
      ['rollback', ['--force=yes']]
    ]
    for (const [command, argv] of cases) {
      const parse = () => parseCommandLine(command, argv, {})
      expect(parse, argv.join(' ')).toThrow(expect.objectContaining({ kind: 'invalid' }))
    }
  })

  it('leaves everything after -- alone', () => {
    expect(() => parseCommandLine('rollback', ['--', '--force'], {})).toThrow(/Unexpected argument '--force'/)
  })
})
