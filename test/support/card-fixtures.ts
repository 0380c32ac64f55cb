/**
 * A fixed, fully typed evidence set for the render tests: one candidate (version 3) with a
 * champion (version 2), two datasets, logged and recomputed metrics, approvals, a waiver and an
 * impact assessment. Everything is a literal so the golden card never changes by accident.
 */
import { DOCUMENTATION_SECTION_TITLES } from '../../src/core/documentation/section-titles.js'
import { DOCUMENTATION_SECTIONS, type DocumentationSet } from '../../src/core/documentation/types.js'
import type { Evidence, LoggedMetric, Present, VersionEvidence } from '../../src/core/evidence/types.js'
import type { Verdict } from '../../src/core/verdict/types.js'

const RUN = '0a1b2c3d4e5f60718293a4b5c6d7e8f9'
const CHAMPION_RUN = 'ffeeddccbbaa99887766554433221100'
const TRAIN_DIGEST = '3f2a9c1d'
const EVAL_DIGEST = '7b4e0d22'

function metric(runId: string, key: string, value: number): Present<LoggedMetric> {
  return {
    kind: 'present',
    value: { key, value, step: 0, timestamp: 1_760_000_000_000 },
    provenance: { source: 'mlflow-run', uri: `runs:/${runId}/metrics/${key}`, runId }
  }
}

function version(v: string, runId: string, metrics: Record<string, number>, evalDigest: string): VersionEvidence {
  return {
    modelVersion: {
      kind: 'present',
      value: {
        name: 'credit-risk',
        version: v,
        aliases: v === '3' ? ['challenger'] : ['champion'],
        description: v === '3' ? 'Gradient-boosted credit risk scorer, retrained on the 2026 snapshot.' : '',
        source: `models:/m-${v.repeat(32)}`,
        runId,
        status: 'READY',
        creationTimestamp: 1_760_000_000_000 + Number(v) * 86_400_000,
        userId: 'ml-platform',
        tags: {}
      },
      provenance: { source: 'mlflow-registry', uri: `models:/credit-risk/${v}` }
    },
    run: {
      kind: 'present',
      value: {
        runId,
        experimentId: '1',
        runName: `train-v${v}`,
        user: 'data-scientist',
        status: 'FINISHED',
        startTime: 1_759_990_000_000,
        endTime: 1_759_990_600_000,
        artifactUri: `mlflow-artifacts:/1/${runId}/artifacts`,
        metrics: Object.fromEntries(Object.entries(metrics).map(([k, value]) => [k, metric(runId, k, value)])),
        params: { max_depth: '6' },
        tags: {},
        datasets: [
          {
            kind: 'present',
            value: {
              name: 'adult-train',
              digest: TRAIN_DIGEST,
              sourceType: 'local',
              source: '{"uri": "data/adult/train.csv"}',
              sourceUri: 'data/adult/train.csv',
              context: 'training',
              tags: { license: 'CC-BY-4.0', date: '2026-01-15' }
            },
            provenance: {
              source: 'mlflow-run',
              uri: `runs:/${runId}/inputs/adult-train`,
              runId,
              datasetDigest: TRAIN_DIGEST
            }
          },
          {
            kind: 'present',
            value: {
              name: 'adult-eval',
              digest: evalDigest,
              sourceType: 'local',
              source: '{"uri": "data/adult/eval.csv"}',
              sourceUri: 'data/adult/eval.csv',
              context: 'evaluation',
              tags: {}
            },
            provenance: {
              source: 'mlflow-run',
              uri: `runs:/${runId}/inputs/adult-eval`,
              runId,
              datasetDigest: evalDigest
            }
          }
        ]
      },
      provenance: { source: 'mlflow-run', uri: `runs:/${runId}`, runId }
    },
    artifacts: { kind: 'present', value: [], provenance: { source: 'artifact', uri: `runs:/${runId}/` } },
    model: {
      kind: 'present',
      value: {
        sourceUri: `models:/credit-risk/${v}`,
        localDir: 'model',
        files: [{ path: 'model.onnx', size: 1024, sha256: 'a'.repeat(64) }],
        mlmodel: {},
        onnxPath: 'model.onnx',
        onnxSha256: 'a'.repeat(64)
      },
      provenance: { source: 'artifact', uri: `models:/credit-risk/${v}`, sha256: 'a'.repeat(64) }
    },
    documents: {
      'impact_assessment.md': {
        kind: 'present',
        value: { path: 'impact_assessment.md', text: '# Impact', size: 8, sha256: 'b'.repeat(64) },
        provenance: { source: 'artifact', uri: `runs:/${runId}/impact_assessment.md`, sha256: 'b'.repeat(64) }
      }
    }
  }
}

