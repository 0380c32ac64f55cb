/**
 * Every option of every command and of the action, declared once. The CLI parser (cli-options.ts),
 * the action input reader (action-inputs.ts), `--help` (help.ts) and action.yml's inputs
 * (scripts/action-yml.ts, checked by a test) all read this table; each value is coerced and
 * validated here, at the entry, into one typed options object.
 *
 * Keys are the names the pipeline uses (GateOptions), so a parsed gate is GateOptions as it is.
 */
import { z } from 'zod'
import { GIT_REF, GIT_REF_RULE } from '../collect/policy-at-ref/policy-at-ref.js'
import { COMMAND_OPTIONS } from './command-option-table.js'
import { POSTURE_OPTIONS } from './posture-option-table.js'
import { option } from './option-spec.js'

const GATE = ['check', 'promote', 'rollback', 'action'] as const
const READS_MLFLOW = [...GATE, 'inspect', 'diff', 'init'] as const
const ALIAS = /^[\w-]+$/
const ALIAS_RULE = 'an alias has letters, digits, _ and - only'
const text = z.string().min(1).optional()
const aliasName = z.string().regex(ALIAS, ALIAS_RULE).optional()

/** A path (or folder) the gate reads or writes: the same flag and input name, optional. */
function gatePath(name: string, placeholder: string, help: string, description: string) {
  const names = { flag: name, input: name, placeholder }
  return option({ ...names, kind: 'string', schema: text, help, description, commands: GATE })
}

