import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { GateError } from '../../../../src/core/errors.js'
import { missing, present } from '../../../../src/core/evidence/items.js'
import { loadCardTemplate } from '../../../../src/publish/load-card-template.js'
import { buildCardModel } from '../../../../src/render/card/card-model.js'
import { renderCard } from '../../../../src/render/card/render-card.js'
import {
  FIXTURE_GENERATED_AT,
  FIXTURE_POLICY,
  fixtureDocumentation,
  fixtureEvidence,
  fixtureVerdict
} from '../../../support/card-fixtures.js'

const root = path.resolve(import.meta.dirname, '../../../..')
const GOLDEN = path.join(import.meta.dirname, '__golden__', 'card.md')

async function renderFixture(): Promise<string> {
  const template = await loadCardTemplate({ cwd: root, defaultDir: path.join(root, 'model-cards/default') })
  const view = buildCardModel({
    evidence: fixtureEvidence(),
    verdict: fixtureVerdict(),
    documentation: fixtureDocumentation(),
    championDocumentation: fixtureDocumentation({ limitations: 'Older text.' }),
    policy: FIXTURE_POLICY,
    generatedAt: FIXTURE_GENERATED_AT
  })
  return renderCard(view, template)
}

function frontMatter(card: string): Record<string, unknown> {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(card)
  if (match === null) throw new Error('no front matter')
  return parse(match[1] as string) as Record<string, unknown>
}

