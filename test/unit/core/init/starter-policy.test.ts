/**
 * The starter policy `aims-gate init` writes, from evidence built in code: what it proposes, that
 * it does not validate until the roster is filled, that it does then, and that names from MLflow
 * (metric keys, dataset names and contexts) come back from the YAML as the same strings.
 */
import { describe, expect, it } from 'vitest'
import { parseDocument } from 'yaml'
import { present } from '../../../../src/core/evidence/items.js'
import { roundTowards } from '../../../../src/core/init/metric-proposals.js'
import { ROSTER_PLACEHOLDER, starterPolicy } from '../../../../src/core/init/starter-policy.js'
import { parsePolicy } from '../../../../src/core/policy/parse-policy.js'
import { PolicyError } from '../../../../src/core/policy/policy-problems.js'
import { resolveProfile } from '../../../../src/core/policy/resolve-profile.js'
import type { Policy } from '../../../../src/core/policy/types.js'
import { renderPolicyYaml } from '../../../../src/render/init/policy-yaml.js'
import { EvidenceBuilder } from '../../../support/evidence-builder.js'

/** The YAML edit a user makes: the roster's placeholder replaced by a real approver. */
function fillRoster(yaml: string, users: string[] = ['riley-release']): string {
  const document = parseDocument(yaml)
  const requirements = document.getIn(['profiles', 'production', 'requirements']) as { items: unknown[] }
  const idOf = (item: unknown) => (item as { get(k: string): unknown }).get('id')
  const index = requirements.items.findIndex((item) => idOf(item) === 'release-approval')
  document.setIn(['profiles', 'production', 'requirements', index, 'approvers', 'users'], users)
  return document.toString()
}

const written = (builder: EvidenceBuilder) => renderPolicyYaml(starterPolicy(builder.build()))
const valid = (yaml: string): Policy => parsePolicy(fillRoster(yaml), 'policies/credit-risk.yml')
const requirement = (policy: Policy, profile: string, id: string) =>
  resolveProfile(policy, profile).requirements.find((r) => r.id === id)