export const OPTIONS = {
  model: option({
    flag: 'model',
    placeholder: 'NAME|URI',
    input: 'model',
    kind: 'string',
    required: true,
    schema: z.string().min(1).optional(),
    help: 'registered model name, or a models:/ URI',
    description: 'Registered model name, or a model URI (models:/name@alias, models:/name/3).',
    commands: READS_MLFLOW
  }),
  version: option({
    flag: 'version',
    placeholder: 'N',
    input: 'version',
    kind: 'string',
    schema: z.string().regex(/^\d+$/, 'a version is a whole number such as 3').optional(),
    help: 'model version number',
    description: 'Model version to gate. Give exactly one of version or alias (or a models:/ URI).',
    commands: READS_MLFLOW
  }),
  alias: option({
    flag: 'alias',
    placeholder: 'A',
    input: 'alias',
    kind: 'string',
    schema: aliasName,
    help: 'model alias (challenger, …)',
    helpFor: { rollback: 'the alias to roll back (champion); required' },
    description: 'Alias of the model version to gate (e.g. challenger).',
    commands: READS_MLFLOW
  }),
  policyPath: option({
    flag: 'policy',
    placeholder: 'FILE',
    input: 'policy',
    kind: 'string',
    schema: text,
    help: 'policy YAML (default: the shipped baseline policies/default.yml)',
    helpFor: {
      posture:
        'the policy in force: verdicts under another digest are stale, and each aliased version is ' +
        're-evaluated under it (what-if)'
    },
    description: 'Path to the policy YAML. Defaults to the baseline ISO 42001 policy shipped with the action.',
    commands: [...GATE, 'controls', 'posture']
  }),
  policyRef: option({
    flag: 'policy-ref',
    placeholder: 'REF',
    kind: 'string',
    schema: z.string().regex(GIT_REF, `must be ${GIT_REF_RULE}`).optional(),
    help:
      'evaluate the policy file as committed at this git ref (a commit, branch or tag of the repository ' +
      "holding it), not the working tree's copy; what the working tree changes is listed",
    commands: ['check', 'promote', 'rollback']
  }),
  /** The action's `policy-ref` picks the pull request's side, which only the action knows. */
  policySide: option({
    input: 'policy-ref',
    kind: 'string',
    default: 'base',
    schema: z.enum(['base', 'head']),
    refusal: "write 'policy-ref: base' (the pull request's base commit governs, the default) or 'policy-ref: head'",
    help: 'which version of the policy file governs on pull requests (base/head)',
    description:
      'On pull requests, which version of the policy file governs (base/head). base (the default) ' +
      "reads it at the pull request's base commit, so the pull request cannot loosen its own gate; head uses " +
      'the checked-out file (weaker). Either way, what the pull request changes in the policy is shown.',
    commands: ['action']
  }),
  profile: option({
    flag: 'profile',
    placeholder: 'NAME',
    input: 'profile',
    kind: 'string',
    schema: text,
    help: "policy profile (default: the policy's default profile)",
    helpFor: { posture: "profile of --policy for the what-if (default: the policy's default profile)" },
    description:
      "Policy profile to evaluate (pull-request, staging, production, …). Defaults to the policy's " +
      'defaultProfile.',
    commands: [...GATE, 'controls', 'posture']
  }),
  trackingUri: option({
    flag: 'tracking-uri',
    placeholder: 'URI',
    input: 'tracking-uri',
    env: 'MLFLOW_TRACKING_URI',
    kind: 'string',
    schema: text,
    help: 'http(s):// server or sqlite:///path/mlflow.db (default: MLFLOW_TRACKING_URI)',
    description:
      'MLflow tracking URI (http(s)://… server or sqlite:///path/to/mlflow.db). Defaults to the ' +
      'MLFLOW_TRACKING_URI environment variable.',
    commands: [...READS_MLFLOW, 'posture']
  }),
  artifactsDestination: gatePath(
    'artifacts-destination',
    'DIR',
    'for sqlite stores written through a server: its --artifacts-destination',
    'For sqlite:/// stores written through a server, the folder that server used as --artifacts-destination.'
  ),
  cardSourcePath: gatePath(
    'card-source',
    'FILE',
    'human-owned card sections (default: model-cards/<model>.md)',
    'Human-owned card sections (Markdown). Defaults to model-cards/<model>.md when it exists.'
  ),
  cardDir: gatePath(
    'card-dir',
    'DIR',
    'where the card and report go (default: model-cards/generated)',
    'Folder for the generated cards and reports; each goes to <card-dir>/<model>/<version>.md and ' +
      '<version>.report.json (default model-cards/generated).'
  ),
  cardTemplatePath: gatePath(
    'card-template',
    'FILE',
    'Handlebars template instead of the default card',
    'Path to a Handlebars card template to use instead of the default one.'
  ),
  reportPath: gatePath(
    'report',
    'FILE',
    'also write the JSON report here',
    'Also write the JSON report to this path (it is always written beside the card); report-path then names ' +
      'this file.'
  ),
  evalDataPath: gatePath(
    'eval-data',
    'FILE',
    "evaluation data (CSV/Parquet) for recomputed metrics and fairness, instead of the policy's evaluation.data",
    'Evaluation data (CSV or Parquet) to re-run the model on, for recomputed/reconciled metrics and fairness ' +
      "requirements. Overrides the policy's evaluation.data."
  ),
  timeoutSeconds: option({
    flag: 'timeout',
    placeholder: 'SECONDS',
    input: 'timeout',
    env: 'MLFLOW_HTTP_REQUEST_TIMEOUT',
    kind: 'seconds',
    default: '30',
    example: '30',
    schema: z.number().positive('must be more than 0 seconds').max(3600, 'must be at most 3600 seconds'),
    help: 'per-request timeout for MLflow (default MLFLOW_HTTP_REQUEST_TIMEOUT or 30)',
    description: 'Per-request timeout for MLflow calls, in seconds. Defaults to MLFLOW_HTTP_REQUEST_TIMEOUT, else 30.',
    commands: [...READS_MLFLOW, 'posture']
  }),
  deadlineSeconds: option({
    flag: 'deadline',
    placeholder: 'SECONDS',
    input: 'deadline',
    kind: 'seconds',
    default: '600',
    example: '600',
    schema: z.number().positive('must be more than 0 seconds').max(86_400, 'must be at most 86400 seconds'),
    help:
      "overall limit on the run's MLflow requests, retries and downloads (default 600); see " +
      '"Limits and failure behaviour" in the README',
    description:
      "Overall limit, in seconds, on the run's MLflow requests, retry waits and downloads; when it " +
      'passes, the evidence still missing blocks the release (default 600).',
    commands: GATE
  }),
  writeBack: option({
    flag: 'write-back',
    input: 'write-back',
    kind: 'boolean',
    default: 'false',
    schema: z.boolean(),
    help: 'write aims.gate.* tags and upload the card and report to MLflow',
    description: 'After the verdict, write aims.gate.* tags and upload the card and report to MLflow (true/false).',
    commands: GATE
  }),
  promoteTo: option({
    flag: 'to',
    placeholder: 'ALIAS',
    input: 'promote-to',
    kind: 'string',
    schema: aliasName,
    help:
      'the alias a later promote moves (champion): records its holder and the evidence digest in the ' +
      'report, warns when it was moved outside the gate',
    helpFor: { promote: 'the alias to move (champion, production); required' },
    description:
      'After a passing gate, move this alias (champion, production) to the version, under a lease, ' +
      'checked and recorded (docs/promotion.md). Needs a tracking server and write access to the registry.',
    commands: GATE
  }),
  now: option({
    flag: 'now',
    placeholder: 'TIME',
    input: 'now',
    kind: 'string',
    schema: text,
    help:
      "the run's clock, ISO 8601 with a zone (2026-01-31T12:00:00Z), so a rerun is byte-identical " +
      '(default: SOURCE_DATE_EPOCH when set, else now)',
    description:
      "The run's clock, ISO 8601 with a zone (2026-01-31T12:00:00Z), so a rerun is byte-identical. " +
      'Defaults to SOURCE_DATE_EPOCH when set (refused when more than 24 hours old), else the time of the run.',
    commands: [...GATE, 'posture']
  }),
  /**
   * The fallback of `now`, kept apart so the clock knows where its time came from: a time taken
   * from the environment unasked is refused when it is old (src/pipeline/fixed-clock.ts).
   */
  sourceDateEpoch: option({
    env: 'SOURCE_DATE_EPOCH',
    kind: 'string',
    schema: text,
    help: 'seconds since 1970 (reproducible builds): the clock when --now is not given',
    commands: [...GATE, 'posture']
  }),
  bundleDir: gatePath(
    'bundle',
    'DIR',
    'also write the evidence bundle an auditor verifies offline (aims-gate verify DIR; see docs/auditors.md)',
    'Also write the evidence bundle (report, card, policy, evidence snapshot, manifest, in-toto statement) to ' +
      'this folder; verify it with `aims-gate verify` (docs/auditors.md).'
  ),
  signKeyPath: gatePath(
    'sign-key',
    'FILE',
    "sign the bundle's statement (DSSE) with this Ed25519 or ECDSA P-256 private key (PEM)",
    "Ed25519 or ECDSA P-256 private key file (PEM) that signs the bundle's statement as a DSSE envelope. " +
      'In GitHub prefer actions/attest over the statement (docs/github.md).'
  ),
  oscalPath: gatePath(
    'oscal',
    'FILE',
    'also write the OSCAL 1.1 assessment results (JSON)',
    'Also write the OSCAL 1.1 assessment results (JSON) to this file.'
  ),
  sarifPath: gatePath(
    'sarif',
    'FILE',
    'also write the failing and missing requirements as SARIF 2.1.0 (code scanning; see docs/github.md)',
    'Also write the failing and missing requirements as SARIF 2.1.0 to this file, located on the policy lines, ' +
      'for github/codeql-action/upload-sarif (docs/github.md).'
  ),
  ...COMMAND_OPTIONS,
  ...POSTURE_OPTIONS
} as const

export type OptionTable = typeof OPTIONS
export type OptionKey = keyof OptionTable