describe('default card template', () => {
  it('matches the golden card (UPDATE_GOLDEN=1 to accept a deliberate change)', async () => {
    const card = await renderFixture()
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(GOLDEN, card)
    expect(card).toBe(readFileSync(GOLDEN, 'utf8'))
  })

  it('has front matter with a Hugging Face model-index whose numbers equal the evidence', async () => {
    const fm = frontMatter(await renderFixture())
    expect(fm.license).toBe('apache-2.0')
    // Only Hub dataset ids belong in `datasets`; the fixture's datasets are local files.
    expect(fm.datasets).toBeUndefined()
    expect(fm.pipeline_tag).toBe('tabular-classification')
    const index = fm['model-index'] as {
      name: string
      results: {
        task: { type: string }
        dataset: { name: string; type: string }
        metrics: { type: string; value: number; name: string }[]
      }[]
    }[]
    expect(index[0]?.name).toBe('credit-risk')
    const logged = index[0]?.results[0]
    expect(logged?.task.type).toBe('tabular-classification')
    expect(logged?.dataset).toEqual({ name: 'adult-eval', type: 'adult-eval', revision: '7b4e0d22' })
    // Hub metric ids in `type`, the MLflow name kept in `name`.
    // The recomputation ran on the same dataset (same digest), so its numbers join that result:
    // the Hub merges results on one task and dataset, and a round trip must not change the card.
    expect(logged?.metrics.map((m) => [m.type, m.value, m.name])).toEqual([
      ['accuracy', 0.8512, 'accuracy'],
      ['f1', 0.6843, 'f1_score'],
      ['roc_auc', 0.8731, 'roc_auc'],
      ['roc_auc', 0.8729, 'roc_auc (recomputed)']
    ])
    expect(index[0]?.results).toHaveLength(1)
  })

  it('shows every section, and missing ones as missing', async () => {
    const card = await renderFixture()
    for (const heading of [
      'Contents',
      'Requirements',
      'Appendix: Statement of Applicability',
      'Identity',
      'Intended use',
      'Users and AI-interaction disclosure',
      'Architecture and training method',
      'Training and evaluation data',
      'Performance',
      'Limitations and failure modes',
      'Human oversight',
      'Monitoring and support',
      'Impact assessment',
      'Approvals',
      'Waivers in force',
      'Annex A evidence matrix'
    ]) {
      expect(card).toContain(`\n## ${heading}\n`)
    }
    expect(card).toContain(
      '**Missing:** no source provides Users — add a `## Users` section to ' +
        'model-cards/credit-risk.md or an `aims.card.users` tag.'
    )
    expect(card).toContain(
      '| roc\\_auc [3] [4] | 0.8731 | 0.8729 | ✅ ≥ 0.80 (auc-floor)<br>✅ within 0.005 ' +
        'of logged 0.8731 (auc-recomputed) | 0.861 | +0.0121 |'
    )
    // The numbered source names the run, the step and the metric URI pattern (datasets are [1], [2]).
    expect(card).toContain(
      '- [1] logged in run 0a1b2c3d4e5f60718293a4b5c6d7e8f9 ' +
        '(runs:/0a1b2c3d4e5f60718293a4b5c6d7e8f9/inputs/adult-train, dataset digest 3f2a9c1d)'
    )
    expect(card).toContain('- [4] recomputed on data/adult/eval.csv (dataset digest 7b4e0d22, sha256 cccc')
    expect(card).toContain(
      '- [3] logged in run 0a1b2c3d4e5f60718293a4b5c6d7e8f9 ' +
        '(runs:/0a1b2c3d4e5f60718293a4b5c6d7e8f9/metrics/&lt;metric&gt;), step 0'
    )
    expect(card).toContain(
      '## Changes from the champion\nCompared with credit-risk v2 (champion); only what changed is listed.'
    )
    expect(card).toContain(
      'Metrics changed: roc\\_auc +0.0121. added: f1\\_score 0.6843. removed: ' +
        'log\\_loss (was 0.33). 1 metric unchanged. 1 recomputed metric was not compared'
    )
    expect(card).toContain('- Documentation: Limitations edited')
  })

  it('sends a missing section to the card source that was read (--card-source), not to the default file', () => {
    const evidence = fixtureEvidence()
    evidence.cardSource = present(
      { path: 'docs/cards/risk.md', text: '## Limitations\nSome.\n' },
      { source: 'repo-file', uri: 'docs/cards/risk.md' }
    )
    const view = buildCardModel({
      evidence,
      verdict: fixtureVerdict(),
      documentation: fixtureDocumentation(),
      policy: FIXTURE_POLICY,
      generatedAt: FIXTURE_GENERATED_AT
    })
    const hints = Object.values(view.sections).flatMap((section) => (section.missing === null ? [] : [section.missing]))
    expect(hints.length).toBeGreaterThan(0)
    for (const hint of hints) {
      expect(hint).toContain('section to docs/cards/risk.md or an')
      expect(hint).not.toContain('model-cards/')
    }
  })

  it('fails on a field the view model does not have (strict mode), naming it', async () => {
    const template = await loadCardTemplate({ cwd: root, defaultDir: path.join(root, 'model-cards/default') })
    const view = buildCardModel({
      evidence: fixtureEvidence(),
      verdict: fixtureVerdict(),
      documentation: fixtureDocumentation(),
      policy: FIXTURE_POLICY,
      generatedAt: FIXTURE_GENERATED_AT
    })
    const broken = { ...template, name: 'my-card.md.hbs', source: `${template.source}\n{{verdict.headlin}}\n` }
    expect(() => renderCard(view, broken)).toThrow(GateError)
    expect(() => renderCard(view, broken)).toThrow(/my-card\.md\.hbs.*"headlin" not defined/)
  })

  it('renders incomplete evidence with every gap stated and no diff without a champion', async () => {
    const template = await loadCardTemplate({ cwd: root, defaultDir: path.join(root, 'model-cards/default') })
    const evidence = fixtureEvidence()
    evidence.candidate.run = missing('not-found', 'Run 0a1b is deleted.')
    evidence.candidate.model = missing('unreachable', 'The artifact store timed out.')
    evidence.candidate.recomputed = undefined
    evidence.candidate.documents = {}
    evidence.champion = missing('not-found', 'Alias champion is not set.')
    evidence.externalApprovals = undefined
    const verdict = { verdict: 'fail' as const, blocking: [], requirements: [], controls: [] }
    const card = renderCard(
      buildCardModel({
        evidence,
        verdict,
        documentation: fixtureDocumentation(),
        policy: FIXTURE_POLICY,
        generatedAt: FIXTURE_GENERATED_AT
      }),
      template
    )
    expect(card).toContain('| Run | **Missing** (not-found): Run 0a1b is deleted. |')
    expect(card).toContain('| Artifact SHA-256 | **Missing** (unreachable): The artifact store timed out. |')
    expect(card).toContain('**Missing:** the run is not available (Run 0a1b is deleted.).')
    expect(card).toContain('**Missing:** no metric was logged on the run and none was recomputed.')
    expect(card).toContain('Missing: no impact assessment was found.')
    expect(card).toContain('Missing: no approval was recorded and the policy asks for none.')
    expect(card).toContain('Champion: no champion.')
    expect(card).not.toContain('## Changes from')
    expect(frontMatter(card)['model-index']).toEqual([{ name: 'credit-risk', results: [] }])
  })
})
