import { describe, expect, it } from 'vitest'
import { GateError } from '../../../src/core/errors.js'
import { formatModelRef, parseModelUri, resolveModelRef } from '../../../src/core/model-ref.js'

function invalidMessage(fn: () => unknown): string {
  try {
    fn()
  } catch (error) {
    expect(error).toBeInstanceOf(GateError)
    expect((error as GateError).exitCode).toBe(2)
    return (error as GateError).message
  }
  throw new Error('expected GateError')
}

describe('model references', () => {
  it('parses models:/ URIs with a version or an alias', () => {
    expect(parseModelUri('models:/credit-risk/3')).toEqual({ model: 'credit-risk', version: '3' })
    expect(parseModelUri('models:/credit-risk@champion')).toEqual({ model: 'credit-risk', alias: 'champion' })
    // Names may contain slashes and dots (Unity-Catalog-like names); the last segment selects.
    expect(parseModelUri('models:/team.credit/risk/12')).toEqual({ model: 'team.credit/risk', version: '12' })
    expect(formatModelRef({ model: 'm', alias: 'a' })).toBe('models:/m@a')
    expect(formatModelRef({ model: 'm', version: '2' })).toBe('models:/m/2')
  })

  it('combines --model with exactly one of --version / --alias', () => {
    expect(resolveModelRef({ model: 'credit-risk', alias: 'challenger' })).toEqual({
      model: 'credit-risk',
      alias: 'challenger'
    })
    expect(resolveModelRef({ model: 'credit-risk', version: '7' })).toEqual({ model: 'credit-risk', version: '7' })
    expect(resolveModelRef({ model: 'models:/credit-risk@champion' })).toEqual({
      model: 'credit-risk',
      alias: 'champion'
    })
  })

  it('rejects bad input with one line naming the fix', () => {
    const cases: [() => unknown, RegExp][] = [
      [() => resolveModelRef({}), /^No model given\. Fix: /],
      [() => resolveModelRef({ model: 'm' }), /neither --version nor --alias.*Fix: pass exactly one/],
      [() => resolveModelRef({ model: 'm', version: '1', alias: 'a' }), /both --version and --alias/],
      [() => resolveModelRef({ model: 'models:/m/1', alias: 'a' }), /already selects a version/],
      [() => resolveModelRef({ model: 'm', version: '0' }), /not a positive whole number/],
      [() => resolveModelRef({ model: 'm', version: '1.5' }), /not a positive whole number/],
      [() => resolveModelRef({ model: 'm', alias: 'bad alias!' }), /not a valid MLflow alias/],
      [() => resolveModelRef({ model: 'm', alias: 'latest' }), /reserved MLflow name/],
      [() => parseModelUri('models:/m/Production'), /stages and "latest" are not supported/],
      [() => parseModelUri('models:/m/latest'), /stages and "latest" are not supported/],
      [() => parseModelUri('models:/m'), /names no version or alias/],
      [
        () => parseModelUri('models:/m-0123456789abcdef0123456789abcdef'),
        /logged model, not a registered model version/
      ],
      [() => parseModelUri('runs:/abc/model'), /is not a registered-model URI/],
      [() => parseModelUri('models:/@a'), /empty or padded model name/]
    ]
    for (const [fn, pattern] of cases) {
      const message = invalidMessage(fn)
      expect(message).toMatch(pattern)
      expect(message).toContain('Fix: ')
      expect(message).not.toContain('\n')
    }
  })
})
