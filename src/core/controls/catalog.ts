/**
 * The 38 controls of ISO/IEC 42001:2023 Annex A. Ids and short titles are identifiers; the
 * descriptions are our own one-line summaries (the standard's text is ISO's copyright — read the
 * purchased standard for the wording). Policies map requirements to these ids; an id not in this
 * list is a policy error that names the nearest real one.
 */
import { editDistance } from '../text/closest-match.js'

export interface Control {
  id: string
  title: string
  /** Annex A area, e.g. `A.6 AI system life cycle`. */
  area: string
  description: string
}

const AREAS = {
  'A.2': 'A.2 Policies related to AI',
  'A.3': 'A.3 Internal organization',
  'A.4': 'A.4 Resources for AI systems',
  'A.5': 'A.5 Assessing impacts of AI systems',
  'A.6': 'A.6 AI system life cycle',
  'A.7': 'A.7 Data for AI systems',
  'A.8': 'A.8 Information for interested parties',
  'A.9': 'A.9 Use of AI systems',
  'A.10': 'A.10 Third-party and customer relationships'
} as const

type AreaKey = keyof typeof AREAS

const row = (area: AreaKey, id: string, title: string, description: string): Control => ({
  id,
  title,
  area: AREAS[area],
  description
})

export const CONTROLS: readonly Control[] = [
  row('A.2', 'A.2.2', 'AI policy', 'Keep a written, approved statement of how the organisation builds and uses AI.'),
  row(
    'A.2',
    'A.2.3',
    'Alignment with other organizational policies',
    'Work out where security, privacy, quality and other policies touch the AI objectives.'
  ),
  row(
    'A.2',
    'A.2.4',
    'Review of the AI policy',
    'Look at the AI policy again on a schedule and whenever circumstances change.'
  ),
  row(
    'A.3',
    'A.3.2',
    'AI roles and responsibilities',
    'Say who is accountable for which part of the AI work, and keep approver and author apart.'
  ),
  row(
    'A.3',
    'A.3.3',
    'Reporting of concerns',
    'Give staff a channel to raise worries about an AI system at any stage.'
  ),
  row(
    'A.4',
    'A.4.2',
    'Resource documentation',
    'List what each life-cycle stage of the system needs in order to work.'
  ),
  row('A.4', 'A.4.3', 'Data resources', 'Record which data sets the system is built and evaluated on.'),
  row('A.4', 'A.4.4', 'Tooling resources', 'Record the libraries, frameworks and tools used to build the system.'),
  row(
    'A.4',
    'A.4.5',
    'System and computing resources',
    'Record the compute and infrastructure used for training and serving.'
  ),
  row('A.4', 'A.4.6', 'Human resources', 'Record the people and skills involved across the life cycle.'),
  row(
    'A.5',
    'A.5.2',
    'AI system impact assessment process',
    'Have a defined way of judging what the system could do to people and society.'
  ),
  row(
    'A.5',
    'A.5.3',
    'Documentation of AI system impact assessments',
    'Write down the outcome of each impact assessment and keep it for a set time.'
  ),
  row(
    'A.5',
    'A.5.4',
    'Assessing AI system impact on individuals or groups of individuals',
    'Judge and record the likely effects on individual people and on groups.'
  ),
  row('A.5', 'A.5.5', 'Assessing societal impacts of AI systems', 'Judge and record the wider effects on society.'),
  row(
    'A.6',
    'A.6.1.2',
    'Objectives for responsible development of AI system',
    'Set measurable goals for responsible development and build them into the work.'
  ),
  row(
    'A.6',
    'A.6.1.3',
    'Processes for responsible AI system design and development',
    'Define the concrete steps by which systems are designed and built.'
  ),
  row(
    'A.6',
    'A.6.2.2',
    'AI system requirements and specification',
    'Write down what a new system or a major change must do before building it.'
  ),
  row(
    'A.6',
    'A.6.2.3',
    'Documentation of AI system design and development',
    'Record how the system was designed and built against its goals.'
  ),
  row(
    'A.6',
    'A.6.2.4',
    'AI system verification and validation',
    'Test the system against stated acceptance criteria before it is used.'
  ),
  row(
    'A.6',
    'A.6.2.5',
    'AI system deployment',
    'Release only after a plan is followed and someone confirms the requirements are met.'
  ),
  row(
    'A.6',
    'A.6.2.6',
    'AI system operation and monitoring',
    'Plan how the running system is watched, repaired, updated and supported.'
  ),
  row(
    'A.6',
    'A.6.2.7',
    'AI system technical documentation',
    'Give each audience the technical documentation it needs about the system.'
  ),
  row(
    'A.6',
    'A.6.2.8',
    'AI system recording of event logs',
    'Decide when the system keeps event logs, and keep them at least while in use.'
  ),
  row(
    'A.7',
    'A.7.2',
    'Data for development and enhancement of AI system',
    'Manage the data used to develop and improve the system by a defined process.'
  ),
  row('A.7', 'A.7.3', 'Acquisition of data', 'Record where data was obtained from and why it was chosen.'),
  row('A.7', 'A.7.4', 'Quality of data for AI systems', 'Set data-quality requirements and check the data meets them.'),
  row('A.7', 'A.7.5', 'Data provenance', 'Keep track of where data came from and how it was changed along the way.'),
  row('A.7', 'A.7.6', 'Data preparation', 'Record how data was cleaned, transformed and selected before use.'),
  row(
    'A.8',
    'A.8.2',
    'System documentation and information for users',
    'Tell users what they need to know to use the system well, including its limits.'
  ),
  row('A.8', 'A.8.3', 'External reporting', 'Let people outside the organisation report harm caused by the system.'),
  row(
    'A.8',
    'A.8.4',
    'Communication of incidents',
    'Plan how users are told when something goes wrong with the system.'
  ),
  row(
    'A.8',
    'A.8.5',
    'Information for interested parties',
    'Know what must be reported about the system, and to whom.'
  ),
  row(
    'A.9',
    'A.9.2',
    'Processes for responsible use of AI systems',
    'Define how the organisation uses AI systems responsibly.'
  ),
  row(
    'A.9',
    'A.9.3',
    'Objectives for responsible use of AI system',
    'Set goals that steer responsible use of AI systems.'
  ),
  row(
    'A.9',
    'A.9.4',
    'Intended use of the AI system',
    'Make sure the system is used only for what it was built and documented for.'
  ),
  row(
    'A.10',
    'A.10.2',
    'Allocating responsibilities',
    'Split life-cycle duties clearly between the organisation, suppliers, partners and customers.'
  ),
  row(
    'A.10',
    'A.10.3',
    'Suppliers',
    "Check that bought-in models, data and services fit the organisation's responsible-AI approach."
  ),
  row('A.10', 'A.10.4', 'Customers', "Take customers' needs and expectations into account.")
]

