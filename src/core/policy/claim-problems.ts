/**
 * Control claims a policy cannot make: a requirement that, once its claims are capped by what its
 * check kind can evidence (`effectiveClaims`), claims no control at all is refused, naming why
 * each claim fell away. Claims that are only lowered (satisfied → supported) are notes, not
 * problems: `claimNotes` lists them for `policy validate`.
 */
import { effectiveClaims } from '../controls/claims.js'
import { formatYamlPath, type PolicyProblem } from './policy-problems.js'
import type { Policy } from './types.js'

const EMPTY =
  'is empty; fix: list the Annex A controls this requirement gives evidence for, e.g. [A.6.2.4] ' +
  '(controls: for what it satisfies, supports: for what it only supports)'

export function claimProblems(policy: Policy, incomplete: ReadonlySet<string> = new Set()): PolicyProblem[] {
  const problems: PolicyProblem[] = []
  for (const [name, profile] of Object.entries(policy.profiles)) {
    // A requirement that failed the schema shifts the positions the paths name: judged once it parses.
    if (incomplete.has(name)) continue
    profile.requirements.forEach((requirement, index) => {
      const path = formatYamlPath(['profiles', name, 'requirements', index, 'controls'])
      const line = requirement.location?.line
      const written = [...requirement.controls, ...(requirement.supports ?? [])]
      if (written.length === 0) {
        problems.push({ file: policy.file, line, path, message: EMPTY })
        return
      }
      const claims = effectiveClaims(requirement)
      if (claims.satisfies.length + claims.supports.length > 0) return
      problems.push({
        file: policy.file,
        line,
        path,
        message:
          `requirement "${requirement.id}" claims no control its ${requirement.check} check can evidence: ` +
          `${claims.notes.map((note) => note.message).join('; ')}`
      })
    })
  }
  return problems
}

/** One line per lowered or dropped claim: "production/fair-sex: A.5.4 is counted as supported…". */
export function claimNotes(policy: Policy): string[] {
  const lines: string[] = []
  for (const [name, profile] of Object.entries(policy.profiles)) {
    for (const requirement of profile.requirements) {
      for (const note of effectiveClaims(requirement).notes) {
        const where = requirement.location === undefined ? policy.file : `${policy.file}:${requirement.location.line}`
        lines.push(`${where}: ${name}/${requirement.id}: ${note.message}`)
      }
    }
  }
  return lines
}
