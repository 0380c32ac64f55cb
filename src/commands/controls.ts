/**
 * `aims-gate controls`: the Annex A catalog with each control's applicability (from the policy's
 * statement of applicability) and the requirements of the chosen profile mapped to it.
 */
import { loadPolicyFile } from '../collect/policy-file.js'
import { CONTROLS } from '../core/controls/catalog.js'
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

Lists the 38 ISO/IEC 42001 Annex A controls, whether the policy treats each as applicable, and
which requirements of the profile give evidence for it.

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
  requirements: { id: string; check: string; severity: string }[]
}

/** The catalog joined with a profile (pure; exported for the action's summary and tests). */
export function controlRows(profile: ResolvedProfile): ControlRow[] {
  return CONTROLS.map((control) => {
    const soa = profile.controls[control.id]
    return {
      ...control,
      applicable: soa?.applicable ?? true,
      ...(soa?.justification === undefined ? {} : { justification: soa.justification }),
      requirements: profile.requirements
        .filter((r) => r.controls.includes(control.id))
        .map((r) => ({ id: r.id, check: r.check, severity: r.severity }))
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
        : row.requirements.map((r) => `${r.id}${r.severity === 'warn' ? ' (warn)' : ''}`).join(', ')
    lines.push(
      `  ${row.id.padEnd(8)} ${row.title.length > 56 ? `${row.title.slice(0, 55)}…` : row.title.padEnd(56)}  ${mapped}`
    )
  }
  const assessed = rows.filter((r) => r.applicable && r.requirements.length > 0).length
  const excluded = rows.filter((r) => !r.applicable).length
  lines.push(
    '',
    `${assessed} assessed, ${excluded} not applicable, ${rows.length - assessed - excluded} not assessed by the gate.`
  )
  return `${lines.join('\n')}\n`
}

/** `--soa FILE`: the format follows the extension; anything else is refused before writing. */
async function writeSoa(file: string, shown: string, rows: ControlRow[], profile: ResolvedProfile): Promise<void> {
  const soa = rows.map((r) => ({ ...r, requirements: r.requirements.map((q) => q.id) }))
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
