import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import type { RequirementResult, Verdict } from '../../../../src/core/verdict/types.js'
import {
  annotationFile,
  blockedMessage,
  buildAnnotations,
  commentNote
} from '../../../../src/entry/action/github-report.js'
import { optionsOf } from '../../../../src/options/read-options.js'
import { ACTION_OUTPUT_NAMES } from '../../../../src/render/action-outputs.js'
import { PROMOTED_VERSION_OUTPUT } from '../../../../src/pipeline/promotion/promotion-context.js'
import { BUNDLE_PATH_OUTPUT } from '../../../../src/pipeline/evidence-bundle.js'
import { SARIF_PATH_OUTPUT } from '../../../../src/pipeline/sarif-output.js'

function result(id: string, status: RequirementResult['status'], line?: number): RequirementResult {
  return {
    id,
    check: 'metric',
    status,
    severity: 'block',
    controls: ['A.6.2.4'],
    observed: '0.71',
    expected: '≥ 0.80',
    message: 'roc_auc is below the threshold.',
    evidence: [],
    ...(line === undefined ? {} : { location: { file: 'policies/credit-risk.yml', line } })
  }
}
const verdict = (requirements: RequirementResult[]): Verdict => ({
  verdict: 'fail',
  blocking: requirements.filter((r) => r.status === 'fail' || r.status === 'missing').map((r) => r.id),
  requirements,
  controls: []
})

describe('annotations for the runner', () => {
  it('points at the policy line in the checkout', () => {
    expect(buildAnnotations(verdict([result('auc', 'fail', 12), result('ok', 'pass', 3)]), false)).toEqual({
      calls: [
        {
          level: 'error',
          message: 'roc_auc is below the threshold. Observed: 0.71. Expected: ≥ 0.80.',
          properties: { title: 'auc: failed (blocks release)', file: 'policies/credit-risk.yml', startLine: 12 }
        }
      ]
    })
  })
  it('drops the file for the built-in policy or one outside the workspace, and folds what has no line', () => {
    const plan = buildAnnotations(verdict([result('auc', 'fail', 12), result('card', 'missing')]), true)
    expect(plan.calls[0]!.properties).toEqual({ title: 'auc: failed (blocks release)' })
    expect(plan.foldedNote).toBe('1 more not annotated: card (missing).')
    expect(annotationFile('../elsewhere/policy.yml', false)).toBeUndefined()
    expect(annotationFile('/abs/policy.yml', false)).toBeUndefined()
    expect(annotationFile('./policies/p.yml', false)).toBe('policies/p.yml')
  })
})

describe('job summary notes and failure message', () => {
  it('shows a skipped comment as a note and a written one as a link', () => {
    expect(commentNote(undefined)).toBeUndefined()
    expect(commentNote({ action: 'skipped', reason: 'PR comment skipped: HTTP 403' })).toBe(
      '> [!NOTE]\n> PR comment skipped: HTTP 403'
    )
    expect(
      commentNote({ action: 'updated', url: 'https://github.com/a/b/pull/7#issuecomment-1', truncated: false })
    ).toBe('PR comment updated ([comment](https://github.com/a/b/pull/7#issuecomment-1)).')
    expect(commentNote({ action: 'created', url: 'javascript:alert(1)', truncated: false })).toBe('PR comment created.')
  })
  it('names every blocking requirement', () => {
    expect(blockedMessage(verdict([result('auc', 'fail'), result('impact', 'missing')]))).toBe(
      'Release blocked: 2 blocking requirements failed or had missing evidence: auc, ' +
        'impact. See the job summary for what was observed and how to fix it.'
    )
  })
})

describe('action.yml', () => {
  const action = parse(readFileSync('action.yml', 'utf8')) as {
    inputs: Record<string, { default?: string }>
    outputs: Record<string, unknown>
    runs: { main: string }
  }
  it('declares exactly the inputs the entry reads and the outputs it sets', () => {
    const read = optionsOf('action')
      .flatMap(([, spec]) => (spec.input === undefined ? [] : [spec.input]))
      .sort()
    expect(Object.keys(action.inputs).sort()).toEqual(read)
    const outputs = [...ACTION_OUTPUT_NAMES, PROMOTED_VERSION_OUTPUT, BUNDLE_PATH_OUTPUT, SARIF_PATH_OUTPUT]
    expect(Object.keys(action.outputs).sort()).toEqual(outputs.sort())
    expect(action.runs.main).toBe('dist/index.js')
  })
  it('leaves the profile to the policy (as the CLI does)', () => {
    expect(action.inputs.profile?.default).toBeUndefined()
  })
})
