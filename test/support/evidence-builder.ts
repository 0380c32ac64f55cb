/**
 * Builds `Evidence` objects in code for tests. `EvidenceBuilder.passing()` starts from a complete,
 * healthy credit-risk candidate (version 3, champion version 2) that satisfies the example policy;
 * each method changes one fact, so a test reads as "the passing case, except …".
 *
 *   const evidence = EvidenceBuilder.passing().metric('roc_auc', 0.7).noChampion().build()
 */
import { missing, present } from '../../src/core/evidence/items.js'
import type {
  ArtifactDocument,
  DatasetInput,
  Evidence,
  EvidenceItem,
  LoggedMetric,
  Missing,
  ModelVersionEvidence,
  Present,
  RecomputedEvaluation,
  RunEvidence,
  VersionEvidence
} from '../../src/core/evidence/types.js'

export const MODEL = 'credit-risk'
/** 2026-06-01T12:00:00Z: a fixed "now" for tests. */
export const NOW = new Date('2026-06-01T12:00:00Z')
const T0 = Date.parse('2026-05-20T09:00:00Z')

export type Who = 'candidate' | 'champion'

export function metricItem(key: string, value: number, runId = 'run-candidate'): Present<LoggedMetric> {
  return present(
    { key, value, step: 0, timestamp: T0 },
    { source: 'mlflow-run', uri: `runs:/${runId}/metrics/${key}`, runId }
  )
}

export function datasetItem(
  fields: Partial<DatasetInput> & { context?: string },
  runId = 'run-candidate'
): Present<DatasetInput> {
  const name = fields.name ?? `adult-${fields.context ?? 'data'}`
  const value: DatasetInput = {
    name,
    digest: `d-${name}`,
    sourceType: 'local',
    source: JSON.stringify({ uri: `data/${name}.csv` }),
    sourceUri: `data/${name}.csv`,
    tags: {},
    ...fields
  }
  return present(value, {
    source: 'mlflow-run',
    uri: `runs:/${runId}/inputs/${name}`,
    runId,
    datasetDigest: value.digest
  })
}

export function runEvidence(runId: string, overrides: Partial<RunEvidence> = {}): RunEvidence {
  return {
    runId,
    experimentId: '1',
    user: 'data-scientist',
    status: 'FINISHED',
    startTime: T0,
    endTime: T0 + 60_000,
    artifactUri: `mlflow-artifacts:/1/${runId}/artifacts`,
    metrics: {},
    params: {},
    tags: {},
    datasets: [],
    ...overrides
  }
}

export function versionEvidence(
  version: string,
  runId: string,
  overrides: Partial<ModelVersionEvidence> = {}
): VersionEvidence {
  return {
    modelVersion: present(
      {
        name: MODEL,
        version,
        aliases: [],
        description: '',
        source: `models:/m-${runId}`,
        runId,
        status: 'READY',
        creationTimestamp: T0 + 120_000,
        userId: 'ml-engineer',
        tags: {},
        ...overrides
      },
      { source: 'mlflow-registry', uri: `models:/${MODEL}/${version}` }
    ),
    run: present(runEvidence(runId), { source: 'mlflow-run', uri: `runs:/${runId}`, runId }),
    artifacts: present([], { source: 'artifact', uri: `runs:/${runId}/` }),
    model: missing('not-logged', 'model not downloaded in unit tests'),
    documents: {}
  }
}

/** A card source with every documentation section written (the `## Title` form). */
export const FULL_CARD = `# credit-risk

## Intended use
Pre-screening of consumer credit applications; a credit officer makes the decision.

## Out-of-scope use
Not for automated denial of credit.

## Users
Credit officers.

## AI interaction disclosure
Applicants are told a model assists the review.

## Architecture
Gradient-boosted trees exported to ONNX.

## Training method
Five-fold cross-validation.

## Training data
Adult census extract, 2024 snapshot.

## Evaluation data
Held-out 20 % split, disjoint from training.

## Limitations
Under-represents applicants under 21.

## Failure modes
Over-confident on unusual occupations.

## Ethical considerations
Sex and race are excluded from the features and monitored for disparity.

## Human oversight
Every decline is reviewed by a credit officer.

## Monitoring plan
Weekly drift report.

## Support contact
ml-platform@example.com

## License
Apache-2.0
`

export class EvidenceBuilder {
  private constructor(private readonly evidence: Evidence) {}

  /** A complete candidate (v3, alias challenger) and champion (v2) that pass the example policy. */
  static passing(): EvidenceBuilder {
    const candidate = versionEvidence('3', 'run-candidate', {
      aliases: ['challenger'],
      tags: { 'aims.approved_by': 'head-of-risk', 'aims.approved_at': '2026-05-30' }
    })
    const champion = versionEvidence('2', 'run-champion', { aliases: ['champion'] })
    const builder = new EvidenceBuilder({
      schemaVersion: 1,
      collectedAt: NOW.toISOString(),
      tracking: { uri: 'http://mlflow.test', kind: 'rest' },
      registeredModel: present(
        { name: MODEL, description: '', tags: {}, aliases: { champion: '2', challenger: '3' } },
        { source: 'mlflow-registry', uri: `models:/${MODEL}` }
      ),
      candidate,
      champion: present(champion, { source: 'mlflow-registry', uri: `models:/${MODEL}@champion` }),
      cardSource: present(
        { path: `model-cards/${MODEL}.md`, text: FULL_CARD },
        { source: 'repo-file', uri: `model-cards/${MODEL}.md` }
      ),
      change: {}
    })
    return builder
      .metric('roc_auc', 0.87)
      .metric('accuracy', 0.85)
      .metric('roc_auc', 0.865, 'champion')
      .metric('accuracy', 0.845, 'champion')
      .datasets([
        { context: 'training', name: 'adult-train', digest: 'aaa111' },
        { context: 'evaluation', name: 'adult-test', digest: 'bbb222' }
      ])
      .document(
        'impact_assessment.md',
        '# Impact assessment\n\n## Intended use\nPre-screening.\n\n## Affected ' +
          'groups\nApplicants.\n\n## Risks and mitigations\n- Drift.\n\nReviewed: ' +
          '2026-03-01\n'
      )
  }

