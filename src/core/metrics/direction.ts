/**
 * Which way is better for each metric the gate knows. A baseline comparison needs it: a log_loss
 * that rises from 0.30 to 0.50 is a regression, an AUC that rises is not. Names are MLflow's
 * (`mlflow.evaluate`, autolog), scikit-learn's function names and their usual short forms; an
 * averaged variant (`f1_score_macro`) and an autolog / evaluator prefix (`training_log_loss`)
 * take the direction of the base name. A metric not listed here has no direction: a policy that
 * compares it with a baseline must say `higherIsBetter:` (see metricRequirementSchema).
 */
import { CLASSIFIER_METRICS, REGRESSOR_METRICS } from './names.js'

export type MetricDirection = 'higher-is-better' | 'lower-is-better'

const LOWER_IS_BETTER: readonly string[] = [
  CLASSIFIER_METRICS.logLoss,
  CLASSIFIER_METRICS.brier,
  CLASSIFIER_METRICS.falsePositives,
  CLASSIFIER_METRICS.falseNegatives,
  REGRESSOR_METRICS.mae,
  REGRESSOR_METRICS.mse,
  REGRESSOR_METRICS.rmse,
  REGRESSOR_METRICS.maxError,
  REGRESSOR_METRICS.mape,
  'brier_score_loss',
  'mean_poisson_deviance',
  'mean_gamma_deviance',
  'mean_tweedie_deviance',
  'mean_squared_log_error',
  'root_mean_squared_log_error',
  'median_absolute_error',
  'mean_pinball_loss',
  'hamming_loss',
  'zero_one_loss',
  'hinge_loss',
  'loss',
  'mae',
  'mse',
  'rmse',
  'mape',
  'error_rate'
]

const HIGHER_IS_BETTER: readonly string[] = [
  CLASSIFIER_METRICS.accuracy,
  CLASSIFIER_METRICS.recall,
  CLASSIFIER_METRICS.precision,
  CLASSIFIER_METRICS.f1,
  CLASSIFIER_METRICS.rocAuc,
  CLASSIFIER_METRICS.prAuc,
  CLASSIFIER_METRICS.averagePrecision,
  CLASSIFIER_METRICS.truePositives,
  CLASSIFIER_METRICS.trueNegatives,
  REGRESSOR_METRICS.r2,
  'accuracy',
  'balanced_accuracy_score',
  'average_precision_score',
  'roc_auc_score',
  'auc',
  'precision',
  'recall',
  'f1',
  'fbeta_score',
  'jaccard_score',
  'matthews_corrcoef',
  'cohen_kappa_score',
  'top_k_accuracy_score',
  'explained_variance_score',
  'd2_absolute_error_score',
  'd2_tweedie_score',
  'r2',
  // sklearn's estimator.score (accuracy or R²), which autolog logs as training_score.
  'score'
]

const DIRECTIONS = new Map<string, MetricDirection>([
  ...LOWER_IS_BETTER.map((name) => [name, 'lower-is-better'] as const),
  ...HIGHER_IS_BETTER.map((name) => [name, 'higher-is-better'] as const)
])

/** Prefixes MLflow writes before a base metric name: autolog's `training_`, evaluators' splits. */
const PREFIXES = ['training_', 'train_', 'validation_', 'val_', 'test_', 'eval_', 'evaluation_']
/** Averaging suffixes (`f1_score_macro`, `roc_auc_weighted`). */
const SUFFIX = /_(macro|micro|weighted|samples|binary)$/

/** The direction of a metric name, or undefined when the gate does not know the metric. */
export function knownDirection(metric: string): MetricDirection | undefined {
  const name = metric.trim().toLowerCase()
  const candidates = new Set([name, name.replace(SUFFIX, '')])
  for (const candidate of [...candidates]) {
    for (const prefix of PREFIXES) if (candidate.startsWith(prefix)) candidates.add(candidate.slice(prefix.length))
  }
  const found = new Set(
    [...candidates].flatMap((candidate) => {
      const direction = DIRECTIONS.get(candidate)
      return direction === undefined ? [] : [direction]
    })
  )
  // Two readings that disagree would be a guess; only a single answer counts as known.
  return found.size === 1 ? [...found][0] : undefined
}

/**
 * The direction a requirement is judged in: the known one, else the policy's `higherIsBetter`.
 * The schema refuses a policy whose `higherIsBetter` contradicts a known direction, and a baseline
 * comparison on an unknown metric without it, so `undefined` only reaches a check built by hand.
 */
export function metricDirection(metric: string, higherIsBetter: boolean | undefined): MetricDirection | undefined {
  return (
    knownDirection(metric) ??
    (higherIsBetter === undefined ? undefined : higherIsBetter ? 'higher-is-better' : 'lower-is-better')
  )
}
