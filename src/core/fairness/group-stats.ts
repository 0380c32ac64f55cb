/**
 * Rows → per-group confusion counts, in one O(rows) pass. Groups are the value tuples of the
 * sensitive features (intersectional when there are several), ordered like fairlearn's
 * `MetricFrame.by_group` index: values sorted per feature, the last feature varying fastest, and
 * for several features the full cross product (combinations without rows are kept as empty
 * groups, as fairlearn reindexes them to NaN rows).
 *
 * Problems with the data (missing column, blank values, a column that is not categorical) come
 * back as a `Missing` entry with a sentence naming the column and the fix, so the recompute step
 * can store it and the check reports it; nothing here throws for bad data.
 */
import { missing } from '../evidence/items.js'
import type { Missing } from '../evidence/types.js'
import { closestMatch } from '../text/closest-match.js'
import type { GroupCounts, GroupStatistics, GroupStatisticsEntry, GroupStatsInput } from './types.js'

export interface GroupingOptions {
  /** A feature with more distinct values than this is treated as mis-typed (continuous). */
  maxDistinctValues?: number
}

/** Each row's group index, and the value tuple of every group index. */
export interface GroupAssignment {
  readonly kind: 'assigned'
  features: string[]
  /** Row → index into `groupValues`. */
  groupOf: Int32Array
  groupValues: string[][]
}

const DEFAULT_MAX_DISTINCT = 50
/** Text a reader leaves for a missing cell once it is turned into a string. */
const BLANK = /^\s*$|^(null|undefined|nan|NaN|NA|N\/A)$/
const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/

/** Validates one sensitive column and returns its sorted distinct values, or why it is unusable. */
function featureLevels(name: string, column: readonly string[], rows: number, maxDistinct: number): string[] | Missing {
  if (column.length !== rows) {
    return missing(
      'invalid',
      `sensitive feature "${name}" has ${column.length} values but the predictions ` +
        `have ${rows} rows; pass the column of the same evaluation data`
    )
  }
  const levels = new Set<string>()
  let blanks = 0
  let firstBlank = -1
  for (let i = 0; i < rows; i++) {
    const value = column[i]
    if (value === undefined || value === null || BLANK.test(value)) {
      if (blanks++ === 0) firstBlank = i
      continue
    }
    levels.add(value)
  }
  if (blanks > 0) {
    return missing(
      'invalid',
      `sensitive feature "${name}" has ${blanks} blank or missing value(s) (first at ` +
        `row ${firstBlank + 1}); fill them with an explicit category (e.g. "unknown") or ` +
        `drop those rows`
    )
  }
  if (levels.size > maxDistinct) {
    const sample = [...levels].slice(0, 3).join(', ')
    const numeric = [...levels].every((v) => NUMBER.test(v.trim()))
    return missing(
      'invalid',
      numeric
        ? `sensitive feature "${name}" looks numeric (${levels.size} distinct values such ` +
            `as ${sample}); bin it into a few categories (e.g. age bands) before using it as ` +
            `a sensitive feature`
        : `sensitive feature "${name}" has ${levels.size} distinct values (more ` +
            `than ${maxDistinct}); use a categorical column with a few groups`
    )
  }
  // Plain code-unit order: numpy/pandas sort object columns the same way for these strings.
  return [...levels].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
}

