/**
 * SARIF 2.1.0 (https://docs.oasis-open.org/sarif/sarif/v2.1.0/) of one gate run, for code
 * scanning: one rule per requirement of the profile (its id, what it checks, its Annex A controls,
 * the fix), one result per failing or missing requirement (blocking → error, warn → warning) on
 * the policy line where the requirement is written. Waived and passing requirements give no
 * result, so an alert closes when the requirement passes. Pure and deterministic: the same report
 * gives the same bytes.
 */
import { createHash } from 'node:crypto'
import { findControl } from '../../core/controls/catalog.js'
import type { CheckKind } from '../../core/policy/schema.js'
import { showControls } from '../../core/text/control-chars.js'
import type { Report } from '../report-schema.js'
import { CHECK_HELP } from './check-help.js'

export const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json'
export const TOOL_INFORMATION_URI = 'https://aims-gate.dev'
const FINGERPRINT = 'aimsGateRequirement/v1'

type ReportRequirement = Report['requirements'][number]

export interface SarifInput {
  report: Report
  /** Requirement id → the policy's `description`, where it has one. */
  descriptions: ReadonlyMap<string, string>
  /**
   * The policy file as a repository-relative path (`/`-separated) and whether the requirements'
   * line numbers are that file's (false for a policy read at another commit or the built-in one).
   */
  policy: { uri: string; lines: boolean }
}

/**
 * Untrusted text (MLflow values, policy descriptions) as plain SARIF message text: control
 * characters made visible, and brackets escaped so `[text](n)` cannot become an embedded link.
 */
export function sarifText(value: string): string {
  return showControls(value).replace(/[[\]]/g, (bracket) => `\\${bracket}`)
}

const level = (r: ReportRequirement): 'error' | 'warning' => (r.severity === 'block' ? 'error' : 'warning')

function controlsLine(controls: readonly string[]): string {
  return controls.map((id) => `${id} ${findControl(id)?.title ?? ''}`.trim()).join('; ')
}

function rule(r: ReportRequirement, description: string | undefined) {
  const help = CHECK_HELP[r.check as CheckKind]
  const checks = help?.checks ?? `the ${r.check} check`
  const lines = [
    ...(description === undefined ? [] : [description]),
    `What it checks: ${checks}.`,
    `Passes when: ${r.expected}.`,
    `Annex A controls: ${controlsLine(r.controls)}.`,
    ...(r.supports.length === 0 ? [] : [`Supports (partial evidence only): ${controlsLine(r.supports)}.`]),
    ...(help === undefined ? [] : [`Fix: ${help.fix}.`])
  ]
  return {
    id: r.id,
    shortDescription: { text: sarifText(`${r.id}: ${r.check} check`) },
    fullDescription: { text: sarifText(description ?? `Checks ${checks}.`) },
    help: { text: sarifText(lines.join('\n')) },
    defaultConfiguration: { level: level(r) },
    properties: {
      check: r.check,
      controls: [...r.controls],
      supports: [...r.supports],
      tags: ['iso-42001', ...r.controls, ...r.supports]
    }
  }
}

function fingerprint(report: Report, id: string): string {
  return createHash('sha256').update(`${report.model.name}\0${report.profile}\0${id}`).digest('hex')
}

function result(report: Report, r: ReportRequirement, index: number, policy: SarifInput['policy']) {
  const line = policy.lines ? r.location?.line : undefined
  const where = line === undefined ? ' (the policy line is not in this checkout)' : ''
  return {
    ruleId: r.id,
    ruleIndex: index,
    kind: 'fail',
    level: level(r),
    message: {
      text: sarifText(`${r.id} is ${r.status}${where}: ${r.message} Observed: ${r.observed}; expected: ${r.expected}.`)
    },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: policy.uri, uriBaseId: '%SRCROOT%' },
          ...(line === undefined ? {} : { region: { startLine: line } })
        }
      }
    ],
    partialFingerprints: { [FINGERPRINT]: fingerprint(report, r.id) },
    properties: { status: r.status, controls: [...r.controls] }
  }
}

export function renderSarif(input: SarifInput): string {
  const { report } = input
  const rules = report.requirements.map((r) => rule(r, input.descriptions.get(r.id)))
  const results = report.requirements.flatMap((r, index) =>
    r.status === 'fail' || r.status === 'missing' ? [result(report, r, index, input.policy)] : []
  )
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'aims-gate',
            version: report.generator.version,
            semanticVersion: report.generator.version,
            informationUri: TOOL_INFORMATION_URI,
            rules
          }
        },
        // One code-scanning category per model and profile, so two gated models do not close each other's alerts.
        automationDetails: { id: `aims-gate/${report.model.name}/${report.profile}/` },
        invocations: [{ executionSuccessful: true, endTimeUtc: report.evaluatedAt }],
        results,
        properties: {
          verdict: report.verdict,
          model: { name: report.model.name, version: report.model.version },
          profile: report.profile,
          policy: { name: report.policy.name, sha256: report.policy.sha256 }
        }
      }
    ]
  }
  return `${JSON.stringify(log, null, 2)}\n`
}
