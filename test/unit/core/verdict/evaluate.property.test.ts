/**
 * Properties of the verdict engine over random policies and random evidence:
 * - the verdict never passes while a blocking requirement is fail or missing (and passes otherwise);
 * - a requirement's status depends only on the evidence it reads;
 * - results do not depend on the order of requirements.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { runCheck } from '../../../../src/core/checks/registry.js'
import { missing } from '../../../../src/core/evidence/items.js'
import type { Evidence } from '../../../../src/core/evidence/types.js'
import type { LocatedRequirement, ResolvedProfile } from '../../../../src/core/policy/types.js'
import { evaluate } from '../../../../src/core/verdict/evaluate.js'
import { EvidenceBuilder, NOW, datasetItem, metricItem } from '../../../support/evidence-builder.js'
import { requirement } from '../../../support/requirement-builder.js'

const METRICS = ['roc_auc', 'accuracy', 'f1'] as const
const severity = fc.constantFrom('block', 'warn')
const controls = fc.subarray(['A.6.2.4', 'A.7.5', 'A.5.3', 'A.6.2.7', 'A.6.2.5'], { minLength: 1 })

const requirementArb: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  fc.record({
    check: fc.constant('metric'),
    metric: fc.constantFrom(...METRICS),
    min: fc.double({ min: 0, max: 1, noNaN: true }),
    severity,
    controls
  }),
  fc.record({
    check: fc.constant('metric'),
    metric: fc.constantFrom(...METRICS),
    baseline: fc.constant('champion'),
    maxDecrease: fc.double({ min: 0, max: 0.1, noNaN: true }),
    severity,
    controls
  }),
  fc.record({
    check: fc.constant('metric'),
    metric: fc.constantFrom(...METRICS),
    min: fc.constant(0.5),
    source: fc.constant('reconciled'),
    tolerance: fc.constantFrom(0, 0.01),
    severity,
    controls
  }),
  fc.record({
    check: fc.constant('datasets'),
    contexts: fc.subarray(['training', 'evaluation'], { minLength: 1 }),
    distinct: fc.boolean(),
    severity,
    controls
  }),
  fc.record({
    check: fc.constant('artifact'),
    path: fc.constantFrom('impact_assessment.md', 'risk.md'),
    maxAgeDays: fc.integer({ min: 1, max: 400 }),
    severity,
    controls
  }),
  fc.record({
    check: fc.constant('documentation'),
    sections: fc.subarray(['intended_use', 'limitations', 'human_oversight'] as const, { minLength: 1 }),
    severity,
    controls
  }),
  fc.record({
    check: fc.constant('approval'),
    minApprovals: fc.integer({ min: 1, max: 2 }),
    separationOfDuties: fc.boolean(),
    severity,
    controls
  })
)

const requirementsArb = fc
  .array(requirementArb, { minLength: 1, maxLength: 8 })
  .map((inputs) =>
    inputs.map(
      (input, index) => requirement({ ...(input as { check: 'metric' }), id: `r${index}` }) as LocatedRequirement
    )
  )

const metricValue = fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined })

const evidenceArb: fc.Arbitrary<Evidence> = fc
  .record({
    candidate: fc.tuple(metricValue, metricValue, metricValue),
    champion: fc.option(fc.tuple(metricValue, metricValue, metricValue), { nil: undefined }),
    recomputed: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
    sameDigest: fc.boolean(),
    dropEvaluation: fc.boolean(),
    document: fc.constantFrom('fresh', 'old', 'absent', 'undated'),
    card: fc.constantFrom('full', 'partial', 'absent'),
    approvers: fc.constantFrom('', 'head-of-risk', 'data-scientist', 'head-of-risk, cro'),
    runMissing: fc.boolean()
  })
  .map((s) => {
    const b = EvidenceBuilder.passing()
    METRICS.forEach((key, i) => {
      const value = s.candidate[i]
      if (value === undefined) b.withoutMetric(key)
      else b.metric(key, value)
    })
    if (s.champion === undefined) b.noChampion()
    else
      METRICS.forEach((key, i) => {
        const value = s.champion?.[i]
        if (value === undefined) b.withoutMetric(key, 'champion')
        else b.metric(key, value, 'champion')
      })
    if (s.recomputed !== undefined) b.recomputed({ roc_auc: s.recomputed, accuracy: s.recomputed, f1: s.recomputed })
    b.datasets([
      { context: 'training', digest: 'aaa' },
      ...(s.dropEvaluation ? [] : [{ context: 'evaluation', digest: s.sameDigest ? 'aaa' : 'bbb' }])
    ])
    const docs = {
      fresh: 'Reviewed: 2026-05-01',
      old: 'Reviewed: 2020-01-01',
      undated: 'text',
      absent: missing('not-found', 'absent')
    }
    b.document('impact_assessment.md', docs[s.document as keyof typeof docs]).document(
      'risk.md',
      'Reviewed: 2026-01-01'
    )
    if (s.card === 'absent') b.cardSource(missing('not-found', 'no card'))
    if (s.card === 'partial') b.cardSource('## Intended use\nScreening.\n## Limitations\nTODO\n')
    b.versionTags({ 'aims.approved_by': s.approvers === '' ? undefined : s.approvers })
    if (s.runMissing) b.noRun()
    return b.build()
  })

const profileOf = (requirements: LocatedRequirement[]): ResolvedProfile => ({
  policy: { name: 't', file: 't.yml', sha256: '0' },
  name: 'p',
  chain: ['p'],
  requirements,
  controls: { 'A.5.3': { applicable: false, justification: 'test' } },
  waivers: [
    {
      requirement: 'r0',
      model: 'credit-risk',
      versions: ['3'],
      reason: 'r',
      approvedBy: 'x',
      approved: '2026-05-01',
      expires: '2026-07-30'
    }
  ]
})

/** Evidence no requirement above reads: other metrics, datasets of other contexts, other documents and tags. */
function addUnrelated(evidence: Evidence, extra: { metric: number; tag: string }): Evidence {
  const copy = structuredClone(evidence)
  if (copy.candidate.run.kind === 'present') {
    copy.candidate.run.value.metrics.unrelated_metric = metricItem('unrelated_metric', extra.metric)
    copy.candidate.run.value.datasets.push(datasetItem({ context: 'unrelated-context', digest: 'zzz' }))
    copy.candidate.run.value.tags['team.note'] = extra.tag
    copy.candidate.run.value.params.unrelated = extra.tag
  }
  copy.candidate.modelVersion.value.tags['team.note'] = extra.tag
  copy.registeredModel.value.tags['team.note'] = extra.tag
  copy.candidate.documents['unrelated/notes.md'] = {
    kind: 'present',
    value: { path: 'unrelated/notes.md', text: extra.tag, size: 1, sha256: '1' },
    provenance: { source: 'artifact', uri: 'x' }
  }
  copy.change = { ...copy.change, gitCommit: 'abc123', runUrl: 'https://ci.example/run/1' }
  return copy
}

