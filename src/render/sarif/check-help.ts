/**
 * What each check kind verifies and what usually fixes a failing or missing result, in the
 * project's own words: the help text of the SARIF rules (render/sarif/sarif-log.ts). The mapped
 * type makes the compiler ask for an entry for every check kind.
 */
import type { CheckKind } from '../../core/policy/schema.js'

export interface CheckHelp {
  checks: string
  fix: string
}

export const CHECK_HELP: { [K in CheckKind]: CheckHelp } = {
  metric: {
    checks:
      "a metric of the candidate's run (as logged, recomputed by running the model on the evaluation data, " +
      'or both reconciled) against a bound or against the baseline version',
    fix:
      'log the metric on the training run (mlflow.log_metric or mlflow.evaluate), improve the model, ' +
      "or change the bound in the policy through the policy's review"
  },
  documentation: {
    checks: "the card source's documentation sections (intended use, limitations, …) are present and filled in",
    fix: 'write the missing sections as ## headings in the card source (model-cards/<model>.md)'
  },
  datasets: {
    checks: 'the training and evaluation datasets are logged on the run with a digest and a source',
    fix: 'log the datasets with mlflow.log_input, giving each a source and a digest'
  },
  artifact: {
    checks: 'a file the policy asks for is logged as an artifact of the run (and matches its rules)',
    fix: 'log the file with mlflow.log_artifact under the path the policy names'
  },
  approval: {
    checks: 'the release was approved by someone allowed to approve it who is not its author',
    fix:
      'have an approver listed in the policy approve the release through a source the policy accepts ' +
      '(MLflow tag, environment approval or pull-request review)'
  },
  fairness: {
    checks: 'a group fairness metric over the evaluation data stays within the bound for the named groups',
    fix: 'log the sensitive features with the evaluation data, or reduce the disparity between groups'
  },
  'selection-rate-ratio': {
    checks:
      "each group's selection rate over the reference group's (an adverse-impact screen such as the four-fifths " +
      'rule, not a proof of fairness), with its interval',
    fix: 'log the sensitive features with the evaluation data, or reduce the gap in selection rates between groups'
  },
  calibration: {
    checks: 'the Brier score or expected calibration error, overall and in every group, with intervals',
    fix: 'recalibrate the model (e.g. isotonic or Platt scaling on held-out data) or log the groups it needs'
  },
  'subgroup-performance': {
    checks: 'a performance rate in every group, against a floor and the largest gap between groups',
    fix: 'improve the model for the weakest group, or collect more evaluation data for small groups'
  }
}
