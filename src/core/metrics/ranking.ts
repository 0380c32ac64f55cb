/**
 * Threshold-free binary metrics over all scores: ROC AUC and average precision, computed exactly
 * as sklearn does (tied scores form one threshold; the ROC area is the trapezoid over distinct
 * thresholds; AP is the step sum Σ (Rₙ − Rₙ₋₁)·Pₙ). Needs every score, so callers keep them in
 * typed arrays: float32 when the model gives float32 (4 MB per million rows), else float64.
 */
import { sortScores } from './radix-sort.js'
import { DescendingCursor } from './score-chunks.js'

export interface RankingResult {
  /** Undefined when only one class is present in the labels (sklearn raises). */
  rocAuc?: number
  /** Undefined when no positive sample is present (recall is 0/0). */
  averagePrecision?: number
  undefinedReason?: string
}

/** One point per distinct score, walked from the highest score down. */
type ThresholdVisitor = (positivesAtThreshold: number, negativesAtThreshold: number) => void

type Scores = Float32Array | Float64Array

/**
 * Unweighted: the scores split by class, in chunks (score-chunks.ts) each sorted on its own
 * (radix-sort.ts; far faster than sorting an index array with a comparator), merged from the top.
 */
function walkSplit(positives: readonly Scores[], negatives: readonly Scores[], visit: ThresholdVisitor): void {
  const p = new DescendingCursor(positives)
  const q = new DescendingCursor(negatives)
  while (!p.done || !q.done) {
    const threshold = Math.max(p.top(), q.top())
    visit(p.takeEqual(threshold), q.takeEqual(threshold))
  }
}

function split(isPositive: Uint8Array, scores: Scores): { positives: Scores; negatives: Scores } {
  const n = scores.length
  let positiveCount = 0
  for (let i = 0; i < n; i++) positiveCount += isPositive[i]!
  // Same element type as the scores: float32 sorts faster and compares the same values.
  const like = (length: number): Scores =>
    scores instanceof Float32Array ? new Float32Array(length) : new Float64Array(length)
  const positives = like(positiveCount)
  const negatives = like(n - positiveCount)
  let p = 0
  let q = 0
  for (let i = 0; i < n; i++) {
    if (isPositive[i]) positives[p++] = scores[i]!
    else negatives[q++] = scores[i]!
  }
  return { positives, negatives }
}

function walkWeighted(isPositive: Uint8Array, scores: Scores, weights: Float64Array, visit: ThresholdVisitor): void {
  const order = new Uint32Array(scores.length)
  for (let i = 0; i < order.length; i++) order[i] = i
  order.sort((a, b) => scores[b]! - scores[a]!)
  let i = 0
  while (i < order.length) {
    const threshold = scores[order[i]!]!
    let pos = 0
    let neg = 0
    while (i < order.length && scores[order[i]!] === threshold) {
      const row = order[i]!
      if (isPositive[row]) pos += weights[row]!
      else neg += weights[row]!
      i++
    }
    visit(pos, neg)
  }
}

/** ROC AUC and average precision of `scores` for the rows flagged in `isPositive`. */
export function binaryRanking(isPositive: Uint8Array, scores: Scores, weights?: Float64Array): RankingResult {
  const nan = firstNaN(scores)
  if (nan !== undefined) return { undefinedReason: `score of row ${nan + 1} is NaN` }
  if (weights !== undefined) return rank((visit) => walkWeighted(isPositive, scores, weights, visit))
  const { positives, negatives } = split(isPositive, scores)
  return rank((visit) => walkSplit([sorted(positives)], [sorted(negatives)], visit))
}

/**
 * The same, from the scores already split by true class (unweighted): what a streaming evaluator
 * keeps in chunks, 4 bytes a row for float32 scores and no per-row label. Each chunk sorted ascending.
 */
export function splitRanking(positives: readonly Scores[], negatives: readonly Scores[]): RankingResult {
  if ([...positives, ...negatives].some((chunk) => firstNaN(chunk) !== undefined)) {
    return { undefinedReason: 'a score is NaN' }
  }
  return rank((visit) => walkSplit(positives, negatives, visit))
}

function sorted(scores: Scores): Scores {
  sortScores(scores)
  return scores
}

function firstNaN(scores: Scores): number | undefined {
  for (let i = 0; i < scores.length; i++) if (Number.isNaN(scores[i]!)) return i
  return undefined
}

function rank(walk: (visit: ThresholdVisitor) => void): RankingResult {
  let area2 = 0 // twice the un-normalised trapezoid area: Σ Δfp · (tp + tpPrev)
  let tp = 0
  let fp = 0
  let apSum = 0 // Σ Δtp · precision; divided by the total positives at the end
  walk((pos, neg) => {
    const tpPrev = tp
    tp += pos
    fp += neg
    area2 += neg * (tp + tpPrev)
    if (pos > 0) apSum += pos * (tp / (tp + fp))
  })
  const result: RankingResult = {}
  if (tp > 0) result.averagePrecision = apSum / tp
  if (tp > 0 && fp > 0) result.rocAuc = area2 / (2 * tp * fp)
  else
    result.undefinedReason =
      `only one class is present in the labels ` +
      `(${tp > 0 ? 'no negatives' : 'no positives'}), so ROC AUC is not defined`
  return result
}