export function fixtureEvidence(): Evidence {
  const candidate = version('3', RUN, { roc_auc: 0.8731, accuracy: 0.8512, f1_score: 0.6843 }, EVAL_DIGEST)
  candidate.recomputed = {
    kind: 'present',
    value: {
      metrics: { roc_auc: 0.8729 },
      dataset: { uri: 'data/adult/eval.csv', sha256: 'c'.repeat(64), rows: 9769, digest: EVAL_DIGEST },
      modelSha256: 'a'.repeat(64)
    },
    provenance: { source: 'recomputed', uri: 'data/adult/eval.csv', datasetDigest: EVAL_DIGEST, sha256: 'c'.repeat(64) }
  }
  return {
    schemaVersion: 1,
    collectedAt: '2026-11-27T12:00:00.000Z',
    tracking: { uri: 'http://127.0.0.1:5000', kind: 'rest', serverVersion: '3.1.0' },
    registeredModel: {
      kind: 'present',
      value: {
        name: 'credit-risk',
        description: 'Scores credit applications.',
        tags: {},
        aliases: { champion: '2', challenger: '3' }
      },
      provenance: { source: 'mlflow-registry', uri: 'models:/credit-risk' }
    },
    candidate,
    champion: {
      kind: 'present',
      value: version('2', CHAMPION_RUN, { roc_auc: 0.861, accuracy: 0.8512, log_loss: 0.33 }, 'aa11bb22'),
      provenance: { source: 'mlflow-registry', uri: 'models:/credit-risk@champion' }
    },
    cardSource: {
      kind: 'present',
      value: { path: 'model-cards/credit-risk.md', text: '' },
      provenance: { source: 'repo-file', uri: 'model-cards/credit-risk.md' }
    },
    change: { gitCommit: '1234567890abcdef1234567890abcdef12345678', repository: 'example/credit', actor: 'alice' },
    externalApprovals: {
      'github-environment': {
        kind: 'present',
        value: [
          {
            source: 'github-environment',
            login: 'risk-officer',
            at: '2026-11-27T11:00:00Z',
            scope: 'production',
            eligible: 'yes',
            provenance: { source: 'github', uri: 'https://github.com/example/credit/actions/runs/1' }
          }
        ],
        provenance: { source: 'github', uri: 'https://github.com/example/credit/actions/runs/1' }
      }
    }
  }
}

const SECTION_TEXT: Partial<Record<keyof DocumentationSet, string>> = {
  intended_use: 'Rank **consumer credit applications** by default risk for a human underwriter.',
  out_of_scope_use: '- Automated rejection without review\n- Employment decisions',
  architecture: 'Gradient-boosted trees exported to ONNX.',
  training_method: '5-fold cross-validation, early stopping on log loss.',
  limitations: 'Trained on 1994 census data; income brackets are dated.',
  human_oversight: 'An underwriter reviews every decline.',
  monitoring_plan: 'Weekly PSI on the top ten features; alert above 0.2.',
  support_contact: 'ml-platform team, #credit-risk channel',
  license: 'apache-2.0'
}

/** Repository-sourced sections for most ids, one from an MLflow tag, the rest missing. */
export function fixtureDocumentation(
  overrides: Partial<Record<keyof DocumentationSet, string>> = {}
): DocumentationSet {
  const texts = { ...SECTION_TEXT, ...overrides }
  return Object.fromEntries(
    DOCUMENTATION_SECTIONS.map((id) => {
      const text = texts[id]
      const fromTag = id === 'support_contact'
      return [
        id,
        text === undefined
          ? { id, title: DOCUMENTATION_SECTION_TITLES[id] }
          : {
              id,
              title: DOCUMENTATION_SECTION_TITLES[id],
              text,
              provenance: fromTag
                ? { source: 'mlflow-registry' as const, uri: `models:/credit-risk/3#tags/aims.card.${id}` }
                : { source: 'repo-file' as const, uri: 'model-cards/credit-risk.md' }
            }
      ]
    })
  ) as DocumentationSet
}

/** A row of a fairness result's group table (only the selection rate is filled in). */
function fixtureGroup(
  group: string,
  n: number,
  positives: number,
  selection: number,
  interval: [number, number] | null,
  included: boolean
) {
  const rates = {
    selection_rate: selection,
    true_positive_rate: null,
    false_positive_rate: null,
    false_negative_rate: null,
    precision_score: null,
    accuracy_score: null
  }
  const intervals = {
    selection_rate: interval,
    true_positive_rate: null,
    false_positive_rate: null,
    false_negative_rate: null,
    precision_score: null,
    accuracy_score: null
  }
  return {
    group,
    values: [group],
    n,
    positives,
    negatives: n - positives,
    predictedPositives: Math.round(n * selection),
    included,
    ...(included ? {} : { excludedBecause: 'fewer than 30 rows' }),
    rates,
    intervals
  }
}

