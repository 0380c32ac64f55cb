import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { CommandIO } from '../../../../src/commands/command.js'
import { policyCommand } from '../../../../src/commands/policy-validate.js'
import { main } from '../../../../src/entry/cli.js'
import { assertEvaluationConfigured } from '../../../../src/core/policy/evaluation-required.js'
import { parsePolicy } from '../../../../src/core/policy/parse-policy.js'
import { PolicyError } from '../../../../src/core/policy/policy-problems.js'
import { resolveProfile } from '../../../../src/core/policy/resolve-profile.js'

const RECONCILED =
  '{ id: auc-reconciled, check: metric, metric: roc_auc, min: 0.8, source: ' +
  'reconciled, tolerance: 0.000001, controls: [A.6.2.4] }'
const FAIRNESS =
  '{ id: eo-sex, check: fairness, metric: equal_opportunity_difference, ' +
  'sensitiveFeatures: [sex], max: 0.3, controls: [A.5.4] }'

function policy(evaluation: string, requirements: string[]): string {
  return `version: 1
name: t
${evaluation}
profiles:
  p:
    requirements:
${requirements.map((r) => `      - ${r}`).join('\n')}
`
}

const problems = (text: string): string => {
  try {
    parsePolicy(text, 'p.yml')
  } catch (error) {
    return (error as Error).message
  }
  return ''
}

function refusal(text: string): string {
  const parsed = parsePolicy(text, 'p.yml')
  try {
    assertEvaluationConfigured(parsed, resolveProfile(parsed, 'p'))
  } catch (error) {
    expect(error).toBeInstanceOf(PolicyError)
    return (error as Error).message
  }
  return ''
}

describe('the evaluation block', () => {
  it('parses each data source and keeps the settings on the policy', () => {
    for (const data of [
      '{ artifact: eval/evaluation.csv }',
      '{ path: data/eval.parquet }',
      '{ datasetInput: eval-set }'
    ]) {
      const parsed = parsePolicy(
        policy(`evaluation: { data: ${data}, label: y, positiveClass: 1, task: binary, batchSize: 1024 }`, [
          RECONCILED
        ]),
        'p.yml'
      )
      expect(parsed.evaluation).toMatchObject({ label: 'y', positiveClass: 1, task: 'binary', batchSize: 1024 })
    }
    const withoutData = parsePolicy(policy('evaluation: { label: y, task: regression }', [RECONCILED]), 'p.yml')
    expect(withoutData.evaluation).toEqual({ label: 'y', task: 'regression' })
  })

  it('refuses unknown keys, a data source with two kinds, a missing label and a bad task', () => {
    expect(problems(policy('evaluation: { data: { artifact: a.csv }, label: y, task: binary, lable: x }', []))).toMatch(
      /evaluation.*lable/
    )
    expect(
      problems(policy('evaluation: { data: { artifact: a.csv, path: b.csv }, label: y, task: binary }', []))
    ).toMatch(/evaluation\.data: names 2 sources \(artifact, path\); fix: give exactly one/)
    expect(problems(policy('evaluation: { data: { artifact: ../a.csv }, label: y, task: binary }', []))).toMatch(
      /without "\.\."/
    )
    expect(problems(policy('evaluation: { data: {}, label: y, task: binary }', []))).toMatch(
      /evaluation\.data: names no source/
    )
    expect(problems(policy('evaluation: { task: binary }', []))).toMatch(/evaluation\.label/)
    expect(problems(policy('evaluation: { label: y, task: classification }', []))).toMatch(
      /fix: use one of binary, multiclass, regression/
    )
  })

  it('refuses positiveClass outside a binary task and a weight column equal to the label', () => {
    expect(problems(policy('evaluation: { label: y, task: multiclass, positiveClass: 1 }', []))).toMatch(
      /positiveClass applies only to task: binary/
    )
    expect(problems(policy('evaluation: { label: y, task: binary, weightColumn: y }', []))).toMatch(
      /weightColumn names the label column/
    )
  })

  it('takes output: { kind, name? } for a binary score-only graph, and refuses anything else', () => {
    const parsed = parsePolicy(
      policy('evaluation: { label: y, task: binary, output: { kind: logits, name: out } }', [RECONCILED]),
      'p.yml'
    )
    expect(parsed.evaluation?.output).toEqual({ kind: 'logits', name: 'out' })
    expect(problems(policy('evaluation: { label: y, task: binary, output: { kind: sigmoid } }', [RECONCILED]))).toMatch(
      /evaluation\.output\.kind: "sigmoid" is not allowed; fix: use one of probability, logits/
    )
    expect(
      problems(policy('evaluation: { label: y, task: binary, output: { kind: logits, axis: 1 } }', [RECONCILED]))
    ).toMatch(/axis/)
    expect(
      problems(policy('evaluation: { label: y, task: regression, output: { kind: probability } }', [RECONCILED]))
    ).toMatch(/output applies only to task: binary/)
  })

  it(
    'makes a profile that runs the model without an evaluation block a policy error ' +
      'naming the requirement and the fix',
    () => {
      const message = refusal(policy('', [RECONCILED, FAIRNESS]))
      expect(message).toContain('requirement "auc-reconciled" (and eo-sex) (source: reconciled)')
      expect(message).toContain('fix: add at the top level e.g. `evaluation:')
      expect(message).toMatch(/^p\.yml:\d+: profiles\.p:/)
      expect(refusal(policy('', [FAIRNESS]))).toContain('(check: fairness)')
      // Logged metrics read no data: no block needed.
      expect(refusal(policy('', ['{ id: auc, check: metric, metric: roc_auc, min: 0.8, controls: [A.6.2.4] }']))).toBe(
        ''
      )
      expect(refusal(policy('evaluation: { label: y, task: binary }', [RECONCILED, FAIRNESS]))).toBe('')
    }
  )

  it('refuses two fairness requirements on the same features judging different predictions', () => {
    const other = FAIRNESS.replace('eo-sex', 'dp-sex')
      .replace('equal_opportunity_difference', 'demographic_parity_difference')
      .replace(' }', ', predictionColumn: pred }')
    const message = refusal(policy('evaluation: { label: y, task: binary }', [FAIRNESS, other]))
    expect(message).toContain('"eo-sex" and "dp-sex" both group by [sex]')
    expect(message).toContain("the model's predictions vs predictionColumn pred")
  })

  it('is enforced by policy validate too (exit 2, naming the requirement)', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'evaluation-block-'))
    try {
      await writeFile(path.join(dir, 'p.yml'), policy('', [RECONCILED]))
      let stderr = ''
      const io: CommandIO = { stdout: () => undefined, stderr: (t) => (stderr += t), env: {}, cwd: dir, isTTY: false }
      // Through the CLI entry, which reports the command's errors.
      expect(await main(['policy', 'validate', 'p.yml'], io, [policyCommand])).toBe(2)
      expect(stderr).toContain(
        'requirement "auc-reconciled" (source: reconciled) runs the model on evaluation ' +
          'data, but the policy has no evaluation block'
      )
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
