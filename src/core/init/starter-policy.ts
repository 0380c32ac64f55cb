/**
 * A starter policy for one model version, as plain data plus comments: `aims-gate init` renders
 * it as YAML (src/render/init/policy-yaml.ts). Pure: evidence in, document out.
 *
 * Profiles chain like the example policy: pull-request (metric floors, dataset provenance) ←
 * staging (no worse than the champion, the card's core sections) ← production (the rest of the
 * card, the impact assessment, a release approval). The approval's roster is the placeholder
 * `TODO`, which the identity rule refuses, so the policy does not validate until a person names
 * the approvers: nobody can ship the starter as it is.
 */
import type { DocumentationSectionId } from '../documentation/types.js'
import type { Evidence } from '../evidence/types.js'
import { CLASSIFIER_METRICS, REGRESSOR_METRICS } from '../metrics/names.js'
import { evidenceFacts, type EvidenceFacts } from './evidence-facts.js'
import { CHAMPION_MARGIN, FLOOR_MARGIN, proposeMetrics, type MetricProposal } from './metric-proposals.js'
import { requirementIds } from './requirement-ids.js'

export type NotePath = (string | number)[]

/** A comment written before the node at `path`. Static text and numbers only, never MLflow text. */
export interface PolicyNote {
  path: NotePath
  text: string
}

export interface StarterPolicy {
  document: Record<string, unknown>
  notes: PolicyNote[]
  /** Every documentation section a profile requires, for the card source's stubs. */
  sections: DocumentationSectionId[]
}

/** The roster placeholder; `policy validate` refuses it ("is a placeholder, not a person"). */
export const ROSTER_PLACEHOLDER = 'TODO'

export const STAGING_SECTIONS: DocumentationSectionId[] = [
  'intended_use',
  'limitations',
  'training_data',
  'evaluation_data',
  'ethical_considerations',
  'human_oversight'
]
export const PRODUCTION_SECTIONS: DocumentationSectionId[] = [
  'out_of_scope_use',
  'monitoring_plan',
  'support_contact',
  'license'
]

const RESERVED = ['provenance', 'card', 'card-production', 'impact', 'release-approval']
const PERFORMANCE = ['A.6.2.4']

/**
 * The metrics the gate itself computes from the model's predictions for the policy's task. With an
 * ONNX graph and evaluation data, their floors use the gate's own number, not the one the run
 * logged: a logged number is whatever the training code wrote.
 */
function recomputable(facts: EvidenceFacts): Set<string> {
  if (!facts.onnx || facts.evaluation === undefined) return new Set()
  const names = facts.evaluation.task === 'regression' ? REGRESSOR_METRICS : CLASSIFIER_METRICS
  return new Set(Object.values(names))
}

function metricFloor(proposal: MetricProposal, recomputed: boolean): Record<string, unknown> {
  return {
    id: proposal.id,
    check: 'metric',
    metric: proposal.metric,
    ...(recomputed ? { source: 'recomputed' } : {}),
    ...proposal.bound,
    ...(proposal.guessed ? { higherIsBetter: proposal.higherIsBetter } : {}),
    controls: PERFORMANCE
  }
}

function floorNote(
  proposal: MetricProposal,
  version: string,
  champion: string | undefined,
  recomputed: boolean
): string {
  const side = 'min' in proposal.bound ? 'below' : 'above'
  const from =
    proposal.reference.from === 'champion' ? `the champion (version ${champion ?? '?'})` : `version ${version}`
  const logged = Number(proposal.reference.value.toPrecision(6))
  const lines = [`${Math.round(FLOOR_MARGIN * 100)} % ${side} ${from}, which logged ${logged}.`]
  if (recomputed)
    lines.push('Recomputed: aims-gate runs the ONNX graph on the evaluation data and checks its own number.')
  if (proposal.guessed) {
    lines.push('aims-gate does not know which way this metric is better: higherIsBetter is a guess, check it.')
  }
  return lines.join('\n')
}

function championComparison(proposal: MetricProposal, id: string): Record<string, unknown> {
  return {
    id,
    check: 'metric',
    metric: proposal.metric,
    baseline: 'champion',
    maxRelativeDecrease: CHAMPION_MARGIN,
    ...(proposal.guessed ? { higherIsBetter: proposal.higherIsBetter } : {}),
    controls: PERFORMANCE
  }
}

function provenance(facts: EvidenceFacts): Record<string, unknown> | undefined {
  if (facts.datasets.length === 0) return undefined
  const picks = facts.datasets.filter((entry) => entry.pick !== undefined)
  return {
    id: 'provenance',
    check: 'datasets',
    contexts: facts.datasets.map((entry) => entry.context),
    require: ['digest', 'source'],
    distinct: facts.datasets.length > 1,
    ...(picks.length === 0 ? {} : { names: Object.fromEntries(picks.map((entry) => [entry.context, entry.pick])) }),
    // A digest and a source are provenance (A.7.5), not acquisition details (A.7.3: licence, rights, rationale).
    controls: ['A.7.5'],
    supports: ['A.4.3']
  }
}

function approval(): Record<string, unknown> {
  return {
    id: 'release-approval',
    check: 'approval',
    minApprovals: 1,
    sources: ['mlflow-tag'],
    separationOfDuties: true,
    tagPrefix: 'aims',
    approvers: { users: [ROSTER_PLACEHOLDER] },
    waivable: false,
    // An approval supports deployment (the plan is a document of its own) and, against this roster, roles.
    supports: ['A.6.2.5', 'A.3.2']
  }
}

