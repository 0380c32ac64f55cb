/**
 * MLflow metric names → Hugging Face metric ids for `model-index` (`metric.type`). The ids are
 * those of the Hub's evaluate metrics (https://huggingface.co/metrics: accuracy, f1, precision,
 * recall, roc_auc, …). MLflow's evaluator names (`accuracy_score`, `f1_score`, `log_loss`, …)
 * are listed explicitly; a metric with no entry is left out of `model-index` (the card body
 * still shows it), so `metric.type` never holds a name the Hub does not know.
 */
export const MLFLOW_TO_HF_METRIC: Readonly<Record<string, string>> = {
  accuracy: 'accuracy',
  accuracy_score: 'accuracy',
  f1: 'f1',
  f1_score: 'f1',
  precision: 'precision',
  precision_score: 'precision',
  recall: 'recall',
  recall_score: 'recall',
  roc_auc: 'roc_auc',
  auc: 'roc_auc',
  log_loss: 'log_loss',
  brier_score: 'brier_score',
  mse: 'mse',
  mean_squared_error: 'mse',
  mae: 'mae',
  mean_absolute_error: 'mae',
  r2: 'r_squared',
  r2_score: 'r_squared',
  mape: 'mape',
  mean_absolute_percentage_error: 'mape',
  matthews_corrcoef: 'matthews_correlation'
}

export const HF_METRIC_IDS: ReadonlySet<string> = new Set(Object.values(MLFLOW_TO_HF_METRIC))

/** MLflow model flavours → the Hub's `library_name`; `python_function` says nothing about the library. */
export const FLAVOUR_TO_HF_LIBRARY: Readonly<Record<string, string>> = {
  sklearn: 'sklearn',
  onnx: 'onnx',
  pytorch: 'pytorch',
  tensorflow: 'tensorflow',
  keras: 'keras',
  transformers: 'transformers'
}
