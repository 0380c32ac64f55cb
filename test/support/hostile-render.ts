/**
 * Hostile text in every field: what anyone who can log a run, tag a version or edit the card
 * source could write, and the card, job summary and pull-request comment rendered from it.
 */
import path from 'node:path'
import type { DocumentationSet } from '../../src/core/documentation/types.js'
import type { Evidence } from '../../src/core/evidence/types.js'
import type { Verdict } from '../../src/core/verdict/types.js'
import { loadCardTemplate } from '../../src/publish/load-card-template.js'
import { buildCardDiff } from '../../src/render/card-diff.js'
import { buildCardModel } from '../../src/render/card/card-model.js'
import { renderCard } from '../../src/render/card/render-card.js'
import { renderPrComment } from '../../src/render/pr-comment.js'
import { renderJobSummary } from '../../src/render/summary.js'
import { FIXTURE_GENERATED_AT, fixtureDocumentation, fixtureEvidence, fixtureVerdict } from './card-fixtures.js'

const root = path.resolve(import.meta.dirname, '../..')

// The fence is last: everything after an opening fence is code, which is inert by definition.
export const HOSTILE = [
  '<script>alert(1)</script>',
  '@org/team @octocat',
  'a | b || c',
  '{{x}} {{{y}}} {{> partial}} {{#each z}}',
  '<!-- hidden',
  '--> <img src=x onerror=alert(1)>',
  '</details><details open><summary>x</summary>',
  '[click](javascript:alert(1)) ![i](http://x/i.png)',
  'https://evil.example/a_b www.evil.example ftp://evil.example/x <https://evil.example>',
  'mail dana@example.com mailto:x@evil.example (@octocat) ä@octocat',
  '\u202Eevil\u0000',
  '# heading',
  '- item',
  '1. item',
  '---',
  '===',
  '| x | y |',
  '|---|---|',
  '```',
  '# still code'
].join('\n')

// Discriminants and enums keep their values so the evidence stays well-formed.
const STRUCTURAL_KEYS = new Set([
  'kind',
  'source',
  'status',
  'severity',
  'reason',
  'eligible',
  'verdict',
  'schemaVersion'
])

/** `value` with every string replaced by `payload`, except the discriminants and enums. */
export function hostile<T>(value: T, payload: string, key = ''): T {
  if (typeof value === 'string') return (STRUCTURAL_KEYS.has(key) ? value : `${payload}`) as T
  if (Array.isArray(value)) return value.map((item) => hostile(item, payload, key)) as T
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, hostile(v, payload, k)])) as T
  }
  return value
}

function hostileInputs(
  payload: string,
  reviewed = payload
): { evidence: Evidence; verdict: Verdict; documentation: DocumentationSet } {
  const evidence = hostile(fixtureEvidence(), payload)
  // Keys of free-form records are untrusted too: a metric and a tag named by an attacker.
  if (evidence.candidate.run.kind === 'present') {
    const run = evidence.candidate.run.value
    const first = Object.values(run.metrics)[0]
    if (first !== undefined) run.metrics[payload] = { ...first, value: { ...first.value, key: payload } }
  }
  const verdict = hostile(fixtureVerdict(), payload)
  const documentation = hostile(fixtureDocumentation(), reviewed)
  return { evidence, verdict, documentation }
}

/** `reviewed` is what the card-source documents say (reviewed Markdown keeps its links and images). */
export async function renderAll(payload: string, reviewed = payload) {
  const { evidence, verdict, documentation } = hostileInputs(payload, reviewed)
  const policy = { name: payload, sha256: payload, profile: payload }
  const template = await loadCardTemplate({ cwd: root, defaultDir: path.join(root, 'model-cards/default') })
  const card = renderCard(
    buildCardModel({
      evidence,
      verdict,
      documentation,
      championDocumentation: documentation,
      policy,
      generatedAt: FIXTURE_GENERATED_AT
    }),
    template
  )
  const summary = renderJobSummary({ verdict, evidence, policy, card, cardPath: payload, reportPath: payload })
  const champion = evidence.champion.kind === 'present' ? evidence.champion.value : undefined
  const diff = champion === undefined ? null : buildCardDiff({ candidate: evidence.candidate, champion })
  const comment = renderPrComment({
    verdict,
    evidence,
    policy,
    diff,
    jobSummaryUrl: `https://github.com/x/y/actions/runs/1?${payload}`
  })
  return { card, summary, comment, evidence }
}