const APPROVAL_NOTE = [
  `Replace ${ROSTER_PLACEHOLDER} with the logins or e-mail addresses of the people who may approve a release,`,
  'written exactly as they set the version tag aims.approved_by. aims-gate policy validate refuses',
  `this policy until you do (${ROSTER_PLACEHOLDER} is not a person). The trainer, the registrant and the PR`,
  'author never count, and an approval cannot be waived.'
].join('\n')

export function starterPolicy(evidence: Evidence): StarterPolicy {
  const facts = evidenceFacts(evidence)
  const version = evidence.candidate.modelVersion.value.version
  const champion = evidence.champion.kind === 'present' ? evidence.champion.value : undefined
  const championRun = champion?.run.kind === 'present' ? champion.run.value : undefined
  const championVersion = champion?.modelVersion.value.version
  const proposals = proposeMetrics(facts.run?.metrics ?? {}, championRun?.metrics, RESERVED)
  const notes: PolicyNote[] = []
  const recompute = recomputable(facts)
  const pr: Record<string, unknown>[] = proposals.map((p) => metricFloor(p, recompute.has(p.metric)))
  proposals.forEach((proposal, index) => {
    const text = floorNote(proposal, version, championVersion, recompute.has(proposal.metric))
    notes.push({ path: ['profiles', 'pull-request', 'requirements', index], text })
  })
  const datasets = provenance(facts)
  if (datasets !== undefined) {
    const text = 'The datasets the run logged, by context.'
    notes.push({ path: ['profiles', 'pull-request', 'requirements', pr.length], text })
    pr.push(datasets)
  }
  const compared = proposals.filter((proposal) => proposal.championValue !== undefined)
  const comparisonIds = requirementIds(
    compared.map((p) => `${p.id}-vs-champion`),
    'vs-champion',
    [...RESERVED, ...proposals.map((p) => p.id)]
  )
  const staging: Record<string, unknown>[] = compared.map((p, i) => championComparison(p, comparisonIds[i] ?? ''))
  if (staging.length > 0) {
    notes.push({
      path: ['profiles', 'staging', 'requirements', 0],
      text: `No more than ${Math.round(CHAMPION_MARGIN * 100)} % worse than the version holding the champion alias.`
    })
  }
  notes.push({
    path: ['profiles', 'staging', 'requirements', staging.length],
    text: 'Sections of the card source (model-cards/<model>.md): write each one before a release.'
  })
  staging.push({ id: 'card', check: 'documentation', sections: STAGING_SECTIONS, controls: ['A.6.2.7', 'A.8.2'] })
  const production: Record<string, unknown>[] = [
    {
      id: 'card-production',
      check: 'documentation',
      sections: PRODUCTION_SECTIONS,
      // The sections the staging card lacks: they add to the documentation, they do not make it complete.
      supports: ['A.6.2.7', 'A.8.2', 'A.6.2.6']
    },
    {
      id: 'impact',
      check: 'artifact',
      path: facts.impactPath,
      maxAgeDays: 365,
      requiredHeadings: ['Affected groups', 'Risks and mitigations'],
      controls: ['A.5.3']
    },
    approval()
  ]
  notes.push({
    path: ['profiles', 'production', 'requirements', 1],
    text: facts.impactFound
      ? 'The impact assessment the run logged; it needs a "Reviewed: YYYY-MM-DD" line.'
      : "No impact assessment among the run's artifacts: log one (mlflow.log_artifact) with a\n" +
        '"Reviewed: YYYY-MM-DD" line and these headings, or this requirement stays missing.'
  })
  notes.push({ path: ['profiles', 'production', 'requirements', 2, 'approvers', 'users'], text: APPROVAL_NOTE })
  if (compared.length === 0) {
    notes.push({
      path: ['profiles', 'staging'],
      text:
        'No champion to compare with when this policy was written: once a version holds the\n' +
        'champion alias, add requirements with baseline: champion and maxRelativeDecrease.'
    })
  }
  const document: Record<string, unknown> = {
    version: 1,
    name: `${evidence.registeredModel.value.name}-release`,
    description: `Starter release policy written by aims-gate init from version ${version}.`,
    defaultProfile: 'pull-request',
    profiles: {
      'pull-request': { requirements: pr },
      staging: { extends: 'pull-request', requirements: staging },
      production: { extends: 'staging', requirements: production }
    },
    ...(facts.evaluation === undefined ? {} : { evaluation: evaluationBlock(facts, notes) }),
    controls: {},
    identities: [],
    waivers: []
  }
  notes.push({
    path: ['controls'],
    text:
      'Statement of applicability: mark a control that does not apply, with why, e.g.\n' +
      'A.10.3: { applicable: false, justification: No third-party model or AI service is used. }'
  })
  const identities = 'People known by several identities: { person: dana, aliases: [dana@example.com] }'
  notes.push({ path: ['identities'], text: identities })
  return { document, notes, sections: [...STAGING_SECTIONS, ...PRODUCTION_SECTIONS] }
}

function evaluationBlock(facts: EvidenceFacts, notes: PolicyNote[]): Record<string, unknown> {
  const evaluation = facts.evaluation
  if (evaluation === undefined) return {}
  const uses = facts.onnx
    ? 'fairness requirements (add check: fairness ones with sensitiveFeatures: columns of this data).\n'
    : 'fairness requirements (none yet: add them once the model is exported to ONNX).\n'
  notes.push({
    path: ['evaluation'],
    text:
      'The data the gate re-runs the model on for source: recomputed / reconciled metrics and\n' +
      uses +
      `The label column and the task are ${evaluation.labelGuessed ? 'placeholders' : 'guessed from the evidence'}:` +
      ' check them.'
  })
  return { data: evaluation.data, label: evaluation.label, task: evaluation.task }
}
