/**
 * What each check kind can evidence, control by control: `satisfies` when the check's result is
 * the evidence the control asks for, `supports` when it is only part of that evidence (an input,
 * a prerequisite, one facet), with the reason in one sentence. A claim may hold only for some
 * requirements of the kind (`when`); otherwise it falls back (`otherwise`) and says why. A
 * control a kind does not list is one it gives no evidence for. The mapped type makes the
 * compiler insist on an entry for every check kind.
 */
import type { CheckKind, Requirement } from '../policy/schema.js'
import type { ControlClaim } from './control-claim.js'
import { GROUP_CHECK_CLAIMS } from './group-check-claims.js'

export type { ClaimLevel, ControlClaim } from './control-claim.js'

const has = (req: Requirement, key: string): unknown => (req as Record<string, unknown>)[key]
const listed = (req: Requirement, key: string, items: readonly string[]): boolean => {
  const values = has(req, key)
  return Array.isArray(values) && items.every((item) => values.includes(item))
}

/** An approval is checked against a roster only when named people or teams are declared. */
const rosterDeclared = (req: Requirement): boolean => {
  if (req.check !== 'approval') return false
  return req.separationOfDuties && (req.approvers?.users !== undefined || req.approvers?.teams !== undefined)
}

const TECHNICAL_SECTIONS = ['architecture', 'training_method', 'training_data', 'evaluation_data']

const DOC_SUPPORTS = ['A.2.2', 'A.5.2', 'A.6.2.2', 'A.6.2.3', 'A.6.2.6', 'A.7.2', 'A.7.6', 'A.8.4', 'A.8.5']

export const CHECK_CLAIMS: { [K in CheckKind]: readonly ControlClaim[] } = {
  metric: [
    {
      control: 'A.6.2.4',
      level: 'satisfies',
      why: 'a measured result is compared with the acceptance criterion the policy states'
    },
    {
      control: 'A.6.1.2',
      level: 'supports',
      why: 'a threshold makes one development objective measurable; setting the objectives is wider'
    },
    {
      control: 'A.7.4',
      level: 'supports',
      why: 'a logged data-quality figure against a limit is one facet of data quality, not its requirements'
    }
  ],
  fairness: [
    {
      control: 'A.6.2.4',
      level: 'satisfies',
      why: "the model's behaviour across groups is verified against a stated limit, with its interval"
    },
    {
      control: 'A.5.4',
      level: 'supports',
      why: 'a passing group metric is input to the impact assessment, not the assessment'
    },
    {
      control: 'A.6.1.2',
      level: 'supports',
      why: 'a fairness limit makes one responsible-development objective measurable'
    }
  ],
  ...GROUP_CHECK_CLAIMS,
  datasets: [
    {
      control: 'A.7.5',
      level: 'satisfies',
      why: 'each data set the run used is recorded with its digest and where it came from'
    },
    {
      control: 'A.7.3',
      level: 'satisfies',
      why: 'licence, rights and the selection rationale are recorded for each data set',
      when: {
        test: (req) => listed(req, 'require', ['licence', 'rights', 'rationale']),
        requires: '`require` lists licence, rights and rationale',
        unmet: 'a digest and a source are not acquisition details; add require: [licence, rights, rationale]',
        otherwise: 'none'
      }
    },
    {
      control: 'A.4.3',
      level: 'supports',
      why: 'names which data sets are used; the resource record (categories, retention, known bias) is wider'
    },
    {
      control: 'A.7.2',
      level: 'supports',
      why: 'separate training and evaluation data are one part of data management'
    }
  ],
  documentation: [
    {
      control: 'A.6.2.7',
      level: 'satisfies',
      why: 'the purpose, the limits and how the model was built or evaluated are written, not placeholders',
      when: {
        test: (req) =>
          listed(req, 'sections', ['intended_use', 'limitations']) &&
          TECHNICAL_SECTIONS.some((section) => listed(req, 'sections', [section])),
        requires:
          '`sections` include intended_use, limitations and one of architecture, training_method, ' +
          'training_data, evaluation_data',
        unmet:
          'technical documentation needs the intended_use and limitations sections and one on how the model ' +
          'was built or evaluated (architecture, training_method, training_data or evaluation_data)',
        otherwise: 'supports'
      }
    },
    {
      control: 'A.8.2',
      level: 'satisfies',
      why: 'users are told what the model is for and where it falls short',
      when: {
        test: (req) => listed(req, 'sections', ['intended_use', 'limitations']),
        requires: '`sections` include intended_use and limitations',
        unmet: 'information for users needs at least the intended_use and limitations sections',
        otherwise: 'supports'
      }
    },
    {
      control: 'A.6.2.6',
      level: 'supports',
      why: 'the monitoring plan is written down; how the running system is watched is beyond a release gate',
      when: {
        test: (req) => listed(req, 'sections', ['monitoring_plan']),
        requires: '`sections` include monitoring_plan',
        unmet: 'only a monitoring_plan section says anything about operation and monitoring',
        otherwise: 'none'
      }
    },
    {
      control: 'A.9.4',
      level: 'supports',
      why: 'documenting the intended use is a prerequisite to using the system as intended, not proof of it'
    },
    { control: 'A.6.2.3', level: 'supports', why: 'architecture and training sections are part of the design record' }
  ],
  artifact: [
    {
      control: 'A.5.3',
      level: 'satisfies',
      why: 'the written impact assessment is kept with the run, has its sections and was reviewed recently',
      // Any logged file could otherwise be named the impact assessment and read "satisfied".
      when: {
        test: (req) => has(req, 'maxAgeDays') !== undefined && has(req, 'requiredHeadings') !== undefined,
        requires: '`maxAgeDays` and `requiredHeadings` are set',
        unmet: 'an undated or unstructured file is not a documented assessment; add maxAgeDays and requiredHeadings',
        otherwise: 'supports'
      }
    },
    {
      control: 'A.6.2.5',
      level: 'satisfies',
      why: 'a reviewed deployment plan with rollout, rollback and release-check sections is kept with the run',
      when: {
        test: (req) => has(req, 'document') === 'deployment-plan',
        requires: '`document: deployment-plan`',
        unmet: 'only a deployment plan evidences deployment; add document: deployment-plan',
        otherwise: 'none'
      }
    },
    {
      control: 'A.5.4',
      level: 'supports',
      why: 'the document names affected groups; its substance is for people to judge'
    },
    {
      control: 'A.5.5',
      level: 'supports',
      why: 'the document covers societal effects; its substance is for people to judge'
    },
    ...DOC_SUPPORTS.map((control) => ({
      control,
      level: 'supports' as const,
      why: 'the document exists, is text and has the required headings; its substance is for people to judge'
    }))
  ],
  approval: [
    {
      control: 'A.6.2.5',
      level: 'supports',
      why: 'a named person confirmed the release; the control also expects a documented deployment plan'
    },
    {
      control: 'A.3.2',
      level: 'supports',
      why: 'the approver holds a role the policy declares (the roster), apart from the people who built the model',
      when: {
        test: rosterDeclared,
        requires: '`approvers` lists users or teams and `separationOfDuties` is true',
        unmet:
          'an approval shows roles are defined only when the approver is checked against a declared roster; ' +
          'add approvers: { users: [...] } or { teams: [...] } with separationOfDuties: true',
        otherwise: 'none'
      }
    },
    { control: 'A.4.6', level: 'supports', why: 'records who approved the release, one of the people involved' }
  ]
}
