/**
 * The requirement-level difference between two versions of a policy (the base of a pull request
 * and its head). Pure. Each profile is compared with inheritance applied, so a threshold lowered
 * in a parent shows up in every profile that inherits it, and a change of `extends` shows up as
 * the requirements it adds or drops. An entry met in several profiles is listed once, naming
 * them all. Order does not matter: requirements, waivers and controls are matched by identity.
 */
import { diffRequirement, type ChangeEffect } from './requirement-diff.js'
import { resolveProfile } from './resolve-profile.js'
import type { LocatedRequirement, LocatedWaiver, Policy } from './types.js'

export type { ChangeEffect } from './requirement-diff.js'

export interface PolicyChangeEntry {
  effect: ChangeEffect
  area: 'requirement' | 'waiver' | 'control' | 'profile' | 'policy'
  /** Requirement id, control id, profile name, waiver (requirement@model) or policy key. */
  subject: string
  field?: string
  /** The values as written (JSON text); absent on the side where it is not set. */
  base?: string
  head?: string
  /** Profiles the change applies to (requirement entries). */
  profiles?: string[]
  /** One sentence: what changed and in which direction. */
  message: string
}

export interface PolicyDiff {
  entries: PolicyChangeEntry[]
  weakened: number
  strengthened: number
  changed: number
}

const json = (value: unknown): string | undefined => (value === undefined ? undefined : JSON.stringify(value))
const sides = (base: unknown, head: unknown) => ({
  ...(json(base) === undefined ? {} : { base: json(base)! }),
  ...(json(head) === undefined ? {} : { head: json(head)! })
})

/** A requirement without what says nothing about the rule (where it is written). */
function rule(requirement: LocatedRequirement): Record<string, unknown> {
  const { location: _location, ...rest } = requirement
  return rest
}

function waiverKey(waiver: LocatedWaiver): string {
  const { location: _location, ...rest } = waiver
  // Listing the same versions in another order is the same waiver.
  const normal = { ...rest, versions: [...rest.versions].sort() }
  return JSON.stringify(Object.fromEntries(Object.entries(normal).sort(([a], [b]) => a.localeCompare(b))))
}

function requirementEntries(base: Policy, head: Policy, profile: string): PolicyChangeEntry[] {
  const before = new Map(resolveProfile(base, profile).requirements.map((r) => [r.id, r]))
  const after = new Map(resolveProfile(head, profile).requirements.map((r) => [r.id, r]))
  const entries: PolicyChangeEntry[] = []
  for (const [id, requirement] of before) {
    const changed = after.get(id)
    if (changed === undefined) {
      entries.push({
        effect: 'weakened',
        area: 'requirement',
        subject: id,
        ...sides(rule(requirement), undefined),
        message: `requirement ${id} (${requirement.check}) removed`
      })
      continue
    }
    for (const change of diffRequirement(requirement, changed)) {
      entries.push({
        effect: change.effect,
        area: 'requirement',
        subject: id,
        field: change.field,
        ...(change.base === undefined ? {} : { base: change.base }),
        ...(change.head === undefined ? {} : { head: change.head }),
        message: `requirement ${id}: ${change.why} (${change.base ?? 'unset'} → ${change.head ?? 'unset'})`
      })
    }
  }
  for (const [id, requirement] of after) {
    if (!before.has(id))
      entries.push({
        effect: 'strengthened',
        area: 'requirement',
        subject: id,
        ...sides(undefined, rule(requirement)),
        message: `requirement ${id} (${requirement.check}) added`
      })
  }
  return entries
}

function profileEntries(base: Policy, head: Policy): PolicyChangeEntry[] {
  const entries: PolicyChangeEntry[] = []
  const byKey = new Map<string, PolicyChangeEntry>()
  for (const name of Object.keys(base.profiles)) {
    const after = head.profiles[name]
    if (after === undefined) {
      entries.push({
        effect: 'weakened',
        area: 'profile',
        subject: name,
        message: `profile ${name} removed (every requirement it held is gone)`
      })
      continue
    }
    const parent = base.profiles[name]!.extends
    if (parent !== after.extends) {
      entries.push({
        effect: 'changed',
        area: 'profile',
        subject: name,
        field: 'extends',
        ...sides(parent, after.extends),
        message:
          `profile ${name} now extends ${after.extends ?? 'nothing'} instead ` +
          `of ${parent ?? 'nothing'} (what it gains or loses is listed per requirement)`
      })
    }
    for (const entry of requirementEntries(base, head, name)) {
      const key = JSON.stringify([entry.effect, entry.subject, entry.field, entry.base, entry.head])
      const seen = byKey.get(key)
      if (seen !== undefined) seen.profiles!.push(name)
      else {
        const located = { ...entry, profiles: [name] }
        byKey.set(key, located)
        entries.push(located)
      }
    }
  }
  for (const name of Object.keys(head.profiles)) {
    if (base.profiles[name] === undefined)
      entries.push({ effect: 'changed', area: 'profile', subject: name, message: `profile ${name} added` })
  }
  return entries
}

