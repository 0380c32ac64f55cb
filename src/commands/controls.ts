/**
 * `aims-gate controls`: the Annex A catalog with each control's applicability (from the policy's
 * statement of applicability) and the requirements of the chosen profile mapped to it.
 */
import { loadPolicyFile } from '../collect/policy-file.js'
import { CONTROLS } from '../core/controls/catalog.js'
import type { ClaimLevel } from '../core/controls/check-claims.js'
import { effectiveClaims } from '../core/controls/claims.js'
import { crosswalk, crosswalkOf, type CrosswalkId } from '../core/controls/crosswalk.js'
import { crosswalkJson, renderCrosswalkTable } from '../render/crosswalk-table.js'
import path from 'node:path'
import { EXIT, invalid, type ExitCode } from '../core/errors.js'
import { writeFileAtomic } from '../publish/write-file-atomic.js'
import { renderSoaCsv, renderSoaMarkdown } from '../render/soa/soa.js'
import { defaultProfileName, resolveProfile } from '../core/policy/resolve-profile.js'
import type { ResolvedProfile } from '../core/policy/types.js'
import { optionsHelp } from '../options/help.js'
import { defineCommand, type Command, type CommandIO } from './command.js'
import { showControls, terminalJson } from '../core/text/control-chars.js'

const USAGE = `Usage: aims-gate controls [--policy FILE] [--profile NAME] [--json] [--soa FILE]
       aims-gate controls --crosswalk nist-ai-rmf|eu-ai-act [--json]

Lists the 38 ISO/IEC 42001 Annex A controls, whether the policy treats each as applicable, and
which requirements of the profile give evidence for it: those that can satisfy it and those that
only support it. With --crosswalk, prints the control-by-control crosswalk to the NIST AI RMF 1.0
(from NIST's published crosswalk) or the EU AI Act (aims-gate's interpretation) instead.

${optionsHelp('controls')}
Exit codes: 0 listed · 2 invalid policy or profile.
`

export interface ControlRow {
  id: string
  title: string
  area: string
  description: string
  applicable: boolean
  justification?: string
  /** Without a run: assessed (a requirement can satisfy it), supported-only, not-assessed, not-applicable. */
  coverage: 'assessed' | 'supported-only' | 'not-assessed' | 'not-applicable'
  requirements: { id: string; check: string; severity: string; level: ClaimLevel }[]
  crosswalk: Record<CrosswalkId, string[]>
}

function coverageOf(applicable: boolean, levels: ClaimLevel[]): ControlRow['coverage'] {
  if (!applicable) return 'not-applicable'
  if (levels.length === 0) return 'not-assessed'
  return levels.includes('satisfies') ? 'assessed' : 'supported-only'
}

/** The catalog joined with a profile (pure; exported for the action's summary and tests). */
export function controlRows(profile: ResolvedProfile): ControlRow[] {
  return CONTROLS.map((control) => {
    const soa = profile.controls[control.id]
    const applicable = soa?.applicable ?? true
    const requirements = profile.requirements.flatMap((r) => {
      const claims = effectiveClaims(r)
      const level: ClaimLevel | undefined = claims.satisfies.includes(control.id)
        ? 'satisfies'
        : claims.supports.includes(control.id)
          ? 'supports'
          : undefined
      return level === undefined ? [] : [{ id: r.id, check: r.check, severity: r.severity, level }]
    })
    return {
      ...control,
      applicable,
      ...(soa?.justification === undefined ? {} : { justification: soa.justification }),
      coverage: coverageOf(
        applicable,
        requirements.map((r) => r.level)
      ),
      requirements,
      crosswalk: crosswalkOf(control.id)
    }
  })
}

function renderRows(rows: ControlRow[], profile: ResolvedProfile): string {
  const lines = [`Policy ${profile.policy.name} (${profile.policy.file}), profile ${profile.name}`, '']
  let area = ''
  for (const row of rows) {
    if (row.area !== area) {
      area = row.area
      lines.push(area)
    }
    const mapped = !row.applicable
      ? `not applicable: ${row.justification ?? ''}`
      : row.requirements.length === 0
        ? 'not assessed by the gate'
        : row.requirements
            .map(
              (r) => `${r.id}${r.severity === 'warn' ? ' (warn)' : ''}${r.level === 'supports' ? ' (supports)' : ''}`
            )
            .join(', ')
    lines.push(
      `  ${row.id.padEnd(8)} ${row.title.length > 56 ? `${row.title.slice(0, 55)}…` : row.title.padEnd(56)}  ${mapped}`
    )
  }
  const count = (coverage: ControlRow['coverage']): number => rows.filter((r) => r.coverage === coverage).length
  lines.push(
    '',
    `${count('assessed')} assessed, ${count('supported-only')} supported only (can never read satisfied), ` +
      `${count('not-applicable')} not applicable, ${count('not-assessed')} not assessed by the gate.`
  )
  return `${lines.join('\n')}\n`
}

/** `--soa FILE`: the format follows the extension; anything else is refused before writing. */
async function writeSoa(file: string, shown: string, rows: ControlRow[], profile: ResolvedProfile): Promise<void> {
  const soa = rows.map((r) => ({
    ...r,
    requirements: r.requirements.map((q) => q.id),
    satisfiedBy: r.requirements.filter((q) => q.level === 'satisfies').map((q) => q.id)
  }))
  const extension = path.extname(file).toLowerCase()
  if (extension !== '.md' && extension !== '.csv') {
    throw invalid(`--soa ${shown}: the file must end in .md (Markdown) or .csv; fix: --soa soa.md`)
  }
  const heading = { policy: profile.policy, profile: profile.name }
  await writeFileAtomic(file, extension === '.md' ? renderSoaMarkdown(soa, heading) : renderSoaCsv(soa))
}

export const controlsCommand: Command = defineCommand({
  options: 'controls',
  summary: 'List the Annex A controls, their applicability and the requirements mapped to them.',
  usage: USAGE,
  // Policy problems are file:line lines, printed as they are so editors can jump to them.
  errorPrefix: false,
  async run({ values }, io: CommandIO): Promise<ExitCode> {
    if (values.crosswalk !== undefined) {
      const data = crosswalk(values.crosswalk)
      io.stdout(values.json ? `${terminalJson(crosswalkJson(data))}\n` : showControls(renderCrosswalkTable(data)))
      return EXIT.allowed
    }
    const policy = await loadPolicyFile(values.policyPath, io.cwd)
    const profile = resolveProfile(policy, values.profile ?? defaultProfileName(policy))
    const rows = controlRows(profile)
    const soa = values.soaPath
    if (soa !== undefined) await writeSoa(path.resolve(io.cwd, soa), soa, rows, profile)
    const json = `${terminalJson({ policy: profile.policy, profile: profile.name, controls: rows })}\n`
    io.stdout(values.json ? json : showControls(renderRows(rows, profile)))
    return EXIT.allowed
  }
})
