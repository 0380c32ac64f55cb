/**
 * Profile inheritance. A profile inherits every requirement of the profile it `extends`; a
 * requirement with the same id in the child replaces the parent's at the parent's position (so
 * the report keeps a stable order), new ones are appended. Cycles and unknown parents are policy
 * errors, found for every profile at parse time by `profileProblems`.
 */
import { closestMatch, didYouMean } from '../text/closest-match.js'
import { isPackProfile } from './packs.js'
import { PolicyError, formatYamlPath, type PolicyProblem } from './policy-problems.js'
import type { LocatedRequirement, Policy, PolicyProfile, ResolvedProfile } from './types.js'

/** The ancestry of a profile, root first, or the problem that prevents resolving it. */
function chainOf(policy: Policy, name: string): { chain: string[] } | { problem: PolicyProblem } {
  const chain: string[] = []
  let current: string | undefined = name
  while (current !== undefined) {
    if (chain.includes(current)) {
      // Report the cycle once, from the member written first in the file, so every profile that
      // runs into it yields the same problem (and the problems are de-duplicated).
      const members = chain.slice(chain.indexOf(current))
      const order = Object.keys(policy.profiles)
      const first = [...members].sort((a, b) => order.indexOf(a) - order.indexOf(b))[0] ?? current
      const rotated = [...members.slice(members.indexOf(first)), ...members.slice(0, members.indexOf(first)), first]
      const cycle = rotated.join(' → ')
      return {
        problem: {
          file: policy.file,
          line: policy.profiles[first]?.location?.line,
          path: formatYamlPath(['profiles', first, 'extends']),
          message: `profiles extend each other in a cycle (${cycle}); fix: remove extends from one of them`
        }
      }
    }
    chain.push(current)
    const profile: PolicyProfile | undefined = policy.profiles[current]
    if (profile === undefined) break
    const parent: string | undefined = profile.extends
    // An unknown pack reference is reported once, by expandPacks, with the packs available.
    if (parent !== undefined && policy.profiles[parent] === undefined && !isPackProfile(parent)) {
      return {
        problem: {
          file: policy.file,
          line: profile.location?.line,
          path: formatYamlPath(['profiles', current, 'extends']),
          message:
            `extends unknown profile ` +
            `"${parent}"${didYouMean(parent, Object.keys(policy.profiles))}; fix: name one ` +
            `of ${Object.keys(policy.profiles).join(', ')}`
        }
      }
    }
    current = parent
  }
  return { chain: chain.reverse() }
}

function mergeRequirements(policy: Policy, chain: string[]): LocatedRequirement[] {
  const merged: LocatedRequirement[] = []
  for (const name of chain) {
    for (const requirement of policy.profiles[name]?.requirements ?? []) {
      const index = merged.findIndex((existing) => existing.id === requirement.id)
      if (index >= 0) merged[index] = requirement
      else merged.push(requirement)
    }
  }
  return merged
}

/** `incomplete`: profiles missing a piece that failed the schema (see partial-policy.ts). */
function resolveOrProblems(
  policy: Policy,
  name: string,
  incomplete: ReadonlySet<string> = NONE
): { profile: ResolvedProfile } | { problems: PolicyProblem[] } {
  const found = chainOf(policy, name)
  if ('problem' in found) return { problems: [found.problem] }
  const requirements = mergeRequirements(policy, found.chain)
  const problems: PolicyProblem[] = []
  // Only one champion can be collected per run, so every baseline comparison must name the same alias.
  const baselines = [
    ...new Set(requirements.flatMap((r) => (r.check === 'metric' && r.baseline !== undefined ? [r.baseline] : [])))
  ]
  if (baselines.length > 1) {
    const second = requirements.find((r) => r.check === 'metric' && r.baseline === baselines[1])
    problems.push({
      file: policy.file,
      line: second?.location?.line,
      path: formatYamlPath(['profiles', name]),
      message:
        `profile compares with more than one baseline alias (${baselines.join(', ')}); ` +
        `fix: use one alias for every baseline in a profile`
    })
  }
  // A profile that cannot block lets every version through, whatever its evidence: that is a
  // misconfiguration, not a gate.
  // The blocking requirement may be one that failed the schema: absence is only judged on whole profiles.
  const whole = found.chain.every((member) => !incomplete.has(member))
  if (whole && !requirements.some((r) => r.severity === 'block')) {
    const inherited = found.chain.length > 1 ? ` (after extends: ${found.chain.join(' → ')})` : ''
    problems.push({
      file: policy.file,
      line: policy.profiles[name]?.location?.line,
      path: formatYamlPath(['profiles', name, 'requirements']),
      message:
        `profile "${name}" has no blocking ` +
        `requirement${inherited}${requirements.length > 0 ? `: all ${requirements.length} are severity: warn` : ''}` +
        `, so it would allow any version; fix: add a requirement with severity: block (the default), or delete ` +
        `the profile`
    })
  }
  if (problems.length > 0) return { problems }
  const ids = new Set(requirements.map((r) => r.id))
  const objectives = [...new Set(found.chain.flatMap((member) => policy.profiles[member]?.objectives ?? []))]
  return {
    profile: {
      policy: { name: policy.name, file: policy.file, sha256: policy.sha256 },
      name,
      chain: found.chain,
      requirements,
      ...(objectives.length === 0 ? {} : { objectives }),
      controls: policy.controls,
      waivers: policy.waivers.filter((waiver) => ids.has(waiver.requirement)),
      ...(policy.identities === undefined ? {} : { identities: policy.identities }),
      ...(policy.waiverRules === undefined ? {} : { waiverRules: policy.waiverRules })
    }
  }
}

