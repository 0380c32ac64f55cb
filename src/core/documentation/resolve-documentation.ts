/**
 * Merges the documentation sections from every source into one set, recording per section where
 * its text came from. Precedence, highest first:
 *
 *   1. the card source in the repository (`model-cards/<model>.md`): reviewed in a pull request,
 *      so it is the most deliberate statement;
 *   2. the model version's tag `<prefix>.card.<section_id>` (specific to this version);
 *   3. the registered model's tag `<prefix>.card.<section_id>` (shared by all versions);
 *   4. for `intended_use` only: the registered model's description.
 *
 * A source whose text is empty or a placeholder (TODO, TBD, N/A…) is skipped, so a lower source
 * can still supply the section; if none does, the section is absent and the note says why.
 */
import type { Evidence, Provenance } from '../evidence/types.js'
import { isPlaceholder, parseCardSource } from './parse-card-source.js'
import { DOCUMENTATION_SECTION_TITLES } from './section-titles.js'
import { DOCUMENTATION_SECTIONS, type DocumentationSectionId, type DocumentationSet } from './types.js'

export interface ResolvedDocumentation {
  sections: DocumentationSet
  /** For each absent section: what was found instead (placeholder text, nothing at all). */
  notes: Partial<Record<DocumentationSectionId, string>>
  /** `##` headings in the card source that match no section (likely typos). */
  unknownHeadings: string[]
  /** True when at least one source (card file, tag or description) could be read. */
  anySource: boolean
}

interface Candidate {
  text: string | undefined
  provenance: Provenance
  label: string
}

export function resolveDocumentation(evidence: Evidence, options: { tagPrefix?: string } = {}): ResolvedDocumentation {
  const prefix = options.tagPrefix ?? 'aims'
  const registered = evidence.registeredModel.value
  const version = evidence.candidate.modelVersion.value
  const card = evidence.cardSource.kind === 'present' ? parseCardSource(evidence.cardSource.value.text) : undefined
  const cardPath = evidence.cardSource.kind === 'present' ? evidence.cardSource.value.path : undefined
  const sections = {} as DocumentationSet
  const notes: Partial<Record<DocumentationSectionId, string>> = {}
  let anySource = card !== undefined

  for (const id of DOCUMENTATION_SECTIONS) {
    const tag = `${prefix}.card.${id}`
    const candidates: Candidate[] = [
      ...(card !== undefined && cardPath !== undefined
        ? [
            {
              text: card.sections[id],
              provenance: { source: 'repo-file' as const, uri: cardPath },
              label: `${cardPath} § ${DOCUMENTATION_SECTION_TITLES[id]}`
            }
          ]
        : []),
      {
        text: version.tags[tag],
        provenance: { source: 'mlflow-registry', uri: `models:/${version.name}/${version.version}#tags/${tag}` },
        label: `version tag ${tag}`
      },
      {
        text: registered.tags[tag],
        provenance: { source: 'mlflow-registry', uri: `models:/${registered.name}#tags/${tag}` },
        label: `model tag ${tag}`
      },
      ...(id === 'intended_use'
        ? [
            {
              text: registered.description,
              provenance: { source: 'mlflow-registry' as const, uri: `models:/${registered.name}#description` },
              label: 'registered model description'
            }
          ]
        : [])
    ]
    const chosen = candidates.find((candidate) => !isPlaceholder(candidate.text))
    if (candidates.some((candidate, index) => index > 0 && (candidate.text ?? '').trim() !== '')) anySource = true
    if (chosen !== undefined && chosen.text !== undefined) {
      sections[id] = {
        id,
        title: DOCUMENTATION_SECTION_TITLES[id],
        text: chosen.text.trim(),
        provenance: chosen.provenance
      }
    } else {
      sections[id] = { id, title: DOCUMENTATION_SECTION_TITLES[id] }
      const placeholders = candidates.filter((candidate) => (candidate.text ?? '').trim() !== '')
      notes[id] =
        placeholders.length > 0
          ? `only placeholder text in ${placeholders.map((candidate) => candidate.label).join(', ')}`
          : `not in ${cardPath ?? 'the card source (none found)'}, nor tag ${tag} on the version or model`
    }
  }
  return { sections, notes, unknownHeadings: card?.unknownHeadings ?? [], anySource }
}