describe('the starter policy', () => {
  it('is refused by validation while the roster holds the placeholder', () => {
    const yaml = written(EvidenceBuilder.passing())
    expect(yaml).toContain(`users: [${ROSTER_PLACEHOLDER}]`)
    let problems = ''
    try {
      parsePolicy(yaml, 'policies/credit-risk.yml')
    } catch (error) {
      expect(error).toBeInstanceOf(PolicyError)
      problems = (error as PolicyError).message
    }
    expect(problems).toMatch(/approvers\.users\[0\]: identity "TODO" is a placeholder, not a person/)
  })

  it('validates once the roster is filled, with three chained profiles', () => {
    const policy = valid(written(EvidenceBuilder.passing()))
    expect(policy.defaultProfile).toBe('pull-request')
    expect(policy.profiles.staging?.extends).toBe('pull-request')
    expect(policy.profiles.production?.extends).toBe('staging')
    expect(resolveProfile(policy, 'production').requirements.map((r) => r.id)).toEqual([
      'accuracy',
      'roc_auc',
      'provenance',
      'accuracy-vs-champion',
      'roc_auc-vs-champion',
      'card',
      'card-production',
      'impact',
      'release-approval'
    ])
  })

  it('proposes floors 10 % below the champion and comparisons with it', () => {
    const builder = EvidenceBuilder.passing().metric('log_loss', 0.3).metric('log_loss', 0.32, 'champion')
    const policy = valid(written(builder))
    expect(requirement(policy, 'pull-request', 'roc_auc')).toMatchObject({ metric: 'roc_auc', min: 0.7785 })
    expect(requirement(policy, 'pull-request', 'log_loss')).toMatchObject({ max: 0.352 })
    expect(requirement(policy, 'staging', 'log_loss-vs-champion')).toMatchObject({
      baseline: 'champion',
      maxRelativeDecrease: 0.05
    })
    expect(requirement(policy, 'pull-request', 'provenance')).toMatchObject({
      contexts: ['evaluation', 'training'],
      require: ['digest', 'source'],
      distinct: true
    })
    const approval = requirement(policy, 'production', 'release-approval')
    expect(approval).toMatchObject({ approvers: { users: ['riley-release'] }, waivable: false })
  })

  it('without a champion: floors from the version itself, no comparison, a note saying how to add one', () => {
    const yaml = written(EvidenceBuilder.passing().noChampion())
    const policy = valid(yaml)
    expect(requirement(policy, 'pull-request', 'roc_auc')).toMatchObject({ min: 0.783 })
    expect(resolveProfile(policy, 'staging').requirements.some((r) => r.id.endsWith('-vs-champion'))).toBe(false)
    expect(yaml).toContain('No champion to compare with')
    expect(yaml).toContain('10 % below version 3, which logged 0.87.')
  })

  it('sets higherIsBetter, with a comment, on a metric the gate does not know; leaves counts out', () => {
    const builder = EvidenceBuilder.passing().metric('business_value', 12).metric('business_value', 10, 'champion')
    const yaml = written(builder.metric('example_count', 2000).metric('false_negatives', 20))
    const policy = valid(yaml)
    expect(requirement(policy, 'pull-request', 'business_value')).toMatchObject({ higherIsBetter: true, min: 9 })
    expect(requirement(policy, 'staging', 'business_value-vs-champion')).toMatchObject({ higherIsBetter: true })
    expect(yaml).toContain('higherIsBetter is a guess, check it')
    expect(yaml).not.toMatch(/example_count|false_negatives/)
  })

  it('has an evaluation block only when an evaluation file or dataset is logged', () => {
    expect(valid(written(EvidenceBuilder.passing().datasets([{ context: 'training' }]))).evaluation).toBeUndefined()
    const policy = valid(written(EvidenceBuilder.passing()))
    expect(policy.evaluation).toMatchObject({ data: { datasetInput: 'adult-test' }, label: 'label', task: 'binary' })
  })

  it("floors the gate can recompute use its own number once the version's model is ONNX", () => {
    const evidence = EvidenceBuilder.passing().metric('roc_auc', 0.9).metric('score', 0.8).build()
    const logged = parsePolicy(fillRoster(renderPolicyYaml(starterPolicy(evidence))), 'p.yml')
    expect(requirement(logged, 'pull-request', 'roc_auc')).toMatchObject({ source: 'logged' })
    const model = { sourceUri: 'models:/m-1', localDir: '/m', files: [], mlmodel: {}, onnxPath: 'model.onnx' }
    evidence.candidate.model = present(model, { source: 'artifact', uri: 'models:/m-1' })
    const yaml = renderPolicyYaml(starterPolicy(evidence))
    const policy = parsePolicy(fillRoster(yaml), 'p.yml')
    expect(requirement(policy, 'pull-request', 'roc_auc')).toMatchObject({ source: 'recomputed' })
    // `score` is the estimator's own number, not one the gate computes: it stays the logged one.
    expect(requirement(policy, 'pull-request', 'score')).toMatchObject({ source: 'logged' })
    expect(yaml).toContain('Recomputed: aims-gate runs the ONNX graph on the evaluation data')
  })
})

describe('names from MLflow are data in the YAML', () => {
  const HOSTILE = [
    'auc"; min: 0 #',
    "it's: 1\nmin: 0",
    '# not a comment',
    '- [x]: {y}',
    'provenance',
    '&anchor *alias !tag %directive `tick`',
    'a\r\nb\u2028c'
  ]

  it('round-trips hostile metric names, dataset names and contexts as the same strings', () => {
    const builder = EvidenceBuilder.passing().datasets([
      { context: 'train: ing # x', name: "n'1" },
      { context: 'train: ing # x', name: 'n"2\nmin: 0' },
      { context: 'evaluation', name: '- {x}' }
    ])
    for (const name of HOSTILE) builder.metric(name, 0.5).metric(name, 0.5, 'champion')
    const policy = valid(written(builder))
    const requirements = resolveProfile(policy, 'pull-request').requirements
    const metrics = requirements.flatMap((r) => (r.check === 'metric' ? [r.metric] : []))
    expect(metrics.sort()).toEqual([...HOSTILE, 'accuracy', 'roc_auc'].sort())
    const provenance = requirement(policy, 'pull-request', 'provenance')
    expect(provenance).toMatchObject({
      contexts: ['evaluation', 'train: ing # x'],
      names: { 'train: ing # x': 'n"2\nmin: 0' }
    })
    const ids = resolveProfile(policy, 'production').requirements.map((r) => r.id)
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('rounds a proposed floor down and a ceiling up at four significant digits', () => {
    expect(roundTowards(0.78284, true)).toBe(0.7828)
    expect(roundTowards(0.78281, false)).toBe(0.7829)
    expect(roundTowards(1234.5, true)).toBe(1234)
    expect(roundTowards(0, true)).toBe(0)
  })
})
