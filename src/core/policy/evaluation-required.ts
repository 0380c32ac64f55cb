/**
 * A profile that recomputes metrics or judges fairness needs the policy's `evaluation:` block
 * (which data, which label column, which task). Without it the gate could only report every such
 * requirement as missing on every run, so it is refused up front as a policy error (exit 2).
 */
import { PolicyError, formatYamlPath, type PolicyProblem } from './policy-problems.js'
import { groupRequirements } from './group-requirements.js'
import { resolveProfile } from './resolve-profile.js'
import type { Policy, ResolvedProfile } from './types.js'

/** The requirements of a profile that read the evaluation data. */
export function requirementsNeedingEvaluation(profile: ResolvedProfile): ResolvedProfile['requirements'] {
  return profile.requirements.filter(
    (r) =>
      (r.check === 'metric' && r.source !== 'logged') ||
      r.check === 'fairness' ||
      r.check === 'selection-rate-ratio' ||
      r.check === 'calibration'
  )
}

/**
 * Throws a PolicyError naming the first such requirement when the policy has no evaluation block,
 * or when two fairness requirements on the same features disagree about `predictionColumn`
 * (their statistics share one slot, keyed by the features, so one would silently judge the other's).
 */
export function assertEvaluationConfigured(policy: Policy, profile: ResolvedProfile): void {
  const byFeatures = new Map<string, { id: string; column: string | undefined }>()
  for (const r of groupRequirements(profile.requirements)) {
    const key = r.sensitiveFeatures.join('×')
    const other = byFeatures.get(key)
    if (other !== undefined && other.column !== r.predictionColumn) {
      const shown = (c: string | undefined): string =>
        c === undefined ? "the model's predictions" : `predictionColumn ${c}`
      throw new PolicyError([
        {
          file: policy.file,
          ...(r.location === undefined ? {} : { line: r.location.line }),
          path: formatYamlPath(['profiles', profile.name]),
          message:
            `requirements "${other.id}" and "${r.id}" both group by ` +
            `[${r.sensitiveFeatures.join(', ')}] but judge different predictions ` +
            `(${shown(other.column)} vs ${shown(r.predictionColumn)}); fix: give both the ` +
            `same predictionColumn, or split them into separate profiles`
        }
      ])
    }
    byFeatures.set(key, { id: r.id, column: r.predictionColumn })
  }
  if (policy.evaluation !== undefined) return
  const needing = requirementsNeedingEvaluation(profile)
  const first = needing[0]
  if (first === undefined) return
  const why =
    first.check !== 'metric' ? `check: ${first.check}` : `source: ${first.check === 'metric' ? first.source : ''}`
  const others =
    needing.length > 1
      ? ` (and ${needing
          .slice(1)
          .map((r) => r.id)
          .join(', ')})`
      : ''
  throw new PolicyError([
    {
      file: policy.file,
      ...(first.location === undefined ? {} : { line: first.location.line }),
      path: formatYamlPath(['profiles', profile.name]),
      message:
        `requirement "${first.id}"${others} (${why}) runs the model on evaluation data, ` +
        `but the policy has no evaluation block; ` +
        'fix: add at the top level e.g. `evaluation: { data: { artifact: ' +
        'eval/evaluation.csv }, label: <label column>, task: binary }` (see ' +
        'policies/default.yml), or use source: logged'
    }
  ])
}

/**
 * What `check` would refuse for any profile (`policy validate` reports them all). A profile that
 * does not resolve is skipped: its inheritance problem is reported by `profileProblems`.
 */
export function evaluationProblems(policy: Policy): PolicyProblem[] {
  const problems: PolicyProblem[] = []
  for (const name of Object.keys(policy.profiles)) {
    let profile: ResolvedProfile
    try {
      profile = resolveProfile(policy, name)
    } catch (error) {
      if (error instanceof PolicyError) continue
      throw error
    }
    try {
      assertEvaluationConfigured(policy, profile)
    } catch (error) {
      if (!(error instanceof PolicyError)) throw error
      problems.push(...error.problems)
    }
  }
  return problems
}
