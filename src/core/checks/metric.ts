/**
 * `check: metric` — a number against absolute bounds (min/max) and/or against the baseline
 * version (maxDecrease / maxRelativeDecrease). The number is the run's logged metric, the value
 * the gate recomputed by running the model, or both reconciled within a tolerance. A baseline is
 * compared like with like: logged with logged, recomputed with recomputed.
 */
import type { Evidence, VersionEvidence } from '../evidence/types.js'
import { metricDirection, type MetricDirection } from '../metrics/direction.js'
import type { MetricRequirement } from '../policy/requirement-schemas.js'
import type { EvidenceRef } from '../verdict/types.js'
import { closestMatch } from '../text/closest-match.js'
import { showControlsInline } from '../text/control-chars.js'
import { nameList } from '../text/name-list.js'
import { formatNumber, problemsResult, resultFor, type Check } from './check.js'

/** ` (did you mean "roc_auc"?)` for `roc-auc`: the suggestion is a name the run has, shown inert. */
function suggestion(metric: string, names: readonly string[]): string {
  const match = closestMatch(metric, names)
  return match === undefined || match === metric ? '' : ` (did you mean "${showControlsInline(match)}"?)`
}

type Reading = { ok: true; value: number; refs: EvidenceRef[] } | { ok: false; why: string }

function loggedValue(version: VersionEvidence, metric: string, who: string): Reading {
  if (version.run.kind === 'missing') return { ok: false, why: `the ${who} run is unavailable (${version.run.detail})` }
  const logged = version.run.value.metrics[metric]
  if (logged === undefined) {
    const names = Object.keys(version.run.value.metrics)
    return {
      ok: false,
      why:
        `metric "${metric}" is not logged on the ${who} run ${version.run.value.runId}${suggestion(metric, names)} ` +
        `(the run logs: ${nameList(names)}); fix the name in the policy, or log it with ` +
        `mlflow.log_metric or mlflow.evaluate`
    }
  }
  if (!Number.isFinite(logged.value.value))
    return { ok: false, why: `metric "${metric}" of the ${who} run is ${logged.value.value}, not a usable number` }
  return {
    ok: true,
    value: logged.value.value,
    refs: [{ label: `${who === 'candidate' ? '' : `${who} `}metric ${metric}`, provenance: logged.provenance }]
  }
}

function recomputedValue(version: VersionEvidence, metric: string, who: string): Reading {
  const recomputed = version.recomputed
  if (recomputed === undefined)
    return { ok: false, why: `no recomputed metrics for the ${who} version (the pipeline did not run the model)` }
  if (recomputed.kind === 'missing')
    return { ok: false, why: `recomputing the ${who}'s metrics failed (${recomputed.detail})` }
  const value = recomputed.value.metrics[metric]
  if (value === undefined || !Number.isFinite(value)) {
    const names = Object.keys(recomputed.value.metrics)
    return {
      ok: false,
      why:
        `recomputed metrics of the ${who} have no usable ` +
        `"${metric}"${suggestion(metric, names)} (have: ${nameList(names)})`
    }
  }
  return {
    ok: true,
    value,
    refs: [{ label: `${who === 'candidate' ? '' : `${who} `}recomputed ${metric}`, provenance: recomputed.provenance }]
  }
}

/** What a worsening is called in this metric's direction: a drop, or an increase for a loss. */
const worseningWord = (direction: MetricDirection | undefined): string =>
  direction === 'lower-is-better' ? 'increase' : 'drop'

function expectedText(req: MetricRequirement, direction: MetricDirection | undefined): string {
  const parts: string[] = []
  const worse = worseningWord(direction)
  if (req.min !== undefined) parts.push(`≥ ${formatNumber(req.min)}`)
  if (req.max !== undefined) parts.push(`≤ ${formatNumber(req.max)}`)
  if (req.maxDecrease !== undefined) parts.push(`${worse} ≤ ${formatNumber(req.maxDecrease)} vs ${req.baseline}`)
  if (req.maxRelativeDecrease !== undefined)
    parts.push(`relative ${worse} ≤ ${formatNumber(req.maxRelativeDecrease * 100)}% vs ${req.baseline}`)
  // Full precision: a tolerance such as 1e-6 must not print as 0.
  if (req.source === 'reconciled') parts.push(`|logged − recomputed| ≤ ${String(req.tolerance ?? 0)}`)
  return parts.join('; ')
}

