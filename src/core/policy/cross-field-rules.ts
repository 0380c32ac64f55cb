/**
 * Rules that tie one requirement field to another and would otherwise crowd the schema: a baseline
 * comparison needs a metric direction (known, or `higherIsBetter`), which must not contradict the
 * known one; a datasets requirement may only name datasets for the contexts it checks.
 */
import { knownDirection } from '../metrics/direction.js'

export interface RuleProblem {
  message: string
  path: string[]
}

export function metricDirectionProblems(req: {
  metric: string
  baseline?: string | undefined
  higherIsBetter?: boolean | undefined
}): RuleProblem[] {
  const known = knownDirection(req.metric)
  if (req.baseline !== undefined && known === undefined && req.higherIsBetter === undefined) {
    return [
      {
        message:
          `the gate does not know whether a higher or a lower ${req.metric} is better, so ` +
          `it cannot tell a regression from an improvement; fix: add higherIsBetter: true ` +
          `(or false for a loss or an error)`,
        path: ['higherIsBetter']
      }
    ]
  }
  if (
    known !== undefined &&
    req.higherIsBetter !== undefined &&
    req.higherIsBetter !== (known === 'higher-is-better')
  ) {
    // A policy must not be able to turn a rising loss into an "improvement".
    return [
      {
        message:
          `${req.metric} is ${known.replaceAll('-', ' ')}, ` +
          `higherIsBetter: ${String(req.higherIsBetter)} contradicts it; fix: remove ` +
          `higherIsBetter`,
        path: ['higherIsBetter']
      }
    ]
  }
  return []
}

export function datasetNameProblems(req: {
  contexts: string[]
  names?: Record<string, string> | undefined
}): RuleProblem[] {
  return Object.keys(req.names ?? {})
    .filter((context) => !req.contexts.includes(context))
    .map((context) => ({
      message:
        `names a dataset for context "${context}", which is not in contexts ` +
        `(${req.contexts.join(', ')}); fix: add it to contexts or remove it from names`,
      path: ['names', context]
    }))
}
