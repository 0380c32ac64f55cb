/**
 * Metric names. The ones MLflow's default evaluator logs keep its exact names, so a policy that
 * says `roc_auc` means the same number whether it was logged by `mlflow.evaluate` or recomputed
 * here. The extra metrics use sklearn's function names with the averaging as a suffix.
 */
export const CLASSIFIER_METRICS = {
  exampleCount: 'example_count',
  accuracy: 'accuracy_score',
  /** Binary: positive class only. Multiclass: average="weighted" (MLflow's default). */
  recall: 'recall_score',
  precision: 'precision_score',
  f1: 'f1_score',
  logLoss: 'log_loss',
  /** Binary: ROC AUC of the positive class. Multiclass: one-vs-rest, weighted by support. */
  rocAuc: 'roc_auc',
  /**
   * MLflow 3 logs sklearn's average_precision_score under this name (not the trapezoidal area
   * under the precision-recall curve), so the two names carry the same number.
   */
  prAuc: 'precision_recall_auc',
  averagePrecision: 'average_precision',
  brier: 'brier_score',
  trueNegatives: 'true_negatives',
  falsePositives: 'false_positives',
  falseNegatives: 'false_negatives',
  truePositives: 'true_positives'
} as const

/** Averaged variants, e.g. `f1_score_macro`, `precision_score_micro`, `roc_auc_macro`. */
export type Averaging = 'macro' | 'micro' | 'weighted'
export const averagedName = (base: string, average: Averaging): string => `${base}_${average}`

/** Confusion matrix cell `confusion_matrix/<true>/<predicted>` (unweighted counts). */
export const confusionCellName = (trueLabel: string, predictedLabel: string): string =>
  `confusion_matrix/${trueLabel}/${predictedLabel}`

export const REGRESSOR_METRICS = {
  exampleCount: 'example_count',
  mae: 'mean_absolute_error',
  mse: 'mean_squared_error',
  rmse: 'root_mean_squared_error',
  sumOnTarget: 'sum_on_target',
  meanOnTarget: 'mean_on_target',
  r2: 'r2_score',
  maxError: 'max_error',
  mape: 'mean_absolute_percentage_error'
} as const

/** A metric that could not be computed on this data, and why (sklearn would raise or warn). */
export interface UndefinedMetric {
  name: string
  reason: string
}

/** What a metric computation returns: the numbers, and the ones that are undefined. */
export interface MetricResult {
  metrics: Record<string, number>
  undefinedMetrics: UndefinedMetric[]
}
