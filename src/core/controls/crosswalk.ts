/**
 * Crosswalks from Annex A to other frameworks, shipped as data (`data/crosswalks/*.json`) and
 * validated here when first read: every one of the 38 controls has exactly one entry, every entry
 * names a source the file declares, and ids are the framework's own (`GOVERN 1.1`, `Art. 10`).
 * An empty target list is a recorded absence (its note says why), never a guess.
 */
import { z } from 'zod'
import euAiAct from '../../../data/crosswalks/eu-ai-act.json' with { type: 'json' }
import nistAiRmf from '../../../data/crosswalks/nist-ai-rmf.json' with { type: 'json' }
import { CONTROL_IDS } from './catalog.js'

export const CROSSWALK_IDS = ['nist-ai-rmf', 'eu-ai-act'] as const
export type CrosswalkId = (typeof CROSSWALK_IDS)[number]

/** The AI Act articles a model-release gate's controls are mapped to (nothing else is accepted). */
export const EU_ARTICLES = [
  'Art. 9',
  'Art. 10',
  'Art. 11',
  'Art. 12',
  'Art. 13',
  'Art. 14',
  'Art. 15',
  'Art. 17',
  'Art. 72'
] as const

const sourceSchema = z.strictObject({ title: z.string().min(1), publisher: z.string().min(1), url: z.url() })
const entryFields = {
  control: z.string(),
  source: z.string().min(1),
  locator: z.string().min(1).optional(),
  note: z.string().min(1).optional()
}
const fileFields = {
  $comment: z.string().min(1),
  framework: z.string().min(1),
  interpretation: z.boolean().describe('true: the mapping is our reading, not a published one.'),
  sources: z.record(z.string(), sourceSchema)
}
const nistSchema = z.strictObject({
  ...fileFields,
  id: z.literal('nist-ai-rmf'),
  entries: z.array(
    z.strictObject({
      ...entryFields,
      subcategories: z.array(z.string().regex(/^(GOVERN|MAP|MEASURE|MANAGE) \d+\.\d+$/))
    })
  )
})
const euSchema = z.strictObject({
  ...fileFields,
  id: z.literal('eu-ai-act'),
  entries: z.array(z.strictObject({ ...entryFields, articles: z.array(z.enum(EU_ARTICLES)) }))
})

export interface CrosswalkEntry {
  control: string
  /** Subcategories or articles; empty when none was found (see `note`). */
  targets: string[]
  source: { title: string; publisher: string; url: string }
  locator?: string
  note?: string
}

export interface Crosswalk {
  id: CrosswalkId
  framework: string
  interpretation: boolean
  comment: string
  entries: CrosswalkEntry[]
}

/** Every problem with one crosswalk file; empty when it covers Annex A exactly once, with sources. */
export function crosswalkProblems(data: unknown): string[] {
  const parsed = z.union([nistSchema, euSchema]).safeParse(data)
  if (!parsed.success) return parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)
  const { entries, sources } = parsed.data
  const problems: string[] = []
  const seen = entries.map((e) => e.control)
  for (const id of CONTROL_IDS) if (!seen.includes(id)) problems.push(`no entry for ${id}`)
  for (const id of seen) if (!CONTROL_IDS.includes(id)) problems.push(`${id} is not an Annex A control`)
  if (new Set(seen).size !== seen.length) problems.push('a control has more than one entry')
  for (const e of entries) {
    if (sources[e.source] === undefined) problems.push(`${e.control}: source "${e.source}" is not declared`)
    const targets = 'subcategories' in e ? e.subcategories : e.articles
    if (targets.length === 0 && e.note === undefined) problems.push(`${e.control}: no target and no note saying why`)
  }
  return problems
}

function load(data: unknown): Crosswalk {
  const problems = crosswalkProblems(data)
  // Shipped data, checked by the unit tests: a problem here is a build defect, not user input.
  if (problems.length > 0) throw new Error(`crosswalk data is invalid: ${problems.join('; ')}`)
  const file = z.union([nistSchema, euSchema]).parse(data)
  const entries = file.entries.map((e) => ({
    control: e.control,
    targets: 'subcategories' in e ? e.subcategories : e.articles,
    source: file.sources[e.source] as CrosswalkEntry['source'],
    ...(e.locator === undefined ? {} : { locator: e.locator }),
    ...(e.note === undefined ? {} : { note: e.note })
  }))
  const order = (e: CrosswalkEntry): number => CONTROL_IDS.indexOf(e.control)
  return {
    id: file.id,
    framework: file.framework,
    interpretation: file.interpretation,
    comment: file.$comment,
    entries: entries.sort((a, b) => order(a) - order(b))
  }
}

const loaded = new Map<CrosswalkId, Crosswalk>()
const RAW: Record<CrosswalkId, unknown> = { 'nist-ai-rmf': nistAiRmf, 'eu-ai-act': euAiAct }

export function crosswalk(id: CrosswalkId): Crosswalk {
  const cached = loaded.get(id)
  if (cached !== undefined) return cached
  const value = load(RAW[id])
  loaded.set(id, value)
  return value
}

/** The compact per-control view the report, card and OSCAL show: `{ nist-ai-rmf: [...], eu-ai-act: [...] }`. */
export function crosswalkOf(control: string): Record<CrosswalkId, string[]> {
  const of = (id: CrosswalkId): string[] => crosswalk(id).entries.find((e) => e.control === control)?.targets ?? []
  return { 'nist-ai-rmf': of('nist-ai-rmf'), 'eu-ai-act': of('eu-ai-act') }
}