  /** Only the model version is known; run, champion, card and documents are missing. */
  static bare(): EvidenceBuilder {
    const builder = EvidenceBuilder.passing()
    const e = builder.evidence
    e.candidate.run = missing('not-found', 'run run-candidate was deleted')
    e.candidate.documents = {}
    e.candidate.modelVersion.value.tags = {}
    e.champion = missing('not-found', `no version of ${MODEL} holds alias champion`)
    e.cardSource = missing('not-found', `model-cards/${MODEL}.md does not exist`)
    return builder
  }

  private version(who: Who): VersionEvidence {
    if (who === 'candidate') return this.evidence.candidate
    if (this.evidence.champion.kind === 'missing') throw new Error('the champion is missing; call champion() first')
    return this.evidence.champion.value
  }

  private run(who: Who): RunEvidence {
    const run = this.version(who).run
    if (run.kind === 'missing') throw new Error(`the ${who} run is missing`)
    return run.value
  }

  metric(key: string, value: number, who: Who = 'candidate'): this {
    const run = this.run(who)
    run.metrics[key] = metricItem(key, value, run.runId)
    return this
  }

  withoutMetric(key: string, who: Who = 'candidate'): this {
    delete this.run(who).metrics[key]
    return this
  }

  /** Metrics recomputed by running the model; pass a `Missing` for a failed recompute. */
  recomputed(metrics: Record<string, number> | Missing, who: Who = 'candidate'): this {
    const version = this.version(who)
    if ('kind' in metrics && metrics.kind === 'missing') {
      version.recomputed = metrics as Missing
      return this
    }
    const value: RecomputedEvaluation = {
      metrics: metrics as Record<string, number>,
      dataset: { uri: 'data/adult-test.csv', sha256: 'f'.repeat(64), rows: 9769 },
      modelSha256: 'e'.repeat(64)
    }
    version.recomputed = present(value, {
      source: 'recomputed',
      uri: 'data/adult-test.csv',
      sha256: value.dataset.sha256
    })
    return this
  }

  datasets(fields: (Partial<DatasetInput> & { context?: string })[], who: Who = 'candidate'): this {
    const run = this.run(who)
    run.datasets = fields.map((f) => datasetItem(f, run.runId))
    return this
  }

  runFields(overrides: Partial<RunEvidence>, who: Who = 'candidate'): this {
    Object.assign(this.run(who), overrides)
    return this
  }

  noRun(detail = 'the run could not be fetched', who: Who = 'candidate'): this {
    this.version(who).run = missing('unreachable', detail)
    return this
  }

  versionFields(overrides: Partial<ModelVersionEvidence>, who: Who = 'candidate'): this {
    Object.assign(this.version(who).modelVersion.value, overrides)
    return this
  }

  versionTags(tags: Record<string, string | undefined>, who: Who = 'candidate'): this {
    const current = this.version(who).modelVersion.value.tags
    for (const [key, value] of Object.entries(tags)) {
      if (value === undefined) delete current[key]
      else current[key] = value
    }
    return this
  }

  modelFields(overrides: { description?: string; tags?: Record<string, string> }): this {
    Object.assign(this.evidence.registeredModel.value, overrides)
    return this
  }

  document(path: string, text: string | Missing | undefined): this {
    const documents = this.evidence.candidate.documents
    if (text === undefined) delete documents[path]
    else if (typeof text !== 'string') documents[path] = text
    else {
      const doc: ArtifactDocument = { path, text, size: Buffer.byteLength(text), sha256: '0'.repeat(64) }
      documents[path] = present(doc, { source: 'artifact', uri: `runs:/run-candidate/${path}`, runId: 'run-candidate' })
    }
    return this
  }

  cardSource(text: string | Missing): this {
    this.evidence.cardSource =
      typeof text === 'string'
        ? present({ path: `model-cards/${MODEL}.md`, text }, { source: 'repo-file', uri: `model-cards/${MODEL}.md` })
        : text
    return this
  }

  noChampion(detail = `no version of ${MODEL} holds alias champion`): this {
    this.evidence.champion = missing('not-found', detail)
    return this
  }

  champion(item: EvidenceItem<VersionEvidence>): this {
    this.evidence.champion = item
    return this
  }

  change(change: Evidence['change']): this {
    this.evidence.change = { ...change }
    return this
  }

  externalApprovals(approvals: NonNullable<Evidence['externalApprovals']>): this {
    this.evidence.externalApprovals = approvals
    return this
  }

  /** A deep copy, so one builder can produce variants without them sharing state. */
  build(): Evidence {
    return structuredClone(this.evidence)
  }
}