export const CONTROL_IDS: readonly string[] = CONTROLS.map((control) => control.id)

const BY_ID = new Map(CONTROLS.map((control) => [control.id, control]))

export function findControl(id: string): Control | undefined {
  return BY_ID.get(id)
}

export function isControlId(id: string): boolean {
  return BY_ID.has(id)
}

/** The real control id nearest to a mistyped one (`A.6.2.9` → `A.6.2.8`). */
export function closestControlId(id: string): string {
  const wanted = id
    .trim()
    .toUpperCase()
    .replace(/^(?!A\.)/, 'A.')
  // Ties in edit distance are broken by numeric closeness of the last number, so a slip of one
  // digit (A.6.2.9) suggests the neighbour (A.6.2.8), not the first id in the list.
  const lastNumber = (text: string): number => Number(/(\d+)$/.exec(text)?.[1] ?? 0)
  let best = { id: CONTROL_IDS[0] ?? 'A.2.2', distance: Infinity, gap: Infinity }
  for (const candidate of CONTROL_IDS) {
    const distance = editDistance(wanted, candidate)
    const gap = Math.abs(lastNumber(wanted) - lastNumber(candidate))
    if (distance < best.distance || (distance === best.distance && gap < best.gap))
      best = { id: candidate, distance, gap }
  }
  return best.id
}