export function fixtureVerdict(): Verdict {
  return {
    verdict: 'fail',
    blocking: ['fairness-gap'],
    requirements: [
      {
        id: 'auc-floor',
        check: 'metric-threshold',
        status: 'pass',
        severity: 'block',
        controls: ['A.6.2.4'],
        observed: '0.8731',
        expected: '≥ 0.80',
        message: 'roc_auc 0.8731 meets the floor 0.80.',
        evidence: [
          {
            label: 'metric roc_auc',
            provenance: { source: 'mlflow-run', uri: `runs:/${RUN}/metrics/roc_auc`, runId: RUN }
          }
        ],
        details: { value: 0.8731, threshold: 0.8 }
      },
      {
        id: 'auc-recomputed',
        check: 'recompute',
        status: 'pass',
        severity: 'block',
        controls: ['A.6.2.4'],
        supports: ['A.7.4'],
        observed: '0.8729',
        expected: 'within 0.005 of logged 0.8731',
        message: 'Recomputed roc_auc agrees with the logged value.',
        evidence: [
          {
            label: 'metric roc_auc',
            provenance: { source: 'recomputed', uri: 'data/adult/eval.csv', datasetDigest: EVAL_DIGEST }
          }
        ]
      },
      {
        id: 'fairness-gap',
        check: 'fairness',
        status: 'fail',
        severity: 'block',
        controls: [],
        supports: ['A.5.4'],
        observed: '0.12',
        expected: '≤ 0.10',
        message: 'Demographic parity gap across sex is 0.12.',
        evidence: [
          {
            label: 'recomputed groups sex',
            provenance: {
              source: 'recomputed',
              uri: 'data/adult/eval.csv',
              datasetDigest: EVAL_DIGEST,
              sha256: 'c'.repeat(64)
            }
          }
        ],
        details: {
          metric: 'demographic_parity_difference',
          sensitiveFeatures: ['sex'],
          point: 0.12,
          interval: { low: 0.09, high: 0.15, confidence: 0.95 },
          seed: 42,
          nBoot: 1000,
          minGroupSize: 30,
          groups: [
            fixtureGroup('Female', 3210, 380, 0.11, [0.1, 0.12], true),
            fixtureGroup('Male', 6530, 1950, 0.23, [0.22, 0.24], true),
            fixtureGroup('Other|<b>', 29, 6, 0.2, null, false)
          ],
          excludedGroups: [{ group: 'Other|<b>', n: 29, reason: 'fewer than 30 rows' }]
        }
      },
      {
        id: 'docs-complete',
        check: 'documentation',
        status: 'waived',
        severity: 'block',
        controls: ['A.6.2.7', 'A.8.2'],
        observed: '9 of 15 sections',
        expected: 'all sections',
        message: 'Waived until the Q1 review.',
        evidence: [],
        waiver: { reason: 'Card migration in progress', approvedBy: 'cto', expires: '2027-01-31' }
      },
      {
        id: 'release-approval',
        check: 'approval',
        status: 'pass',
        severity: 'block',
        controls: [],
        supports: ['A.6.2.5'],
        observed: 'risk-officer',
        expected: '1 approver from risk',
        message: 'Approved through the production environment.',
        evidence: [
          {
            label: 'environment approval',
            provenance: { source: 'github', uri: 'https://github.com/example/credit/actions/runs/1' }
          }
        ]
      }
    ],
    controls: [
      {
        id: 'A.5.4',
        title: 'Assessing AI system impact on individuals',
        area: 'A.5',
        applicable: true,
        status: 'failed',
        requirements: ['fairness-gap'],
        satisfiedBy: [],
        waived: []
      },
      {
        id: 'A.6.2.4',
        title: 'AI system verification and validation',
        area: 'A.6',
        applicable: true,
        status: 'satisfied',
        requirements: ['auc-floor', 'auc-recomputed'],
        satisfiedBy: ['auc-floor', 'auc-recomputed'],
        waived: []
      },
      {
        id: 'A.6.2.5',
        title: 'AI system deployment',
        area: 'A.6',
        applicable: true,
        status: 'supported',
        requirements: ['release-approval'],
        satisfiedBy: [],
        waived: []
      },
      {
        id: 'A.6.2.7',
        title: 'AI system technical documentation',
        area: 'A.6',
        applicable: true,
        status: 'missing',
        requirements: ['docs-complete'],
        satisfiedBy: ['docs-complete'],
        waived: ['docs-complete']
      },
      {
        id: 'A.7.4',
        title: 'Quality of data for AI systems',
        area: 'A.7',
        applicable: true,
        status: 'supported',
        requirements: ['auc-recomputed'],
        satisfiedBy: [],
        waived: []
      },
      {
        id: 'A.8.2',
        title: 'System documentation and information for users',
        area: 'A.8',
        applicable: true,
        status: 'missing',
        requirements: ['docs-complete'],
        satisfiedBy: ['docs-complete'],
        waived: ['docs-complete']
      },
      {
        id: 'A.10.3',
        title: 'Suppliers',
        area: 'A.10',
        applicable: false,
        justification: 'No third-party model components.',
        status: 'not-applicable',
        requirements: [],
        satisfiedBy: [],
        waived: []
      }
    ]
  }
}

export const FIXTURE_POLICY = { name: 'policies/credit.yml', sha256: 'd'.repeat(64), profile: 'production' }
export const FIXTURE_GENERATED_AT = '2026-11-27T12:00:05.000Z'
