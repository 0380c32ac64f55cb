/**
 * How one requirement changed between two versions of a policy, field by field, each change
 * ranked as weakening or strengthening what a release must show. Pure.
 *
 * Every field has a rule saying which direction is weaker (a lower `min`, a higher `max`, fewer
 * required dataset contexts, more people allowed to approve, a different seed to fish for a
 * pass…). A field without a rule (one added to the policy language later) that differs is
 * reported as weakening: a change nobody ranked must be looked at, never waved through.
 */
import type { LocatedRequirement } from './types.js'

export type ChangeEffect = 'weakened' | 'strengthened' | 'changed'

export interface FieldChange {
  field: string
  effect: ChangeEffect
  /** The values as written (JSON text), absent when the field is not set on that side. */
  base?: string
  head?: string
  why: string
}

type Rank = 'weaker' | 'stronger' | 'same'
type Rule = (base: unknown, head: unknown) => { rank: Rank; why: string }

const isSet = (value: unknown): boolean => value !== undefined
const list = (value: unknown): string[] =>
  Array.isArray(value) ? value.map((v) => JSON.stringify(v)) : value === undefined ? [] : [JSON.stringify(value)]

/**
 * A numeric bound where "absent" means "no bound": for a minimum (`floor`) lowering it weakens,
 * for a ceiling raising it does; dropping either weakens.
 */
const boundRule =
  (what: string, kind: 'floor' | 'ceiling'): Rule =>
  (base, head) => {
    if (!isSet(head) && isSet(base)) return { rank: 'weaker', why: `${what} removed` }
    if (isSet(head) && !isSet(base)) return { rank: 'stronger', why: `${what} added` }
    const b = Number(base)
    const h = Number(head)
    if (h === b) return { rank: 'same', why: '' }
    const weaker = kind === 'floor' ? h < b : h > b
    return { rank: weaker ? 'weaker' : 'stronger', why: `${what} ${h < b ? 'lowered' : 'raised'}` }
  }
const lowerIsWeaker = (what: string): Rule => boundRule(what, 'floor')
const higherIsWeaker = (what: string): Rule => boundRule(what, 'ceiling')

/** Members of `head` not in `base`. */
function membersAdded(base: unknown, head: unknown): unknown[] {
  const b = new Set(list(base))
  return [...new Set(list(head))].filter((x) => !b.has(x))
}

/**
 * Set-valued fields. `all-must-hold` (contexts, sections, controls): dropping a member weakens,
 * adding one strengthens. `allow-list` (approvers, environments), where "absent" means "anyone":
 * adding a member or dropping the list weakens.
 */
const setRule =
  (what: string, kind: 'all-must-hold' | 'allow-list'): Rule =>
  (base, head) => {
    if (kind === 'allow-list' && !isSet(head) && isSet(base))
      return { rank: 'weaker', why: `${what} removed (no restriction any more)` }
    if (kind === 'allow-list' && isSet(head) && !isSet(base)) return { rank: 'stronger', why: `${what} added` }
    const added = membersAdded(base, head)
    const removed = membersAdded(head, base)
    const [weakening, strengthening] = kind === 'allow-list' ? [added, removed] : [removed, added]
    const [weakWords, strongWords] =
      kind === 'allow-list' ? ['widened (added', 'narrowed (removed'] : ['reduced (removed', 'extended (added']
    if (weakening.length > 0) return { rank: 'weaker', why: `${what} ${weakWords} ${weakening.join(', ')})` }
    if (strengthening.length > 0)
      return { rank: 'stronger', why: `${what} ${strongWords} ${strengthening.join(', ')})` }
    return { rank: 'same', why: '' }
  }
const fewerIsWeaker = (what: string): Rule => setRule(what, 'all-must-hold')
const moreIsWeaker = (what: string): Rule => setRule(what, 'allow-list')

/** Values ranked weakest first; a value outside the order counts as weakest. */
const ordered =
  (what: string, order: readonly unknown[]): Rule =>
  (base, head) => {
    const b = order.indexOf(base)
    const h = order.indexOf(head)
    if (h === b) return { rank: 'same', why: '' }
    return h < b ? { rank: 'weaker', why: `${what} weakened` } : { rank: 'stronger', why: `${what} strengthened` }
  }

const trueIsStronger = (what: string): Rule => ordered(what, [false, true])

/** Any change weakens: what is checked is no longer what was agreed (another metric, file, seed…). */
const anyChangeWeakens =
  (what: string): Rule =>
  (base, head) =>
    JSON.stringify(base) === JSON.stringify(head)
      ? { rank: 'same', why: '' }
      : { rank: 'weaker', why: `${what} changed` }

/** Approval sources: any change can open an easier way to approve or drop a required one. */
const sourcesRule: Rule = (base, head) => {
  const b = [...list(base)].sort().join()
  const h = [...list(head)].sort().join()
  return b === h
    ? { rank: 'same', why: '' }
    : { rank: 'weaker', why: 'approval sources changed (a source removed or an easier one added)' }
}

