import { GateError } from '../../src/core/errors.js'

/** The GateError `fn` throws (anything else, or nothing, fails the test). */
export function refusal(fn: () => unknown): GateError {
  try {
    fn()
  } catch (error) {
    if (error instanceof GateError) return error
    throw error
  }
  throw new Error('expected a GateError')
}
