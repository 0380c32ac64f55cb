/** Properties of the identity rule: look-alikes of a protected identity never count; idempotence. */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { canonicalIdentity, comparisonKey } from '../../../../src/core/identity/canonical-identity.js'
import { createIdentityDirectory } from '../../../../src/core/identity/identity-directory.js'
import { judgeApprover } from '../../../../src/core/identity/judge-approver.js'
import { skeleton } from '../../../../src/core/identity/skeleton.js'

// Each ASCII letter with look-alikes from other scripts, width forms and invisible padding.
const LOOKALIKES: Record<string, string[]> = {
  a: ['a', 'A', '\u0430', '\uFF41', '\u00E1', 'a\u0301'],
  d: ['d', 'D', '\u0501', '\uFF44'],
  e: ['e', 'E', '\u0435', '\uFF45', '\u00E9'],
  i: ['i', 'I', '\u0456', '\uFF49', '\u00ED'],
  n: ['n', 'N', '\uFF4E', '\u00F1'],
  r: ['r', 'R', '\u0433', '\uFF52'],
  t: ['t', 'T', '\uFF54'],
  '-': ['-', '\u2010', '\u2011', '\uFF0D']
}
const INVISIBLE = ['', '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD', '\u202E', '\u2066']
const PROTECTED = 'dana-trainer'

const disguised = fc
  .tuple(
    fc.tuple(...[...PROTECTED].map((char) => fc.constantFrom(...(LOOKALIKES[char] ?? [char])))),
    fc.array(fc.tuple(fc.nat(PROTECTED.length), fc.constantFrom(...INVISIBLE)), { maxLength: 3 })
  )
  .map(([chars, inserts]) => {
    const out = [...chars]
    for (const [at, mark] of inserts) out.splice(at, 0, mark)
    return out.join('')
  })

describe('identity rule properties', () => {
  it('an approver whose skeleton equals a protected identity never counts', () => {
    const directory = createIdentityDirectory()
    fc.assert(
      fc.property(disguised, (raw) => {
        expect(
          judgeApprover(raw, { directory, protectedIdentities: [{ identity: PROTECTED, role: 'trained the run' }] })
            .counts
        ).toBe(false)
      }),
      { numRuns: 500 }
    )
  })

  it('any string with the same comparison key as the protected identity never counts', () => {
    const directory = createIdentityDirectory()
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 16 }), (raw) => {
        if (comparisonKey(raw) !== comparisonKey(PROTECTED)) return
        expect(
          judgeApprover(raw, { directory, protectedIdentities: [{ identity: PROTECTED, role: 'trained the run' }] })
            .counts
        ).toBe(false)
      }),
      { numRuns: 300 }
    )
  })

  it('a key that folding turns into new look-alikes is taken to its fixed point (fast-check found ؉)', () => {
    // ؉ folds to o/00 and 0 is a look-alike of o: the key must not move on a second pass.
    expect(comparisonKey('\u0609')).toBe(comparisonKey(comparisonKey('\u0609')))
    expect(comparisonKey('\u0609')).toBe(comparisonKey('o/oo'))
  })

  it('normalisation is idempotent', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), disguised), (raw) => {
        const once = canonicalIdentity(raw)
        expect(canonicalIdentity(once)).toBe(once)
        expect(skeleton(skeleton(once))).toBe(skeleton(once))
        expect(comparisonKey(comparisonKey(raw))).toBe(comparisonKey(raw))
      }),
      { numRuns: 500 }
    )
  })
})
