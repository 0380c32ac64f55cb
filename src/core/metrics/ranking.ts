/**
 * Threshold-free binary metrics over all scores: ROC AUC and average precision, computed exactly
 * as sklearn does (tied scores form one threshold; the ROC area is the trapezoid over distinct
 * thresholds; AP is the step sum Σ (Rₙ − Rₙ₋₁)·Pₙ). Needs every score, so callers keep them in one
 * Float64Array (8 MB per million rows).
 */

export interface RankingResult {
  /** Undefined when only one class is present in the labels (sklearn raises). */
  rocAuc?: number
  /** Undefined when no positive sample is present (recall is 0/0). */
  averagePrecision?: number
  undefinedReason?: string
}

/** One point per distinct score, walked from the highest score down. */
type ThresholdVisitor = (positivesAtThreshold: number, negativesAtThreshold: number) => void

/**
 * Unweighted: split the scores by class and sort each natively (much faster than sorting an
 * index array with a comparator), then merge from the top.
 */
function walkUnweighted(isPositive: Uint8Array, scores: Float64Array, visit: ThresholdVisitor): void {
  const n = scores.length
  let positiveCount = 0
  for (let i = 0; i < n; i++) positiveCount += isPositive[i]!
  const positives = new Float64Array(positiveCount)
  const negatives = new Float64Array(n - positiveCount)
  let p = 0
  let q = 0
  for (let i = 0; i < n; i++) {
    if (isPositive[i]) positives[p++] = scores[i]!
    else negatives[q++] = scores[i]!
  }
  positives.sort()
  negatives.sort()
  p = positives.length - 1
  q = negatives.length - 1
  while (p >= 0 || q >= 0) {
    const threshold = Math.max(p >= 0 ? positives[p]! : -Infinity, q >= 0 ? negatives[q]! : -Infinity)
    let pos = 0
    let neg = 0
    while (p >= 0 && positives[p] === threshold) {
      pos++
      p--
    }
    while (q >= 0 && negatives[q] === threshold) {
      neg++
      q--
    }
    visit(pos, neg)
  }
}

function walkWeighted(
  isPositive: Uint8Array,
  scores: Float64Array,
  weights: Float64Array,
  visit: ThresholdVisitor
): void {
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
export function binaryRanking(isPositive: Uint8Array, scores: Float64Array, weights?: Float64Array): RankingResult {
  for (let i = 0; i < scores.length; i++) {
    if (Number.isNaN(scores[i]!)) return { undefinedReason: `score of row ${i + 1} is NaN` }
  }
  let area2 = 0 // twice the un-normalised trapezoid area: Σ Δfp · (tp + tpPrev)
  let tp = 0
  let fp = 0
  let apSum = 0 // Σ Δtp · precision; divided by the total positives at the end
  const visit: ThresholdVisitor = (pos, neg) => {
    const tpPrev = tp
    tp += pos
    fp += neg
    area2 += neg * (tp + tpPrev)
    if (pos > 0) apSum += pos * (tp / (tp + fp))
  }
  if (weights === undefined) walkUnweighted(isPositive, scores, visit)
  else walkWeighted(isPositive, scores, weights, visit)

  const result: RankingResult = {}
  if (tp > 0) result.averagePrecision = apSum / tp
  if (tp > 0 && fp > 0) result.rocAuc = area2 / (2 * tp * fp)
  else
    result.undefinedReason =
      `only one class is present in the labels ` +
      `(${tp > 0 ? 'no negatives' : 'no positives'}), so ROC AUC is not defined`
  return result
}