/** The profile chosen when none is named: `defaultProfile`, else `production`, else the first. */
export function defaultProfileName(policy: Policy): string {
  const names = Object.keys(policy.profiles)
  return policy.defaultProfile ?? (names.includes('production') ? 'production' : (names[0] ?? 'production'))
}

/** Applies inheritance for one profile. Throws PolicyError (exit 2) for an unknown name. */
export function resolveProfile(policy: Policy, name: string = defaultProfileName(policy)): ResolvedProfile {
  if (policy.profiles[name] === undefined) {
    const names = Object.keys(policy.profiles)
    const suggestion = closestMatch(name, names)
    throw new PolicyError([
      {
        file: policy.file,
        path: 'profiles',
        message:
          `no profile ` +
          `"${name}"${suggestion === undefined ? '' : ` (did you mean "${suggestion}"?)`}; ` +
          `fix: pass --profile with one of ${names.join(', ')}`
      }
    ])
  }
  const outcome = resolveOrProblems(policy, name)
  if ('problems' in outcome) throw new PolicyError(outcome.problems)
  return outcome.profile
}

const NONE: ReadonlySet<string> = new Set()

/**
 * Every inheritance and cross-reference problem of a policy, for all profiles at once. On a partial
 * policy (`incomplete` names profiles with pieces that failed the schema) the checks that reason
 * from absence or from positions skip what they cannot see whole.
 */
export function profileProblems(policy: Policy, incomplete: ReadonlySet<string> = NONE): PolicyProblem[] {
  const problems = new Map<string, PolicyProblem>()
  const everyRequirementId = new Set<string>()
  for (const name of Object.keys(policy.profiles)) {
    const outcome = resolveOrProblems(policy, name, incomplete)
    if ('problems' in outcome) {
      for (const problem of outcome.problems) problems.set(`${problem.path}|${problem.message}`, problem)
    } else {
      for (const requirement of outcome.profile.requirements) everyRequirementId.add(requirement.id)
    }
  }
  for (const [name, profile] of Object.entries(policy.profiles)) {
    // A failed requirement shifts the positions the message names: judged once the profile parses.
    if (incomplete.has(name)) continue
    const seen = new Map<string, number>()
    profile.requirements.forEach((requirement, index) => {
      const first = seen.get(requirement.id)
      if (first !== undefined) {
        const path = formatYamlPath(['profiles', name, 'requirements', index, 'id'])
        problems.set(path, {
          file: policy.file,
          line: requirement.location?.line,
          path,
          message:
            `duplicate requirement id "${requirement.id}" (also requirements[${first}]); ` +
            `fix: give each requirement its own id (to change an inherited one, reuse its id ` +
            `in the child profile only)`
        })
      } else {
        seen.set(requirement.id, index)
      }
    })
  }
  if (policy.defaultProfile !== undefined && policy.profiles[policy.defaultProfile] === undefined) {
    problems.set('defaultProfile', {
      file: policy.file,
      path: 'defaultProfile',
      message:
        `names unknown profile ` +
        `"${policy.defaultProfile}"${didYouMean(policy.defaultProfile, Object.keys(policy.profiles))}; fix: name ` +
        `one of ${Object.keys(policy.profiles).join(', ')}`
    })
  }
  policy.waivers.forEach((waiver, index) => {
    if (incomplete.size === 0 && !everyRequirementId.has(waiver.requirement)) {
      const path = formatYamlPath(['waivers', index, 'requirement'])
      problems.set(path, {
        file: policy.file,
        line: waiver.location?.line,
        path,
        message:
          `waives unknown requirement ` +
          `"${waiver.requirement}"${didYouMean(waiver.requirement, [...everyRequirementId])}; fix: name the id of ` +
          `a requirement in one of the profiles, or delete the waiver`
      })
    }
  })
  return [...problems.values()]
}
