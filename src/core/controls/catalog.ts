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

/** Short titles by id, in Annex A order. */
const TITLES: Record<string, string> = {
  'A.2.2': 'AI policy',
  'A.2.3': 'Alignment with other organizational policies',
  'A.2.4': 'Review of the AI policy',
  'A.3.2': 'AI roles and responsibilities',
  'A.3.3': 'Reporting of concerns',
  'A.4.2': 'Resource documentation',
  'A.4.3': 'Data resources',
  'A.4.4': 'Tooling resources',
  'A.4.5': 'System and computing resources',
  'A.4.6': 'Human resources',
  'A.5.2': 'AI system impact assessment process',
  'A.5.3': 'Documentation of AI system impact assessments',
  'A.5.4': 'Assessing AI system impact on individuals or groups of individuals',
  'A.5.5': 'Assessing societal impacts of AI systems',
  'A.6.1.2': 'Objectives for responsible development of AI system',
  'A.6.1.3': 'Processes for responsible AI system design and development',
  'A.6.2.2': 'AI system requirements and specification',
  'A.6.2.3': 'Documentation of AI system design and development',
  'A.6.2.4': 'AI system verification and validation',
  'A.6.2.5': 'AI system deployment',
  'A.6.2.6': 'AI system operation and monitoring',
  'A.6.2.7': 'AI system technical documentation',
  'A.6.2.8': 'AI system recording of event logs',
  'A.7.2': 'Data for development and enhancement of AI system',
  'A.7.3': 'Acquisition of data',
  'A.7.4': 'Quality of data for AI systems',
  'A.7.5': 'Data provenance',
  'A.7.6': 'Data preparation',
  'A.8.2': 'System documentation and information for users',
  'A.8.3': 'External reporting',
  'A.8.4': 'Communication of incidents',
  'A.8.5': 'Information for interested parties',
  'A.9.2': 'Processes for responsible use of AI systems',
  'A.9.3': 'Objectives for responsible use of AI system',
  'A.9.4': 'Intended use of the AI system',
  'A.10.2': 'Allocating responsibilities',
  'A.10.3': 'Suppliers',
  'A.10.4': 'Customers'
}

/** Our own one-line summary of each control's intent. */
const DESCRIPTIONS: Record<string, string> = {
  'A.2.2': 'Keep a written, approved statement of how the organisation builds and uses AI.',
  'A.2.3': 'Work out where security, privacy, quality and other policies touch the AI objectives.',
  'A.2.4': 'Look at the AI policy again on a schedule and whenever circumstances change.',
  'A.3.2': 'Decide which roles the AI work needs, who holds each, and what each is responsible for.',
  'A.3.3': 'Give people a way to raise concerns about an AI system at any stage of its life.',
  'A.4.2': 'List what each life-cycle stage of the system needs in order to work.',
  'A.4.3': 'Record which data sets the system is built and evaluated on.',
  'A.4.4': 'Record the libraries, frameworks and tools used to build the system.',
  'A.4.5': 'Record the compute and infrastructure used for training and serving.',
  'A.4.6': 'Record the people and skills involved across the life cycle.',
  'A.5.2': 'Have a defined way of judging what the system could do to people and society.',
  'A.5.3': 'Write down the outcome of each impact assessment and keep it for a set time.',
  'A.5.4': 'Judge and record the likely effects on individual people and on groups.',
  'A.5.5': 'Judge and record the wider effects on society.',
  'A.6.1.2': 'Set objectives for developing AI responsibly and build the means to meet them into the work.',
  'A.6.1.3': 'Define the concrete steps by which systems are designed and built.',
  'A.6.2.2': 'Write down what a new system or a major change must do before building it.',
  'A.6.2.3': 'Record how the system was designed and built against its goals.',
  'A.6.2.4': 'Decide how the system is verified and validated, and by which criteria the results are judged.',
  'A.6.2.5': 'Keep a deployment plan, and confirm the requirements are met before the system is released.',
  'A.6.2.6': 'Plan how the running system is watched, repaired, updated and supported.',
  'A.6.2.7': 'Give each audience the technical documentation it needs about the system.',
  'A.6.2.8': 'Decide when the system keeps event logs, and keep them at least while in use.',
  'A.7.2': 'Manage the data used to develop and improve the system by a defined process.',
  'A.7.3': 'Record where data was obtained from and why it was chosen.',
  'A.7.4': 'Set data-quality requirements and check the data meets them.',
  'A.7.5': 'Keep track of where data came from and how it was changed along the way.',
  'A.7.6': 'Record how data was cleaned, transformed and selected before use.',
  'A.8.2': 'Tell users what they need to know to use the system well, including its limits.',
  'A.8.3': 'Let people outside the organisation report harm caused by the system.',
  'A.8.4': 'Plan how users are told when something goes wrong with the system.',
  'A.8.5': 'Know what must be reported about the system, and to whom.',
  'A.9.2': 'Define how the organisation uses AI systems responsibly.',
  'A.9.3': 'Set goals that steer responsible use of AI systems.',
  'A.9.4': 'Make sure the system is used only for what it was built and documented for.',
  'A.10.2': 'Split life-cycle duties clearly between the organisation, suppliers, partners and customers.',
  'A.10.3': "Check that bought-in models, data and services fit the organisation's responsible-AI approach.",
  'A.10.4': "Take customers' needs and expectations into account."
}

/** `A.6.2.4` → `A.6`: the area is the id's first two parts. */
const areaOf = (id: string): AreaKey => id.split('.').slice(0, 2).join('.') as AreaKey

export const CONTROLS: readonly Control[] = Object.entries(TITLES).map(([id, title]) => ({
  id,
  title,
  area: AREAS[areaOf(id)],
  description: DESCRIPTIONS[id] ?? ''
}))

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
