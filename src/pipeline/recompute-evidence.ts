/**
 * The recompute part of collecting: run the candidate's model on the policy's evaluation data,
 * attach `candidate.recomputed` (metrics + fairness group statistics) and, when a baseline
 * comparison is judged on recomputed numbers, run the champion on the SAME file so the two
 * versions are compared on identical data. Everything that cannot be done becomes `missing`
 * evidence with the reason; the checks then fail closed.
 */
import path from 'node:path'
import {
  resolveEvaluationData,
  type EvaluationDataSpec,
  type LocalEvaluationData
} from '../collect/recompute/evaluation-data.js'
import { sha256File } from '../hash.js'
import type { MlflowStore } from '../collect/mlflow/store.js'
import { readPredictionColumn } from '../collect/recompute/prediction-column.js'
import type { RecomputeProgress } from './ports.js'
import {
  recomputeWithRows,
  type RecomputeOptions,
  type RecomputeOutcome,
  type RecomputedRows
} from '../collect/recompute/recompute.js'
import { missing, present } from '../core/evidence/items.js'
import type { EvidenceItem, Evidence, Missing, RecomputedEvaluation, VersionEvidence } from '../core/evidence/types.js'
import { buildGroupStatistics } from '../core/fairness/build-groups.js'
import { toBinary } from '../core/fairness/group-stats.js'
import { groupsKey, type GroupStatisticsEntry } from '../core/fairness/types.js'
import type { EvaluationSettings } from '../core/policy/evaluation-schema.js'
import { groupRequirements, type GroupRequirement } from '../core/policy/group-requirements.js'
import type { GateOptions } from './gate-options.js'
import type { PreparedRun } from './prepared-run.js'

/** Progress of one model run; the CLI writes it to stderr, tests and the action may omit it. */
export type ProgressPort = (label: string) => { onProgress: (p: RecomputeProgress) => void; done: () => void }

export interface RecomputePorts {
  store: Pick<MlflowStore, 'readArtifact' | 'downloadArtifact'>
  workDir: string
  cwd: string
  progress?: ProgressPort
  /** Injected in tests; default: the ONNX recompute. */
  recompute?: (options: RecomputeOptions) => Promise<RecomputeOutcome>
}

/** Where the data comes from: --eval-data, else the policy's `data`, else the evaluation dataset input. */
export function evaluationDataSpec(
  settings: EvaluationSettings,
  options: Pick<GateOptions, 'evalDataPath'>,
  cwd: string
): EvaluationDataSpec {
  if (options.evalDataPath !== undefined) return { kind: 'file', path: path.resolve(cwd, options.evalDataPath) }
  const data = settings.data
  if (data === undefined) return { kind: 'dataset-input' }
  if (data.artifact !== undefined) return { kind: 'artifact', path: data.artifact }
  if (data.path !== undefined) return { kind: 'file', path: path.resolve(cwd, data.path) }
  return { kind: 'dataset-input', ...(data.datasetInput === undefined ? {} : { name: data.datasetInput }) }
}

