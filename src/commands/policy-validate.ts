/**
 * `aims-gate policy validate FILE`: checks a policy file without contacting MLflow. Prints every
 * problem (file:line, YAML path, what is wrong, the fix) and exits 2, or a summary of the profiles
 * and exits 0.
 */
import { loadPolicyFile } from '../collect/policy-file.js'
import { EXIT, invalid, type ExitCode } from '../core/errors.js'
import { effectiveClaims } from '../core/controls/claims.js'
import { claimNotes } from '../core/policy/claim-problems.js'
import { resolveProfile } from '../core/policy/resolve-profile.js'
import type { Policy } from '../core/policy/types.js'
import { optionsHelp } from '../options/help.js'
import { defineCommand, type Command, type CommandIO } from './command.js'
import { showControls, terminalJson } from '../core/text/control-chars.js'

const USAGE = `Usage: aims-gate policy validate FILE [--json]

Validates a policy file: YAML syntax, the schema (unknown keys, wrong types, unknown Annex A
controls), profile inheritance (unknown parents, cycles), duplicate requirement ids, waivers, and
that profiles which run the model (recomputed metrics, fairness) have an evaluation block.
Control claims are capped by what each check kind can evidence: a control a check can only support
is counted as supported (a note says why), and a requirement left with no control is refused.

${optionsHelp('policy validate')}
Exit codes: 0 valid · 2 invalid (every problem is printed on its own line).
`

function summary(policy: Policy): string {
  const lines = [`${policy.file}: valid policy "${policy.name}" (sha256 ${policy.sha256.slice(0, 12)})`]
  for (const name of Object.keys(policy.profiles)) {
    const profile = resolveProfile(policy, name)
    const parent = policy.profiles[name]?.extends
    const claims = profile.requirements.map(effectiveClaims)
    const satisfiable = new Set(claims.flatMap((c) => c.satisfies))
    const supported = new Set(claims.flatMap((c) => c.supports).filter((id) => !satisfiable.has(id)))
    lines.push(
      ` ` +
        ` ${name}${parent === undefined ? '' : ` (extends ${parent})`}: ${profile.requirements.length} ` +
        `requirements covering ${satisfiable.size + supported.size} controls ` +
        `(${satisfiable.size} can be satisfied, ${supported.size} only supported)`
    )
  }
  const excluded = Object.entries(policy.controls)
    .filter(([, soa]) => !soa.applicable)
    .map(([id]) => id)
  if (excluded.length > 0) lines.push(`  not applicable: ${excluded.join(', ')}`)
  if (policy.waivers.length > 0)
    lines.push(
      `  waivers: ${policy.waivers.length} (latest expiry ${[...policy.waivers]
        .map((w) => w.expires)
        .sort()
        .at(-1)})`
    )
  const notes = claimNotes(policy)
  if (notes.length > 0) lines.push('', 'Notes on control claims (what each check kind can evidence: docs/controls.md):')
  for (const note of notes) lines.push(`  note: ${note}`)
  return `${lines.join('\n')}\n`
}

export const policyCommand: Command = defineCommand({
  name: 'policy',
  options: 'policy validate',
  positionals: true,
  summary: 'Validate a policy file (aims-gate policy validate FILE).',
  usage: USAGE,
  // Each policy problem is a file:line line, printed as it is so editors can jump to it.
  errorPrefix: false,
  async run({ values, positionals }, io: CommandIO): Promise<ExitCode> {
    const [sub, file, ...rest] = positionals
    if (sub !== 'validate' || file === undefined || rest.length > 0) {
      const got = sub === undefined || sub === 'validate' ? '' : `, got "${sub}"`
      throw invalid(`policy: expected "validate FILE"${got}. Fix: run aims-gate policy validate path/to/policy.yml.`)
    }
    // What `check` would refuse for any profile (no evaluation block for a recompute) is refused here too,
    // in the same run as the schema problems.
    const policy = await loadPolicyFile(file, io.cwd, 'argument', { everyProfileRunnable: true })
    if (values.json) {
      const names = Object.keys(policy.profiles)
      const profiles = Object.fromEntries(names.map((name) => [name, resolveProfile(policy, name)]))
      io.stdout(`${terminalJson({ name: policy.name, file: policy.file, sha256: policy.sha256, profiles })}\n`)
    } else {
      io.stdout(showControls(summary(policy)))
    }
    return EXIT.allowed
  }
})