/** The approvers block: a rule per key, absent block = anyone eligible. */
const approversRule: Rule = (base, head) => {
  if (!isSet(head) && isSet(base)) return { rank: 'weaker', why: 'approvers removed (anyone may approve)' }
  if (isSet(head) && !isSet(base)) return { rank: 'stronger', why: 'approvers restricted' }
  if (!isSet(head)) return { rank: 'same', why: '' }
  const b = base as Record<string, unknown>
  const h = head as Record<string, unknown>
  const results = [
    moreIsWeaker('approvers.users')(b.users, h.users),
    moreIsWeaker('approvers.teams')(b.teams, h.teams),
    ordered('approvers.permission', [undefined, 'read', 'triage', 'write', 'maintain', 'admin'])(
      b.permission,
      h.permission
    )
  ]
  if (JSON.stringify(Object.keys(h).filter((k) => !['users', 'teams', 'permission'].includes(k))) !== '[]') {
    results.push(anyChangeWeakens('approvers')(b, h))
  }
  return (
    results.find((r) => r.rank === 'weaker') ?? results.find((r) => r.rank === 'stronger') ?? { rank: 'same', why: '' }
  )
}

const RULES: Record<string, Rule> = {
  check: anyChangeWeakens('check kind'),
  severity: ordered('severity', ['warn', 'block']),
  controls: fewerIsWeaker('controls'),
  // A control moved from controls to supports is a weakening of controls (claimed satisfied no more).
  supports: fewerIsWeaker('supported controls'),
  // metric
  metric: anyChangeWeakens('metric'),
  source: ordered('metric source', ['logged', 'recomputed', 'reconciled']),
  tolerance: higherIsWeaker('tolerance'),
  min: lowerIsWeaker('min'),
  max: higherIsWeaker('max'),
  baseline: anyChangeWeakens('baseline alias'),
  maxDecrease: higherIsWeaker('maxDecrease'),
  maxRelativeDecrease: higherIsWeaker('maxRelativeDecrease'),
  // documentation, datasets, artifact
  sections: fewerIsWeaker('sections'),
  contexts: fewerIsWeaker('dataset contexts'),
  require: fewerIsWeaker('required dataset fields'),
  distinct: trueIsStronger('distinct digests'),
  path: anyChangeWeakens('artifact path'),
  document: anyChangeWeakens('document kind'),
  maxAgeDays: higherIsWeaker('maxAgeDays'),
  // approval
  minApprovals: lowerIsWeaker('minApprovals'),
  sources: sourcesRule,
  separationOfDuties: trueIsStronger('separationOfDuties'),
  tagPrefix: anyChangeWeakens('tagPrefix'),
  approvers: approversRule,
  environments: moreIsWeaker('environments'),
  // fairness (metric, min, max shared above)
  sensitiveFeatures: fewerIsWeaker('sensitive features'),
  // Larger groups excluded from the metric = fewer groups judged.
  minGroupSize: higherIsWeaker('minGroupSize'),
  // A lower coverage gives a narrower interval, which passes more easily.
  confidence: lowerIsWeaker('confidence'),
  nBoot: lowerIsWeaker('nBoot'),
  seed: anyChangeWeakens('bootstrap seed'),
  referenceGroup: anyChangeWeakens('referenceGroup'),
  // A column of the evaluation data (written by the author) judged instead of running the model.
  predictionColumn: anyChangeWeakens('predictionColumn')
}

/** Fields that say nothing about what a release must show. */
const IGNORED = new Set(['id', 'description', 'location'])

const text = (value: unknown): string | undefined => (value === undefined ? undefined : JSON.stringify(value))

/** The ranked field changes of one requirement present in both versions (same id). */
export function diffRequirement(base: LocatedRequirement, head: LocatedRequirement): FieldChange[] {
  const b = base as unknown as Record<string, unknown>
  const h = head as unknown as Record<string, unknown>
  const fields = [...new Set([...Object.keys(b), ...Object.keys(h)])].filter((f) => !IGNORED.has(f)).sort()
  const changes: FieldChange[] = []
  for (const field of fields) {
    if (JSON.stringify(b[field]) === JSON.stringify(h[field]) && field !== 'controls' && field !== 'sources') continue
    const rule =
      RULES[field] ??
      (() => ({ rank: 'weaker' as const, why: `${field} changed (not ranked, so treated as weakening)` }))
    const { rank, why } = rule(b[field], h[field])
    if (rank === 'same') continue
    changes.push({
      field,
      effect: rank === 'weaker' ? 'weakened' : 'strengthened',
      ...(text(b[field]) === undefined ? {} : { base: text(b[field]) }),
      ...(text(h[field]) === undefined ? {} : { head: text(h[field]) }),
      why
    })
  }
  return changes
}
