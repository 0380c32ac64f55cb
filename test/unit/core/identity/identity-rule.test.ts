/**
 * The identity rule: canonical forms, UTS #39 skeletons and what may approve. Look-alike inputs
 * are written with explicit escapes so the test reads unambiguously.
 */
import { describe, expect, it } from 'vitest'
import { canonicalIdentity, comparisonKey, quoteIdentity } from '../../../../src/core/identity/canonical-identity.js'
import { createIdentityDirectory } from '../../../../src/core/identity/identity-directory.js'
import { identityProblem } from '../../../../src/core/identity/identity-problems.js'
import { judgeApprover } from '../../../../src/core/identity/judge-approver.js'
import { skeleton } from '../../../../src/core/identity/skeleton.js'

const trainer = [{ identity: 'dana-trainer', role: 'trained the run' }]
const directory = createIdentityDirectory([{ person: 'dana', aliases: ['dana-trainer', 'dana@example.com'] }])
const judge = (raw: string, roster?: { users?: string[]; teams?: string[] }) =>
  judgeApprover(raw, { directory, protectedIdentities: trainer, ...(roster === undefined ? {} : { roster }) })

describe('canonical identity', () => {
  it('applies NFKC, case folding and removes invisible characters', () => {
    expect(canonicalIdentity('\uFF24\uFF41\uFF4E\uFF41')).toBe('dana') // fullwidth
    expect(canonicalIdentity('Dana\u200B-Trainer')).toBe('dana-trainer') // zero-width space
    expect(canonicalIdentity('\u202Edana')).toBe('dana') // bidi override
    expect(canonicalIdentity('STRAẞE')).toBe('strasse')
  })
  it("maps confusables with Unicode's skeleton data", () => {
    expect(skeleton('d\u0430na')).toBe(skeleton('dana')) // Cyrillic а
    expect(skeleton('\u0440aypal')).toBe(skeleton('paypal')) // Cyrillic р
    expect(comparisonKey('d\u00E1na-trainer')).toBe(comparisonKey('dana-trainer')) // accent
    expect(comparisonKey('dana-trai\u0301ner')).toBe(comparisonKey('dana-trainer')) // combining mark
    expect(comparisonKey('dana-tra1ner')).toBe(comparisonKey('dana-tralner'))
    expect(comparisonKey('dana+release@example.com')).toBe(comparisonKey('dana@example.com'))
  })
  it('quotes untrusted identities visibly', () => {
    expect(quoteIdentity('dana\u200B')).toBe('"dana\\u{200B}"')
  })
})

describe('what may approve', () => {
  it.each([
    ['dana-trainer', /dana-trainer trained the run/],
    ['DANA-TRAINER', /DANA-TRAINER trained the run/],
    ['dana\u200B-trainer', /looks like/],
    ['dana\u2060-trainer', /looks like/],
    ['d\u0430na-trainer', /looks like or is an alias of "dana-trainer", who trained the run/],
    ['\uFF44\uFF41\uFF4E\uFF41-trainer', /looks like/],
    ['d\u00E1na-trainer', /looks like/],
    ['da\u0301na-trainer', /looks like/],
    ['\u202Edana-trainer', /looks like/],
    ['dana@example.com', /alias of "dana-trainer"/],
    ['dana-trainer@example.com', /alias of "dana-trainer"/],
    ['Dana+ship@Example.com', /alias of "dana-trainer"/]
  ])('refuses %j as the trainer (separation of duties)', (raw, reason) => {
    const judgement = judge(raw)
    expect(judgement.counts).toBe(false)
    if (!judgement.counts) expect(judgement.reason).toMatch(reason)
  })

  it.each([
    ['null', /placeholder/],
    ['None', /placeholder/],
    ['', /empty/],
    ['   ', /empty/],
    ['*', /wildcard/],
    ['release-*', /wildcard/],
    ['everyone', /wildcard/],
    ['riley,sam', /separator/],
    ['riley;sam', /separator/],
    ['riley|sam', /separator/],
    ['riley sam', /separator/],
    ['<b>riley</b>', /HTML/],
    ['riley\u0007', /control/],
    ['riley\n', /control/],
    ['riley.', /misplaced/],
    ['r\u0456ley', /outside a-z/],
    ['riley\u200B', /invisible/]
  ])('refuses junk %j and says why', (raw, reason) => {
    const judgement = judge(raw)
    expect(judgement.counts).toBe(false)
    if (!judgement.counts) expect(judgement.reason).toMatch(reason)
  })

  it('counts a plain independent login or e-mail', () => {
    expect(judge('riley-release').counts).toBe(true)
    expect(judge('riley@example.com').counts).toBe(true)
    expect(identityProblem('riley-release')).toBeUndefined()
  })

  it('with a roster, counts only entries written exactly (or listed aliases)', () => {
    const roster = { users: ['riley-release'] }
    expect(judge('riley-release', roster).counts).toBe(true)
    expect(judge('Riley-Release', roster).counts).toBe(true)
    const lookalike = judge('riley-re1ease', roster)
    expect(lookalike.counts).toBe(false)
    if (!lookalike.counts) expect(lookalike.reason).toMatch(/is not the approver riley-release/)
    // An address whose local part is a roster login is not that person.
    expect(judge('riley-release@evil.example', roster).counts).toBe(false)
    const withAlias = createIdentityDirectory([{ person: 'riley', aliases: ['riley-release', 'riley@example.com'] }])
    expect(
      judgeApprover('riley@example.com', { directory: withAlias, protectedIdentities: trainer, roster }).counts
    ).toBe(true)
  })

  it('never counts a team rule judged by name alone (offline)', () => {
    const judgement = judge('sam', { teams: ['acme/release'] })
    expect(judgement).toMatchObject({ counts: false, eligible: 'unknown' })
    if (!judgement.counts) expect(judgement.reason).toMatch(/can only be verified through GitHub/)
  })
})