export async function recomputeEvidence(
  evidence: Evidence,
  prepared: PreparedRun,
  options: GateOptions,
  ports: RecomputePorts
): Promise<Evidence> {
  const settings = prepared.policy.evaluation
  const requirements = prepared.profile.requirements
  const fairness = groupRequirements(requirements)
  const runModel = prepared.needs.recompute
  const candidate = evidence.candidate
  if (settings === undefined) {
    // prepareRun refuses such a policy; kept so a direct caller still fails closed.
    return withCandidate(
      evidence,
      missing(
        'invalid',
        'the policy has no evaluation block, so the model cannot be run; add `evaluation:` with data, label and task'
      )
    )
  }
  if (candidate.run.kind === 'missing') {
    return withCandidate(
      evidence,
      missing(
        candidate.run.reason,
        `the candidate run is unavailable, so its evaluation data cannot be found (${candidate.run.detail})`
      )
    )
  }
  const data = await resolveEvaluationData(
    evaluationDataSpec(settings, options, ports.cwd),
    candidate.run.value,
    ports.store,
    ports.workDir
  )
  if ('kind' in data) return withCandidate(evidence, data)

  const base = { ...recomputeOptions(settings, data), excludedColumns: policySensitiveColumns(prepared) }
  const modelRun = fairness.filter((r) => r.predictionColumn === undefined)
  let outcome: RecomputeOutcome | undefined
  if (runModel) {
    outcome = await runVersion(candidate, 'candidate', ports, {
      ...base,
      ...(modelRun.length > 0
        ? { keepRows: true, sensitiveFeatures: uniqueSets(modelRun.map((r) => r.sensitiveFeatures)) }
        : {})
    })
  }
  let recomputed: EvidenceItem<RecomputedEvaluation> = outcome?.evidence ?? (await predictionsOnlyEvaluation(data))
  if (recomputed.kind === 'present' && fairness.length > 0) {
    const groups: Record<string, GroupStatisticsEntry> = {
      ...(modelRun.length > 0 ? modelGroups(outcome?.rows, modelRun, settings) : {}),
      ...(await predictionColumnGroups(fairness, settings, data, outcome?.rows))
    }
    // Without a model run the row count comes from the prediction column that was read.
    const rows = runModel
      ? recomputed.value.dataset.rows
      : (Object.values(groups).find((g) => g.kind === 'group-statistics')?.rows ?? 0)
    recomputed = {
      ...recomputed,
      value: { ...recomputed.value, dataset: { ...recomputed.value.dataset, rows }, groups }
    }
  }
  let next = withCandidate(evidence, recomputed)

  // Like with like: a baseline judged on recomputed numbers needs the champion run on this file.
  const baselineRecomputed = requirements.some(
    (r) => r.check === 'metric' && r.baseline !== undefined && r.source !== 'logged'
  )
  if (baselineRecomputed && next.champion.kind === 'present') {
    const champion = next.champion.value
    const championOutcome = await runVersion(champion, 'champion', ports, base)
    next = { ...next, champion: { ...next.champion, value: { ...champion, recomputed: championOutcome.evidence } } }
  }
  return next
}

function withCandidate(evidence: Evidence, recomputed: EvidenceItem<RecomputedEvaluation>): Evidence {
  return { ...evidence, candidate: { ...evidence.candidate, recomputed } }
}

function recomputeOptions(settings: EvaluationSettings, data: LocalEvaluationData): Omit<RecomputeOptions, 'model'> {
  return {
    data,
    label: settings.label,
    task: settings.task,
    ...(settings.positiveClass === undefined ? {} : { positiveClass: settings.positiveClass }),
    ...(settings.weightColumn === undefined ? {} : { weightColumn: settings.weightColumn }),
    ...(settings.batchSize === undefined ? {} : { batchSize: settings.batchSize }),
    ...(settings.features === undefined ? {} : { features: settings.features }),
    ...(settings.ignore === undefined ? {} : { ignore: settings.ignore }),
    ...(settings.output === undefined ? {} : { output: settings.output })
  }
}

/** Sensitive columns of every profile, so a column is never a model input in one profile and not in another. */
function policySensitiveColumns(prepared: PreparedRun): string[] {
  const all = Object.values(prepared.policy.profiles).flatMap((p) => p.requirements)
  const features = groupRequirements(all).flatMap((r) => r.sensitiveFeatures)
  return [...new Set(features)]
}

async function runVersion(
  version: VersionEvidence,
  who: string,
  ports: RecomputePorts,
  options: Omit<RecomputeOptions, 'model'>
): Promise<RecomputeOutcome> {
  if (version.model.kind === 'missing') {
    return {
      evidence: missing(
        version.model.reason,
        `the ${who}'s model could not be downloaded, so it cannot be run (${version.model.detail})`
      )
    }
  }
  const v = version.modelVersion.value
  const progress = ports.progress?.(`recompute ${v.name} v${v.version} (${who})`)
  try {
    return await (ports.recompute ?? recomputeWithRows)({
      ...options,
      model: version.model.value,
      ...(progress ? { onProgress: progress.onProgress } : {})
    })
  } finally {
    progress?.done()
  }
}