function waiverEntries(base: Policy, head: Policy): PolicyChangeEntry[] {
  const before = new Map(base.waivers.map((w) => [waiverKey(w), w]))
  const after = new Map(head.waivers.map((w) => [waiverKey(w), w]))
  const entries: PolicyChangeEntry[] = []
  for (const [key, waiver] of after) {
    if (before.has(key)) continue
    const subject = `${waiver.requirement}@${waiver.model}`
    const replaces = base.waivers.some((w) => w.requirement === waiver.requirement && w.model === waiver.model)
    entries.push({
      effect: 'weakened',
      area: 'waiver',
      subject,
      head: key,
      message:
        `waiver ${replaces ? 'changed' : 'added'} for ${subject} ` +
        `(versions ${waiver.versions.join(', ')}, expires ${waiver.expires}, approved ` +
        `by ${waiver.approvedBy})`
    })
  }
  for (const [key, waiver] of before) {
    if (!after.has(key))
      entries.push({
        effect: 'strengthened',
        area: 'waiver',
        subject: `${waiver.requirement}@${waiver.model}`,
        base: key,
        message: `waiver removed for ${waiver.requirement}@${waiver.model} (versions ${waiver.versions.join(', ')})`
      })
  }
  return entries
}

function controlEntries(base: Policy, head: Policy): PolicyChangeEntry[] {
  const entries: PolicyChangeEntry[] = []
  for (const id of [...new Set([...Object.keys(base.controls), ...Object.keys(head.controls)])].sort()) {
    const b = base.controls[id]
    const h = head.controls[id]
    if (JSON.stringify(b) === JSON.stringify(h)) continue
    // An unlisted control is applicable.
    const wasApplicable = b?.applicable ?? true
    const isApplicable = h?.applicable ?? true
    const effect: ChangeEffect =
      wasApplicable && !isApplicable ? 'weakened' : !wasApplicable && isApplicable ? 'strengthened' : 'changed'
    const message =
      effect === 'weakened'
        ? `control ${id} marked not applicable (${h?.justification ?? ''})`
        : effect === 'strengthened'
          ? `control ${id} applicable again`
          : `control ${id}: statement of applicability justification changed`
    entries.push({ effect, area: 'control', subject: id, ...sides(b, h), message })
  }
  return entries
}

function policyEntries(base: Policy, head: Policy): PolicyChangeEntry[] {
  const entries: PolicyChangeEntry[] = []
  // The profile evaluated when none is named: another default can swap production for a laxer one.
  if (base.defaultProfile !== head.defaultProfile) {
    entries.push({
      effect: 'weakened',
      area: 'policy',
      subject: 'defaultProfile',
      ...sides(base.defaultProfile, head.defaultProfile),
      message: `defaultProfile changed (${base.defaultProfile ?? 'unset'} → ${head.defaultProfile ?? 'unset'})`
    })
  }
  // Other evaluation data or label decides every recomputed number.
  if (JSON.stringify(base.evaluation) !== JSON.stringify(head.evaluation)) {
    entries.push({
      effect: 'weakened',
      area: 'policy',
      subject: 'evaluation',
      ...sides(base.evaluation, head.evaluation),
      message: 'evaluation block changed (the data, label or task the model is re-run on)'
    })
  }
  if (base.name !== head.name)
    entries.push({
      effect: 'changed',
      area: 'policy',
      subject: 'name',
      ...sides(base.name, head.name),
      message: `policy renamed (${base.name} → ${head.name})`
    })
  return entries
}

/** What the head changes relative to the base, weakening changes first. */
export function diffPolicies(base: Policy, head: Policy): PolicyDiff {
  const rank: Record<ChangeEffect, number> = { weakened: 0, changed: 1, strengthened: 2 }
  const entries = [
    ...policyEntries(base, head),
    ...profileEntries(base, head),
    ...waiverEntries(base, head),
    ...controlEntries(base, head)
  ]
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => rank[a.entry.effect] - rank[b.entry.effect] || a.index - b.index)
    .map(({ entry }) => entry)
  const count = (effect: ChangeEffect) => entries.filter((e) => e.effect === effect).length
  return { entries, weakened: count('weakened'), strengthened: count('strengthened'), changed: count('changed') }
}
