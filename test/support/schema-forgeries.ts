/**
 * Reports for checking the shipped report schema: real ones from the example policy (passing and
 * blocked) and forged ones whose control ids are not Annex A's.
 */
import { readFileSync } from 'node:fs'
import { CONTROL_IDS } from '../../src/core/controls/catalog.js'
import { parsePolicy } from '../../src/core/policy/parse-policy.js'
import { resolveProfile } from '../../src/core/policy/resolve-profile.js'
import { evaluate } from '../../src/core/verdict/evaluate.js'
import { buildReport } from '../../src/render/report.js'
import { EvidenceBuilder, NOW } from './evidence-builder.js'
import { withExampleRecompute } from './example-recompute.js'

const policy = parsePolicy(readFileSync('examples/credit-risk/policy.yml', 'utf8'), 'examples/credit-risk/policy.yml')
const profile = resolveProfile(policy, 'production')

export function reportFor(builder: EvidenceBuilder): Record<string, unknown> {
  const run = builder.build().candidate.run
  const evidence = withExampleRecompute(
    builder,
    run.kind === 'present' ? run.value.metrics.roc_auc?.value.value : undefined
  )
  const report = buildReport({
    verdict: evaluate(profile, evidence, { now: NOW }),
    evidence,
    profile: profile.name,
    policy: profile.policy,
    now: NOW
  })
  return JSON.parse(JSON.stringify(report)) as Record<string, unknown>
}

type Mutable = { requirements: { controls: string[] }[]; controls: { id: string }[] }

function forged(mutate: (report: Mutable) => void): Record<string, unknown> {
  const report = reportFor(EvidenceBuilder.passing())
  mutate(report as unknown as Mutable)
  return report
}

export const FORGERIES: [string, Record<string, unknown>][] = [
  ['a requirement citing A.99.bogus', forged((r) => r.requirements[0]?.controls.push('A.99.bogus'))],
  [
    'a statement-of-applicability row for A.99.bogus',
    forged((r) => {
      if (r.controls[0]) r.controls[0].id = 'A.99.bogus'
    })
  ],
  [
    'a control id with a trailing space',
    forged((r) => {
      if (r.controls[0]) r.controls[0].id = `${CONTROL_IDS[0]} `
    })
  ],
  ['a control id in another case', forged((r) => r.requirements[0]?.controls.splice(0, 1, 'a.6.2.4'))]
]