/** Feature sets without repeats (`[sex]` asked by two requirements is computed once). */
function uniqueSets(sets: readonly string[][]): string[][] {
  const seen = new Map<string, string[]>()
  for (const set of sets) seen.set(groupsKey(set), set)
  return [...seen.values()]
}

/** Group statistics from the rows of the model run. */
function modelGroups(
  rows: RecomputedRows | undefined,
  requirements: readonly GroupRequirement[],
  settings: EvaluationSettings
): Record<string, GroupStatisticsEntry> {
  const everyKey = (entry: Missing): Record<string, GroupStatisticsEntry> =>
    Object.fromEntries(requirements.map((r) => [groupsKey(r.sensitiveFeatures), entry]))
  if (settings.task !== 'binary') {
    return everyKey(
      missing(
        'unsupported',
        `fairness requirements need a binary classifier, but the evaluation block says ` +
          `task: ${settings.task}; set task: binary or remove the fairness requirement`
      )
    )
  }
  if (rows?.trueIndex === undefined || rows.predictedIndex === undefined || rows.positiveIndex === undefined) {
    return everyKey(
      missing('invalid', 'the recompute returned no per-row predictions, so no group statistics could be computed')
    )
  }
  const input = {
    yTrue: toBinary(rows.trueIndex, rows.positiveIndex),
    yPred: toBinary(rows.predictedIndex, rows.positiveIndex),
    ...(rows.scores === undefined ? {} : { scores: rows.scores }),
    sensitive: rows.sensitive
  }
  return buildGroupStatistics(input, requirements)
}

/** Group statistics of requirements that name a prediction column, read from the data file. */
async function predictionColumnGroups(
  requirements: readonly GroupRequirement[],
  settings: EvaluationSettings,
  data: LocalEvaluationData,
  rows: RecomputedRows | undefined
): Promise<Record<string, GroupStatisticsEntry>> {
  const groups: Record<string, GroupStatisticsEntry> = {}
  const byColumn = new Map<string, GroupRequirement[]>()
  for (const r of requirements)
    if (r.predictionColumn !== undefined)
      byColumn.set(r.predictionColumn, [...(byColumn.get(r.predictionColumn) ?? []), r])
  // The positive class the model run used, so both kinds of requirement count the same class.
  const modelPositive =
    rows?.classes !== undefined && rows.positiveIndex !== undefined ? rows.classes[rows.positiveIndex] : undefined
  const positiveClass = settings.positiveClass ?? modelPositive
  for (const [column, reqs] of byColumn) {
    const read = await readPredictionColumn({
      data,
      label: settings.label,
      predictionColumn: column,
      sensitiveFeatures: uniqueSets(reqs.map((r) => r.sensitiveFeatures))
        .flat()
        .filter((f, i, all) => all.indexOf(f) === i),
      ...(positiveClass === undefined ? {} : { positiveClass }),
      ...(settings.batchSize === undefined ? {} : { batchSize: settings.batchSize })
    })
    if ('kind' in read) {
      for (const r of reqs) groups[groupsKey(r.sensitiveFeatures)] = read
      continue
    }
    Object.assign(
      groups,
      buildGroupStatistics({ yTrue: read.yTrue, yPred: read.yPred, sensitive: read.sensitive }, reqs)
    )
  }
  return groups
}

/** When only prediction columns are judged the model is not run: the evaluation names the data alone. */
async function predictionsOnlyEvaluation(data: LocalEvaluationData): Promise<EvidenceItem<RecomputedEvaluation>> {
  try {
    const sha256 = await sha256File(data.path)
    const value: RecomputedEvaluation = {
      metrics: {},
      dataset: { uri: data.uri, sha256, rows: 0, ...(data.digest === undefined ? {} : { digest: data.digest }) },
      modelSha256: ''
    }
    return present(value, { source: 'recomputed', uri: data.uri, sha256 })
  } catch (error) {
    return missing(
      'not-found',
      `evaluation data ${data.uri} cannot be read (${(error as Error).message.split('\n')[0]})`
    )
  }
}
