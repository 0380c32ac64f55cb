/**
 * The Annex A part of a card. The evidence matrix lists the controls the policy assesses and the
 * ones it excludes (with the justification), and sums up the rest in one line; the full
 * Statement of Applicability (every control with its status) goes to an appendix, one line per
 * Annex A area, so an auditor sees both without 38 "not assessed" rows in the way.
 */
import type { ControlResult, RequirementResult } from '../../core/verdict/types.js'
import { cell, CONTROL_ICONS, controlRows } from './card-tables.js'
import type { ControlRow } from './card-view.js'

export interface ControlsView {
  rows: ControlRow[]
  /** "27 controls are not assessed by this policy: A.2.2, …", or null. */
  notAssessed: string | null
  /** One line per Annex A area: "A.2 Policies related to AI: A.2.2 ➖ AI policy; …". */
  applicability: string[]
}

const areaOf = (id: string): string => /^(A\.\d+)/.exec(id)?.[1] ?? id

export function controlsView(controls: ControlResult[], requirements: RequirementResult[]): ControlsView {
  const shown = controls.filter((c) => c.status !== 'not-assessed')
  const skipped = controls.filter((c) => c.status === 'not-assessed')
  const areas = new Map<string, ControlResult[]>()
  for (const c of controls) areas.set(areaOf(c.id), [...(areas.get(areaOf(c.id)) ?? []), c])
  return {
    rows: controlRows(shown, requirements),
    notAssessed:
      skipped.length === 0
        ? null
        : `${skipped.length} control${skipped.length === 1 ? ' is' : 's are'} not ` +
          `assessed by this policy (no requirement ` +
          `names ${skipped.length === 1 ? 'it' : 'them'}): ${skipped.map((c) => cell(c.id)).join(', ')}. See the ` +
          `Statement of Applicability at the end of this card.`,
    applicability: [...areas].map(
      // `area` is the clause with its title ("A.2 Policies related to AI"); the id is the fallback.
      ([area, list]) =>
        `**${cell(list[0]?.area ?? area)}**: ` +
        `${list.map((c) => `${cell(c.id)} ${CONTROL_ICONS[c.status]} ${c.status}`).join('; ')}`
    )
  }
}
