/**
 * `extends: pack:<name>/<profile>`: the shipped pack files expand into the policy, inherit like
 * any profile (a requirement with the same id replaces the pack's), carry their objectives, and
 * every wrong reference is a policy error naming what exists.
 */
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, test } from 'vitest'
import { parsePolicy } from '../../../../src/core/policy/parse-policy.js'
import { resolveProfile } from '../../../../src/core/policy/resolve-profile.js'

const dir = resolve(import.meta.dirname, '../../../../policies/packs')
const packs = Object.fromEntries(
  readdirSync(dir).map((f) => [f.replace(/\.yml$/, ''), readFileSync(resolve(dir, f), 'utf8')])
)

const policy = (profiles: string): string => `version: 1
name: t
evaluation: { data: { path: eval.csv }, label: y, task: binary }
profiles:
${profiles}`

describe('pack profiles', () => {
  test('a pack profile and the pack profiles it extends are inherited, with their objectives', () => {
    const parsed = parsePolicy(policy('  prod:\n    extends: pack:credit/model-risk\n'), 'p.yml', { packs })
    const profile = resolveProfile(parsed, 'prod')
    expect(profile.chain).toEqual(['pack:credit/screen', 'pack:credit/model-risk', 'prod'])
    expect(profile.requirements.map((r) => r.id)).toContain('four-fifths-sex')
    expect(profile.requirements.map((r) => r.id)).toContain('independent-validation')
    expect(profile.objectives).toEqual(['fairness', 'transparency', 'accountability', 'robustness'])
  })

  test('a requirement with the same id replaces the pack one (own columns, own threshold)', () => {
    const text = policy(
      '  prod:\n    extends: pack:hiring/bias-audit\n    requirements:\n' +
        '      - { id: impact-ratio-sex, check: selection-rate-ratio, sensitiveFeatures: [gender], min: 0.8, ' +
        'controls: [A.6.2.4] }\n'
    )
    const profile = resolveProfile(parsePolicy(text, 'p.yml', { packs }), 'prod')
    const sex = profile.requirements.find((r) => r.id === 'impact-ratio-sex')!
    expect(sex.check === 'selection-rate-ratio' && sex.sensitiveFeatures).toEqual(['gender'])
    expect(profile.requirements[0]!.id).toBe('impact-ratio-sex')
  })

  test('unknown pack, unknown profile, malformed reference and no installed packs are errors', () => {
    const run =
      (ref: string, library = packs) =>
      () =>
        parsePolicy(policy(`  prod:\n    extends: "${ref}"\n    requirements: []\n`), 'p.yml', { packs: library })
    expect(run('pack:credits/screen')).toThrow(
      /unknown pack "credits" \(did you mean "credit"\?\); fix: name one of credit, health, hiring/
    )
    expect(run('pack:health/clinic')).toThrow(/pack "health" has no profile "clinic".*pack:health\/clinical/)
    expect(run('pack:credit')).toThrow(/is not a pack reference/)
    expect(run('pack:credit/screen', {})).toThrow(/no packs are installed/)
  })

  test('objectives are validated', () => {
    const text = (o: string) =>
      policy(
        `  prod:\n    objectives: ${o}\n    requirements:\n` +
          '      - { id: a, check: metric, metric: roc_auc, min: 0.8, controls: [A.6.2.4] }\n'
      )
    expect(parsePolicy(text('[fairness, safety]'), 'p.yml').profiles.prod!.objectives).toEqual(['fairness', 'safety'])
    expect(() => parsePolicy(text('[fairnes]'), 'p.yml')).toThrow(
      /"fairnes" is not allowed; fix: did you mean "fairness"\?/
    )
    expect(() => parsePolicy(text('[safety, safety]'), 'p.yml')).toThrow(/lists an objective twice/)
  })

  test('a policy cannot define its own profile under a pack name (a weaker look-alike of the pack)', () => {
    const text = policy(
      '  "pack:credit/screen":\n    requirements:\n' +
        '      - { id: a, check: metric, metric: roc_auc, min: 0.1, controls: [A.6.2.4] }\n' +
        '  prod:\n    extends: pack:credit/screen\n'
    )
    expect(() => parsePolicy(text, 'p.yml', { packs })).toThrow(/reserved for shipped packs/)
  })
})

describe('the digest of a policy that uses packs', () => {
  const own = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex')
  const text = policy('  prod:\n    extends: pack:credit/screen\n')

  test('covers the packs it uses: an edited or older pack text gives another digest', () => {
    const parsed = parsePolicy(text, 'p.yml', { packs })
    expect(parsed.sha256).not.toBe(own(text))
    const edited = { ...packs, credit: (packs.credit as string).replace('min: 0.8', 'min: 0.5') }
    expect(edited.credit).not.toBe(packs.credit)
    expect(parsePolicy(text, 'p.yml', { packs: edited }).sha256).not.toBe(parsed.sha256)
    // A pack the policy does not use is not part of its digest.
    const other = { ...packs, health: `${packs.health}\n# changed\n` }
    expect(parsePolicy(text, 'p.yml', { packs: other }).sha256).toBe(parsed.sha256)
  })

  test('of a policy without packs is the SHA-256 of its file, as before', () => {
    const plain = policy(
      '  prod:\n    requirements:\n      - { id: auc, check: metric, metric: roc_auc, min: 0.7, controls: [A.6.2.4] }\n'
    )
    expect(parsePolicy(plain, 'p.yml', { packs }).sha256).toBe(own(plain))
  })
})
