/**
 * `check: documentation` — the listed card sections must each have real text (not a
 * placeholder) from some source. Missing when no documentation source exists at all; fail when
 * sources exist but leave required sections empty.
 */
import { resolveDocumentation } from '../documentation/resolve-documentation.js'
import type { DocumentationRequirement } from '../policy/requirement-schemas.js'
import type { EvidenceRef } from '../verdict/types.js'
import { resultFor, type Check } from './check.js'

export const checkDocumentation: Check<DocumentationRequirement> = (req, evidence) => {
  const documentation = resolveDocumentation(evidence)
  const expected = `sections ${req.sections.join(', ')}`
  const present = req.sections.filter((id) => documentation.sections[id].text !== undefined)
  const absent = req.sections.filter((id) => documentation.sections[id].text === undefined)
  const observed = `${present.length} of ${req.sections.length} sections`
  const refs: EvidenceRef[] = present.flatMap((id) => {
    const provenance = documentation.sections[id].provenance
    return provenance === undefined ? [] : [{ label: `section ${id}`, provenance }]
  })
  const details = {
    present,
    absent,
    sources: Object.fromEntries(present.map((id) => [id, documentation.sections[id].provenance?.uri])),
    ...(documentation.unknownHeadings.length > 0 ? { unknownHeadings: documentation.unknownHeadings } : {})
  }
  if (absent.length === 0) {
    return resultFor(req, {
      status: 'pass',
      observed,
      expected,
      message: `All ${req.sections.length} required sections are written.`,
      evidence: refs,
      details
    })
  }
  const cardHint =
    evidence.cardSource.kind === 'missing' ? ` The card source is unavailable: ${evidence.cardSource.detail}` : ''
  const typoHint =
    documentation.unknownHeadings.length > 0
      ? ` Unrecognised headings: ${documentation.unknownHeadings.map((h) => `"${h}"`).join(', ')}.`
      : ''
  const why = absent.map((id) => `${id} (${documentation.notes[id] ?? 'absent'})`).join('; ')
  // Nothing to read anywhere, or a card source that exists but could not be read: evidence is
  // absent, not deficient. Otherwise the documentation was read and is incomplete.
  const unreadableCard = evidence.cardSource.kind === 'missing' && evidence.cardSource.reason !== 'not-found'
  const status = !documentation.anySource || unreadableCard ? 'missing' : 'fail'
  return resultFor(req, {
    status,
    observed,
    expected,
    message:
      `Missing sections: ${why}. Write them under "## <Section title>" in the card ` + `source.${cardHint}${typoHint}`,
    evidence: refs,
    details
  })
}
