/**
 * After a gate run: the evidence bundle (`--bundle DIR`) and the OSCAL assessment results
 * (`--oscal FILE`), both built from what the run evaluated, never re-read.
 */
import path from 'node:path'
import { bundleContents } from '../core/bundle/build-bundle.js'
import type { ChangeContext, Evidence } from '../core/evidence/types.js'
import { policyText } from '../core/policy/policy-text.js'
import { writeBundle } from '../publish/write-bundle.js'
import { writeFileAtomic } from '../publish/write-file-atomic.js'
import type { Report } from '../render/report-schema.js'
import { renderSoaCsv, renderSoaMarkdown, type SoaRow } from '../render/soa/soa.js'
import { renderOscal } from '../render/oscal/assessment-results.js'
import { VERSION } from '../version.js'
import type { GateOptions } from './gate-options.js'
import type { PreparedRun } from './prepared-run.js'

/** The action output naming the bundle's folder (set only when the `bundle` input was given). */
export const BUNDLE_PATH_OUTPUT = 'bundle-path'

export interface BundleRun {
  prepared: PreparedRun
  evidence: Evidence
  report: Report
  reportJson: string
  card: string
  change: ChangeContext
  now: Date
}

export function soaRows(report: Report): SoaRow[] {
  return report.controls.map((c) => ({
    id: c.id,
    title: c.title,
    area: c.area,
    applicable: c.applicable,
    ...(c.justification === undefined ? {} : { justification: c.justification }),
    status: c.status,
    requirements: [...c.requirements],
    satisfiedBy: [...c.satisfiedBy],
    crosswalk: c.crosswalk
  }))
}

/** Entry-neutral name: the same message serves `--bundle` and the action's `bundle` input. */
const BUNDLE_NAME = 'the bundle folder'

/**
 * Writes what was asked for; returns the bundle's folder when one was written. The signing key
 * was read (and refused when unusable) by the prepare stage, before anything was written.
 */
export async function writeAuditOutputs(
  run: BundleRun,
  options: GateOptions,
  cwd: string
): Promise<string | undefined> {
  if (options.bundleDir === undefined && options.oscalPath === undefined) return undefined
  const { prepared, report } = run
  const oscal = renderOscal({ report, evidence: run.evidence, reportJson: run.reportJson })
  if (options.oscalPath !== undefined) await writeFileAtomic(path.resolve(cwd, options.oscalPath), oscal)
  if (options.bundleDir === undefined) return undefined
  const text = policyText(prepared.policy)
  if (text === undefined) throw new Error('the governing policy has no recorded text')
  const signingKey = prepared.signingKey
  const heading = { policy: prepared.profile.policy, profile: prepared.profile.name }
  const rows = soaRows(report)
  const { files, statement } = bundleContents({
    toolVersion: VERSION,
    evidence: run.evidence,
    verdict: report.verdict,
    profile: prepared.profile.name,
    policy: { ...prepared.profile.policy, text },
    now: run.now,
    change: run.change,
    governance: prepared.governance,
    ...(report.promotion === undefined ? {} : { promotion: report.promotion }),
    ...(prepared.needs.baselineAlias === undefined ? {} : { baselineAlias: prepared.needs.baselineAlias }),
    template: prepared.template,
    reportJson: run.reportJson,
    card: run.card,
    soa: { markdown: renderSoaMarkdown(rows, heading), csv: renderSoaCsv(rows) },
    oscal
  })
  return await writeBundle({
    dir: path.resolve(cwd, options.bundleDir),
    files,
    statement,
    evidence: run.evidence,
    toolVersion: VERSION,
    ...(signingKey === undefined ? {} : { signingKey }),
    flag: BUNDLE_NAME
  })
}
