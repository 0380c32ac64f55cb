/**
 * The re-evaluation of `verify`: the bundled policy, evidence snapshot, card template and run
 * context go through the same pure evaluate and render stages the gate ran (stages/), and
 * every file derived from them must come out byte for byte. A report edited to say "pass" and
 * re-hashed everywhere still fails here, because the evidence does not give that report.
 */
import { BUNDLE_FILES } from '../core/bundle/build-bundle.js'
import { cardTemplateSchema, runContextSchema } from '../core/bundle/run-context.js'
import type { Finding } from '../core/bundle/check-digests.js'
import { evidenceFromSnapshot } from '../core/bundle/snapshot.js'
import type { Statement } from '../core/bundle/statement.js'
import type { ChangeContext } from '../core/evidence/types.js'
import type { PolicyGovernance } from '../core/policy/governance.js'
import { parsePolicy } from '../core/policy/parse-policy.js'
import { shippedPacks } from '../collect/policy-packs.js'
import { resolveProfile } from '../core/policy/resolve-profile.js'
import type { Report } from '../render/report-schema.js'
import { renderSoaCsv, renderSoaMarkdown } from '../render/soa/soa.js'
import { soaRows } from './evidence-bundle.js'
import { evaluateEvidence } from './stages/evaluate.js'
import { renderOutputs } from './stages/render.js'

export type Reevaluation =
  | { ok: true; verdict: 'pass' | 'fail'; compared: string[] }
  | { ok: false; findings: Finding[] }

function firstDifference(expected: string, actual: string): string {
  const a = expected.split('\n')
  const b = actual.split('\n')
  const shown = (line: string | undefined): string => JSON.stringify((line ?? '').trim().slice(0, 120))
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) return `line ${i + 1}: bundled ${shown(b[i])}, re-evaluated ${shown(a[i])}`
  }
  return 'the bytes differ'
}

function parsed<T>(name: string, run: () => T): T {
  try {
    return run()
  } catch (error) {
    const why = (error instanceof Error ? error.message : String(error)).split('\n')[0]
    throw new BundleContentError(name, `${name} cannot be read back: ${why}`)
  }
}

class BundleContentError extends Error {
  constructor(
    readonly subject: string,
    message: string
  ) {
    super(message)
  }
}

export function reevaluateBundle(files: ReadonlyMap<string, Buffer>, statement: Statement): Reevaluation {
  const text = (name: string): string | undefined => files.get(name)?.toString('utf8')
  try {
    const context = parsed(BUNDLE_FILES.run, () => runContextSchema.parse(JSON.parse(text(BUNDLE_FILES.run) ?? 'null')))
    const template = parsed(BUNDLE_FILES.cardTemplate, () =>
      cardTemplateSchema.parse(JSON.parse(text(BUNDLE_FILES.cardTemplate) ?? 'null'))
    )
    const policy = parsed(BUNDLE_FILES.policy, () =>
      parsePolicy(text(BUNDLE_FILES.policy) ?? '', context.policyFile, { packs: shippedPacks() })
    )
    if (policy.sha256 !== context.policySha256 || policy.sha256 !== statement.predicate.policy.digest.sha256) {
      return {
        ok: false,
        findings: [
          {
            subject: BUNDLE_FILES.policy,
            message:
              `${BUNDLE_FILES.policy} is not the policy run.json and statement.json name ` +
              `(SHA-256 ${policy.sha256}; the digest covers the policy file and the packs it extends as this ` +
              'aims-gate ships them: verify with the version that made the bundle)'
          }
        ]
      }
    }
    const profile = parsed(BUNDLE_FILES.policy, () => resolveProfile(policy, context.profile))
    const evidence = parsed('evidence/', () => evidenceFromSnapshot(text))
    const now = new Date(context.now)
    if (Number.isNaN(now.getTime()))
      return {
        ok: false,
        findings: [{ subject: BUNDLE_FILES.run, message: `${BUNDLE_FILES.run} gives no valid time` }]
      }
    const prepared = {
      profile,
      governance: context.governance as unknown as PolicyGovernance,
      template,
      needs: context.baselineAlias === undefined ? {} : { baselineAlias: context.baselineAlias }
    }
    const outputs = renderOutputs({
      prepared,
      evidence,
      verdict: evaluateEvidence(prepared, evidence, now),
      change: context.change as ChangeContext,
      now,
      ...(context.promotion === undefined ? {} : { promotion: context.promotion as Report['promotion'] }),
      redact: (value) => value
    })
    const rows = soaRows(outputs.report)
    const heading = { policy: profile.policy, profile: profile.name }
    const derived: [string, string][] = [
      [BUNDLE_FILES.report, outputs.reportJson],
      [BUNDLE_FILES.card, outputs.card],
      [BUNDLE_FILES.soaMarkdown, renderSoaMarkdown(rows, heading)],
      [BUNDLE_FILES.soaCsv, renderSoaCsv(rows)]
    ]
    const findings: Finding[] = []
    for (const [name, expected] of derived) {
      const bundled = text(name)
      if (bundled !== expected) {
        const why = bundled === undefined ? 'it is missing' : firstDifference(expected, bundled)
        findings.push({
          subject: name,
          message: `${name} is not what the bundled evidence and policy give: ${why}`
        })
      }
    }
    const version = evidence.candidate.modelVersion.value
    const claims: [string, unknown, unknown][] = [
      ['verdict', statement.predicate.verdict, outputs.verdict.verdict],
      [
        'model',
        `${statement.predicate.model.name}/${statement.predicate.model.version}`,
        `${version.name}/${version.version}`
      ],
      ['profile', statement.predicate.profile, profile.name],
      ['evaluatedAt', statement.predicate.evaluatedAt, context.now]
    ]
    for (const [fact, claimed, actual] of claims) {
      if (claimed !== actual)
        findings.push({
          subject: `statement.json predicate.${fact}`,
          message:
            `the statement says ${fact} ${JSON.stringify(claimed)}, ` +
            `the re-evaluation gives ${JSON.stringify(actual)}`
        })
    }
    return findings.length > 0
      ? { ok: false, findings }
      : { ok: true, verdict: outputs.verdict.verdict, compared: derived.map(([name]) => name) }
  } catch (error) {
    if (error instanceof BundleContentError)
      return { ok: false, findings: [{ subject: error.subject, message: error.message }] }
    throw error
  }
}