export const checkMetric: Check<MetricRequirement> = (req, evidence: Evidence) => {
  const direction = metricDirection(req.metric, req.higherIsBetter)
  const expected = expectedText(req, direction)
  const details: Record<string, unknown> = { metric: req.metric, source: req.source }
  if (direction !== undefined) details.direction = direction
  for (const key of ['min', 'max', 'baseline', 'maxDecrease', 'maxRelativeDecrease', 'tolerance'] as const) {
    if (req[key] !== undefined) details[key] = req[key]
  }
  const missingResult = (why: string, refs: EvidenceRef[] = [], observed = 'no value') =>
    resultFor(req, {
      status: 'missing',
      observed,
      expected,
      message: `Cannot assess ${req.metric}: ${why}.`,
      evidence: refs,
      details
    })

  // 1. The candidate's value, per source.
  const logged = req.source === 'recomputed' ? undefined : loggedValue(evidence.candidate, req.metric, 'candidate')
  const recomputed = req.source === 'logged' ? undefined : recomputedValue(evidence.candidate, req.metric, 'candidate')
  if (logged !== undefined && !logged.ok) return missingResult(logged.why)
  if (recomputed !== undefined && !recomputed.ok) return missingResult(recomputed.why, logged?.ok ? logged.refs : [])
  const refs = [...(logged?.ok ? logged.refs : []), ...(recomputed?.ok ? recomputed.refs : [])]
  // The recomputed number is the one the gate measured itself, so it is the one judged.
  const value = recomputed?.ok ? recomputed.value : logged?.ok ? logged.value : Number.NaN
  details.value = value
  const failures: string[] = []
  if (logged?.ok && recomputed?.ok) {
    const gap = Math.abs(logged.value - recomputed.value)
    details.logged = logged.value
    details.recomputed = recomputed.value
    details.gap = gap
    if (gap > (req.tolerance ?? 0) + 1e-12) {
      // Full precision here: a tolerance finer than 4 decimals must not print two equal numbers.
      failures.push(
        `logged ${req.metric} ${String(logged.value)} and ` +
          `recomputed ${String(recomputed.value)} differ by ${gap.toPrecision(3)}, more ` +
          `than the tolerance ${String(req.tolerance ?? 0)}`
      )
    }
  }
  if (req.min !== undefined && value < req.min)
    failures.push(`${req.metric} ${formatNumber(value)} is below the minimum ${formatNumber(req.min)}`)
  if (req.max !== undefined && value > req.max)
    failures.push(`${req.metric} ${formatNumber(value)} is above the maximum ${formatNumber(req.max)}`)
  let observed = formatNumber(value)

  // 2. The baseline comparison.
  let baselineProblem: string | undefined
  if (req.baseline !== undefined) {
    const champion = evidence.champion
    if (champion.kind === 'missing') {
      baselineProblem =
        `no baseline "${req.baseline}" to compare with (${champion.detail}); for a ` +
        `first release, waive this requirement or set severity: warn`
    } else if (!champion.value.modelVersion.value.aliases.includes(req.baseline)) {
      baselineProblem =
        `the collected baseline (version ${champion.value.modelVersion.value.version}) ` +
        `does not hold alias "${req.baseline}"`
    } else if (direction === undefined) {
      // The schema refuses this; a hand-built requirement must still not pass by guessing.
      baselineProblem = `the direction of ${req.metric} is unknown; add higherIsBetter to the requirement`
    } else {
      const source = req.source === 'logged' ? 'logged' : 'recomputed'
      const reading =
        source === 'logged'
          ? loggedValue(champion.value, req.metric, req.baseline)
          : recomputedValue(champion.value, req.metric, req.baseline)
      if (!reading.ok) {
        baselineProblem = reading.why
      } else {
        refs.push(...reading.refs)
        const baselineVersion = champion.value.modelVersion.value.version
        // Worsening in the metric's own direction: a lower AUC, a higher log_loss.
        const worsening = direction === 'higher-is-better' ? reading.value - value : value - reading.value
        const relative =
          reading.value === 0 ? (worsening > 0 ? Number.POSITIVE_INFINITY : 0) : worsening / Math.abs(reading.value)
        const change = value - reading.value
        Object.assign(details, {
          baselineValue: reading.value,
          baselineVersion,
          worsening,
          relativeWorsening: relative
        })
        observed =
          `${formatNumber(value)} (${req.baseline} ${formatNumber(reading.value)}, ` +
          `change ${change < 0 ? '−' : '+'}${formatNumber(Math.abs(change))})`
        const verb = direction === 'higher-is-better' ? 'dropped' : 'increased'
        const why = direction === 'higher-is-better' ? '' : ` (lower ${req.metric} is better)`
        // A hair of tolerance so 0.88 − 0.87 is not rejected against maxDecrease 0.01 by rounding.
        if (req.maxDecrease !== undefined && worsening > req.maxDecrease + 1e-12) {
          failures.push(
            `${req.metric} ${verb} by ${formatNumber(worsening)} versus ${req.baseline} ` +
              `(version ${baselineVersion}: ${formatNumber(reading.value)}), a worsening of ` +
              `more than ${formatNumber(req.maxDecrease)}${why}`
          )
        }
        if (req.maxRelativeDecrease !== undefined && relative > req.maxRelativeDecrease + 1e-12) {
          failures.push(
            `${req.metric} ${verb} by ${formatNumber(relative * 100)}% ` +
              `versus ${req.baseline}, a worsening of more ` +
              `than ${formatNumber(req.maxRelativeDecrease * 100)}%${why}`
          )
        }
      }
    }
  }

  if (failures.length > 0) return problemsResult(req, 'fail', failures, { observed, expected, evidence: refs, details })
  if (baselineProblem !== undefined) return missingResult(baselineProblem, refs, observed)
  return resultFor(req, {
    status: 'pass',
    observed,
    expected,
    message: `${req.metric} ${observed} meets ${expected}.`,
    evidence: refs,
    details
  })
}