describe('verdict properties', () => {
  it('never passes while a blocking requirement is fail or missing, and passes otherwise', () => {
    fc.assert(
      fc.property(requirementsArb, evidenceArb, (requirements, evidence) => {
        const verdict = evaluate(profileOf(requirements), evidence, { now: NOW })
        const blocked = verdict.requirements.some(
          (r) => r.severity === 'block' && (r.status === 'fail' || r.status === 'missing')
        )
        expect(verdict.verdict).toBe(blocked ? 'fail' : 'pass')
        expect(verdict.blocking.length > 0).toBe(blocked)
      }),
      { numRuns: 300 }
    )
  })

  it('a requirement status does not change when unrelated evidence is added', () => {
    fc.assert(
      fc.property(
        requirementsArb,
        evidenceArb,
        fc.double({ noNaN: true }),
        fc.string(),
        (requirements, evidence, metric, tag) => {
          const noisy = addUnrelated(evidence, { metric, tag })
          for (const req of requirements) {
            expect(runCheck(req, noisy, { now: NOW }).status).toBe(runCheck(req, evidence, { now: NOW }).status)
          }
        }
      ),
      { numRuns: 300 }
    )
  })

  it('results do not depend on requirement order', () => {
    fc.assert(
      fc.property(
        requirementsArb.chain((requirements) =>
          fc.tuple(
            fc.constant(requirements),
            fc.shuffledSubarray(requirements, { minLength: requirements.length, maxLength: requirements.length })
          )
        ),
        evidenceArb,
        ([requirements, shuffled], evidence) => {
          const a = evaluate(profileOf(requirements), evidence, { now: NOW })
          const b = evaluate(profileOf(shuffled), evidence, { now: NOW })
          const byId = (v: typeof a) => Object.fromEntries(v.requirements.map((r) => [r.id, r]))
          expect(byId(b)).toEqual(byId(a))
          expect(b.verdict).toBe(a.verdict)
          expect([...b.blocking].sort()).toEqual([...a.blocking].sort())
          expect(b.controls.map((c) => [c.id, c.status, [...c.requirements].sort()])).toEqual(
            a.controls.map((c) => [c.id, c.status, [...c.requirements].sort()])
          )
        }
      ),
      { numRuns: 200 }
    )
  })
})