/** Maps every row to its (intersectional) group. */
export function assignGroups(
  sensitive: Record<string, readonly string[]>,
  features: readonly string[],
  rows: number,
  options: GroupingOptions = {}
): GroupAssignment | Missing {
  if (features.length === 0)
    return missing('invalid', 'no sensitive feature given; list at least one, e.g. sensitiveFeatures: [sex]')
  const duplicate = features.find((f, i) => features.indexOf(f) !== i)
  if (duplicate !== undefined)
    return missing('invalid', `sensitive feature "${duplicate}" is listed twice; list each column once`)
  const maxDistinct = options.maxDistinctValues ?? DEFAULT_MAX_DISTINCT
  const available = Object.keys(sensitive)
  const levels: string[][] = []
  for (const name of features) {
    const column = sensitive[name]
    if (column === undefined) {
      const guess = closestMatch(name, available)
      return missing(
        'not-found',
        `sensitive feature "${name}" is not a column of the evaluation ` +
          `data${guess === undefined ? '' : ` (did you mean "${guess}"?)`}; ` +
          `columns: ${available.join(', ') || 'none'}`
      )
    }
    const result = featureLevels(name, column, rows, maxDistinct)
    if (!Array.isArray(result)) return result
    levels.push(result)
  }

  // Mixed-radix group index: the last feature varies fastest, as in pandas' MultiIndex product.
  const groupOf = new Int32Array(rows)
  let stride = 1
  for (let f = features.length - 1; f >= 0; f--) {
    const codes = new Map<string, number>(levels[f]!.map((v, i) => [v, i]))
    const column = sensitive[features[f]!]!
    for (let i = 0; i < rows; i++) groupOf[i]! += codes.get(column[i]!)! * stride
    stride *= levels[f]!.length
  }
  const groupValues: string[][] = []
  for (let g = 0; g < stride; g++) {
    const values: string[] = []
    let rest = g
    for (let f = features.length - 1; f >= 0; f--) {
      const size = levels[f]!.length
      values.unshift(levels[f]![rest % size]!)
      rest = Math.floor(rest / size)
    }
    groupValues.push(values)
  }
  return { kind: 'assigned', features: [...features], groupOf, groupValues }
}

/** Class indices → 0/1 with the positive class as 1 (what the input of these functions expects). */
export function toBinary(classIndex: Int32Array, positiveIndex: number): Uint8Array {
  return Uint8Array.from(classIndex, (c) => (c === positiveIndex ? 1 : 0))
}

/** Checks that labels and predictions are 0/1 and as long as each other. */
function labelProblem(input: GroupStatsInput): Missing | undefined {
  const rows = input.yTrue.length
  if (input.yPred.length !== rows) {
    return missing(
      'invalid',
      `predictions have ${input.yPred.length} rows but labels have ${rows}; run the model on the same evaluation data`
    )
  }
  if (rows === 0)
    return missing('invalid', 'the evaluation data has no rows; point the requirement at a non-empty data set')
  for (const [name, values] of [
    ['label', input.yTrue],
    ['prediction', input.yPred]
  ] as const) {
    for (let i = 0; i < rows; i++) {
      const v = values[i]!
      if (v !== 0 && v !== 1) {
        return missing(
          'invalid',
          `${name} at row ${i + 1} is ${v}, not 0/1; map the positive class to 1 and ` +
            `every other class to 0 before computing group statistics`
        )
      }
    }
  }
  return undefined
}

/** Confusion counts for each group of an assignment. */
export function countGroups(input: GroupStatsInput, assignment: GroupAssignment): GroupCounts[] {
  const groups = assignment.groupValues.length
  // Cells per group: [tp, fp, tn, fn], indexed by 2·yTrue + yPred → tn(0) fp(1) fn(2) tp(3).
  const cells = new Float64Array(groups * 4)
  const { yTrue, yPred } = input
  const { groupOf } = assignment
  for (let i = 0; i < groupOf.length; i++) cells[groupOf[i]! * 4 + yTrue[i]! * 2 + yPred[i]!]! += 1
  return assignment.groupValues.map((values, g) => {
    const tn = cells[g * 4]!
    const fp = cells[g * 4 + 1]!
    const fn = cells[g * 4 + 2]!
    const tp = cells[g * 4 + 3]!
    return { values, n: tn + fp + fn + tp, tp, fp, tn, fn }
  })
}

/** Rows → the `GroupStatistics` stored under `groups[features.join('×')]`, or why not. */
export function computeGroupStatistics(
  input: GroupStatsInput,
  features: readonly string[],
  options: GroupingOptions = {}
): GroupStatisticsEntry {
  const problem = labelProblem(input)
  if (problem !== undefined) return problem
  const assignment = assignGroups(input.sensitive, features, input.yTrue.length, options)
  if (assignment.kind === 'missing') return assignment
  const statistics: GroupStatistics = {
    kind: 'group-statistics',
    features: [...features],
    rows: input.yTrue.length,
    groups: countGroups(input, assignment)
  }
  return statistics
}
