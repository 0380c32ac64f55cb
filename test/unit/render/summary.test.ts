import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadCardTemplate } from '../../../src/publish/load-card-template.js'
import { buildActionOutputs } from '../../../src/render/action-outputs.js'
import { buildCardDiff } from '../../../src/render/card-diff.js'
import { buildCardModel } from '../../../src/render/card/card-model.js'
import { renderCard } from '../../../src/render/card/render-card.js'
import { utf8Length } from '../../../src/render/escape.js'
import { prCommentMarker, renderPrComment } from '../../../src/render/pr-comment.js'
import { renderJobSummary, SUMMARY_MAX_BYTES } from '../../../src/render/summary.js'
import {
  FIXTURE_GENERATED_AT,
  FIXTURE_POLICY,
  fixtureDocumentation,
  fixtureEvidence,
  fixtureVerdict
} from '../../support/card-fixtures.js'

const root = path.resolve(import.meta.dirname, '../../..')

async function fixtureCard(): Promise<string> {
  const template = await loadCardTemplate({ cwd: root, defaultDir: path.join(root, 'model-cards/default') })
  return renderCard(
    buildCardModel({
      evidence: fixtureEvidence(),
      verdict: fixtureVerdict(),
      documentation: fixtureDocumentation(),
      policy: FIXTURE_POLICY,
      generatedAt: FIXTURE_GENERATED_AT
    }),
    template
  )
}

describe('job summary', () => {
  it('puts the verdict first, then the table (failures first), then the card collapsed', async () => {
    const card = await fixtureCard()
    const summary = renderJobSummary({
      verdict: fixtureVerdict(),
      evidence: fixtureEvidence(),
      policy: FIXTURE_POLICY,
      card,
      cardPath: 'model-cards/generated/credit-risk/3.md'
    })
    const lines = summary.split('\n')
    expect(lines[0]).toBe('## ❌ aims-gate: credit-risk v3 is blocked (profile production)')
    expect(summary).toContain('**Blocking:** fairness-gap')
    const table = lines.filter((l) => l.startsWith('| '))
    expect(table[0]).toBe('| | Requirement | Controls | Observed | Expected |')
    // A fairness check only supports A.5.4 (input to the impact assessment): the table says so.
    expect(table[1]).toBe('| ❌ fail | fairness-gap | A.5.4 (supports) | 0.12 | ≤ 0.10 |')
    expect(summary).toContain(
      'Annex A controls: 1 satisfied, 2 supported (partial evidence), 1 failed, 2 missing; 1 not applicable.'
    )
    expect(summary.indexOf('<details>')).toBeGreaterThan(summary.indexOf('fairness-gap'))
    expect(summary).toContain('<summary>Model card: credit-risk v3</summary>')
    // The front matter is shown as YAML in a fence, the card body as Markdown.
    expect(summary).toContain('```yaml\nlicense: apache-2.0\n')
    expect(summary).toContain('\n# Model card: credit-risk v3\n')
    expect(summary).toContain('card: model-cards/generated/credit-risk/3.md')
    expect(summary.trimEnd().endsWith('.')).toBe(true)
  })

  it('stays within the byte limit, cutting the card and saying so', async () => {
    const card = await fixtureCard()
    const summary = renderJobSummary({
      verdict: fixtureVerdict(),
      evidence: fixtureEvidence(),
      policy: FIXTURE_POLICY,
      card,
      maxBytes: 6000
    })
    expect(utf8Length(summary)).toBeLessThanOrEqual(6000)
    expect(summary).toMatch(/_Model card truncated to fit the size limit … \([\d,]+ characters cut\)\._/)
    expect(summary).toContain('</details>')
    expect(SUMMARY_MAX_BYTES).toBe(1_048_576)
  })

  it('says the card was omitted when not even a part of it fits', async () => {
    const card = await fixtureCard()
    const summary = renderJobSummary({
      verdict: fixtureVerdict(),
      evidence: fixtureEvidence(),
      policy: FIXTURE_POLICY,
      card,
      maxBytes: 1500
    })
    expect(utf8Length(summary)).toBeLessThanOrEqual(1500)
    expect(summary).toMatch(/Model card omitted to fit the size limit … \([\d,]+ characters cut\)/)
  })
})

describe('pull-request comment', () => {
  const evidence = fixtureEvidence()
  const champion = evidence.champion.kind === 'present' ? evidence.champion.value : undefined
  const diff = champion === undefined ? null : buildCardDiff({ candidate: evidence.candidate, champion })

  it('starts with the marker, then verdict, table, diff and the link', () => {
    const comment = renderPrComment({
      verdict: fixtureVerdict(),
      evidence,
      policy: FIXTURE_POLICY,
      diff,
      jobSummaryUrl: 'https://github.com/example/credit/actions/runs/1'
    })
    expect(comment.split('\n')[0]).toBe('<!-- aims-gate:credit-risk:production -->')
    expect(comment.split('\n')[1]).toBe('### ❌ aims-gate: credit-risk v3 is blocked (profile production)')
    expect(comment).toContain('### Changes from credit-risk v2 (champion)')
    expect(comment).toContain('| roc\\_auc | 0.8731 | 0.861 | +0.0121 | changed |')
    expect(
      comment
        .trimEnd()
        .endsWith('[Full model card and evidence in the job summary](https://github.com/example/credit/actions/runs/1)')
    ).toBe(true)
  })

  it('says when there is no champion', () => {
    const comment = renderPrComment({ verdict: fixtureVerdict(), evidence, policy: FIXTURE_POLICY })
    expect(comment).toContain('_No champion to compare with._')
  })

  it('stays within the character limit with the cut stated, keeping marker and link', () => {
    const comment = renderPrComment({
      verdict: fixtureVerdict(),
      evidence,
      policy: FIXTURE_POLICY,
      diff,
      jobSummaryUrl: 'https://x.test/run',
      maxChars: 900
    })
    expect(comment.length).toBeLessThanOrEqual(900)
    expect(comment.startsWith('<!-- aims-gate:credit-risk:production -->\n')).toBe(true)
    expect(comment).toMatch(/_Comment truncated to fit the size limit … \([\d,]+ characters cut\)\._/)
    expect(comment).toContain('](https://x.test/run)')
  })

  it('encodes the marker so no name can close the comment', () => {
    expect(prCommentMarker('a-->b', 'p r')).toBe('<!-- aims-gate:a--%3Eb:p%20r -->')
    const long = prCommentMarker('m'.repeat(5000), 'p')
    expect(long.length).toBeLessThan(300)
    expect(long).not.toBe(prCommentMarker(`${'m'.repeat(4999)}n`, 'p'))
  })
})

describe('action outputs', () => {
  it('maps the run to the documented output names', () => {
    expect(
      buildActionOutputs({
        verdict: fixtureVerdict(),
        reportPath: 'out/3.report.json',
        cardPath: 'out/3.md',
        cardHtmlPath: 'out/3.html',
        reportSha256: 'r'.repeat(64),
        cardSha256: 'c'.repeat(64)
      })
    ).toEqual({
      verdict: 'fail',
      blocking: 'fairness-gap',
      'report-path': 'out/3.report.json',
      'card-path': 'out/3.md',
      'card-html-path': 'out/3.html',
      'report-sha256': 'r'.repeat(64),
      'card-sha256': 'c'.repeat(64)
    })
  })
})
