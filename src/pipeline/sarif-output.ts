/**
 * `--sarif FILE` (action input `sarif`, output `sarif-path`): the run's failing and missing
 * requirements as SARIF 2.1.0 for code scanning, written after the report from what the run
 * evaluated.
 */
import path from 'node:path'
import type { GoverningPolicy } from '../core/policy/governance.js'
import { writeFileAtomic } from '../publish/write-file-atomic.js'
import type { Report } from '../render/report-schema.js'
import { renderSarif, type SarifInput } from '../render/sarif/sarif-log.js'
import type { PreparedRun } from './prepared-run.js'

/** The action output naming the SARIF file (set only when the `sarif` input was given). */
export const SARIF_PATH_OUTPUT = 'sarif-path'

/**
 * Code scanning takes repository-relative paths only. A policy path that leaves the checkout is
 * shown by its file name; its lines are used only when the checkout's file is what governed.
 */
export function sarifPolicyLocation(governing: GoverningPolicy): SarifInput['policy'] {
  const posix = governing.file.split(path.sep).join('/')
  const normal = path.posix.normalize(posix)
  const inside = !path.posix.isAbsolute(normal) && normal !== '..' && !normal.startsWith('../')
  return {
    uri: inside ? normal : path.posix.basename(normal),
    lines: inside && governing.source === 'working-tree'
  }
}

/** Writes the SARIF file when asked; returns its path as given (for the action output). */
export async function writeSarifOutput(
  prepared: PreparedRun,
  report: Report,
  sarifPath: string | undefined,
  cwd: string
): Promise<string | undefined> {
  if (sarifPath === undefined) return undefined
  const descriptions = new Map(
    prepared.profile.requirements.flatMap((r) =>
      r.description === undefined ? [] : ([[r.id, r.description]] as const)
    )
  )
  const sarif = renderSarif({ report, descriptions, policy: sarifPolicyLocation(prepared.governance.governing) })
  await writeFileAtomic(path.resolve(cwd, sarifPath), sarif)
  return sarifPath
}
