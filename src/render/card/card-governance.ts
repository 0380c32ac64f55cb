/**
 * The governance part of a card: approvals (who, when, through what), waivers in force and the
 * impact assessment (reference and status). Absent evidence is stated, never left out.
 */
import type { Evidence, ExternalApproval } from '../../core/evidence/types.js'
import type { RequirementResult } from '../../core/verdict/types.js'
import type { ApprovalRow, ImpactRow, RequirementRow, WaiverRow } from './card-view.js'
import { cell, requirementRow } from './card-tables.js'
import { describeProvenance } from './provenance-text.js'

const SOURCE_WORDS: Record<ExternalApproval['source'], string> = {
  'github-environment': 'GitHub environment approval',
  'github-review': 'GitHub pull-request review'
}

function approvalRow(a: ExternalApproval): ApprovalRow {
  const counted =
    a.excluded !== undefined
      ? `no: ${cell(a.excluded)}`
      : a.eligible === 'yes'
        ? 'yes'
        : a.eligible === 'no'
          ? 'no: not one of the policy’s approvers'
          : a.eligible === 'unknown'
            ? 'no: eligibility could not be checked'
            : 'yes'
  return {
    who: cell(a.login),
    when: a.at === undefined ? 'not recorded' : cell(a.at),
    through: `${SOURCE_WORDS[a.source]}${a.scope !== undefined ? ` (${cell(a.scope)})` : ''}`,
    counted,
    provenance: describeProvenance(a.provenance)
  }
}

const isApprovalRequirement = (r: RequirementResult): boolean =>
  /approv|sign[-_ ]?off|review/i.test(`${r.check} ${r.id}`)
const isImpactRequirement = (r: RequirementResult): boolean => /impact/i.test(`${r.check} ${r.id}`)

export function approvalsView(
  evidence: Evidence,
  requirements: RequirementResult[]
): {
  rows: ApprovalRow[]
  requirements: RequirementRow[]
  missing: string | null
} {
  const rows: ApprovalRow[] = []
  const notes: string[] = []
  for (const [source, item] of Object.entries(evidence.externalApprovals ?? {})) {
    if (item === undefined) continue
    if (item.kind === 'present') rows.push(...item.value.map(approvalRow))
    else notes.push(`${SOURCE_WORDS[source as ExternalApproval['source']]}: missing (${cell(item.detail)})`)
  }
  const approvalRequirements = requirements.filter(isApprovalRequirement).map(requirementRow)
  if (rows.length === 0 && approvalRequirements.length === 0 && notes.length === 0) {
    notes.push('Missing: no approval was recorded and the policy asks for none.')
  }
  return { rows, requirements: approvalRequirements, missing: notes.length === 0 ? null : notes.join('<br>\n') }
}

export function waiversView(requirements: RequirementResult[]): { rows: WaiverRow[]; none: string | null } {
  const rows = requirements.flatMap((r) =>
    r.waiver === undefined
      ? []
      : [
          {
            requirement: cell(r.id),
            reason: cell(r.waiver.reason),
            approvedBy: cell(r.waiver.approvedBy),
            expires: cell(r.waiver.expires)
          }
        ]
  )
  return { rows, none: rows.length === 0 ? 'No waiver is in force for this version.' : null }
}

/** Impact-assessment documents fetched from the run, and the requirements that judged them. */
export function impactView(
  evidence: Evidence,
  requirements: RequirementResult[]
): { rows: ImpactRow[]; missing: string | null } {
  const rows: ImpactRow[] = []
  for (const [path, item] of Object.entries(evidence.candidate.documents).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (!/impact/i.test(path)) continue
    rows.push(
      item.kind === 'present'
        ? {
            item: cell(path),
            status: 'present',
            detail:
              `sha256 ${cell(item.value.sha256)}, ${item.value.size} ` + `bytes, ${describeProvenance(item.provenance)}`
          }
        : { item: cell(path), status: `missing (${item.reason})`, detail: cell(item.detail) }
    )
  }
  for (const r of requirements.filter(isImpactRequirement)) {
    rows.push({
      item: `requirement ${cell(r.id)}`,
      status: `${r.status}`,
      detail: `${cell(r.observed)} (expected ${cell(r.expected)}): ${cell(r.message)}`
    })
  }
  return {
    rows,
    missing:
      rows.length === 0
        ? 'Missing: no impact assessment was found. Log it as a run artifact (for example ' +
          'impact_assessment.md) and name it in the policy.'
        : null
  }
}
