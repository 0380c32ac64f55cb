/**
 * Reads the human-owned card source (`model-cards/<model>.md`, reviewed in pull requests):
 * each `## Heading` starts a section; the heading may be the section id (`## intended_use`) or its
 * title (`## Intended use`), in any case. Text runs until the next `#`/`##` heading (deeper
 * headings stay inside the section). Front matter and HTML comments are ignored, so template
 * guidance in `<!-- … -->` never counts as content.
 */
import { DOCUMENTATION_SECTION_TITLES } from './section-titles.js'
import { DOCUMENTATION_SECTIONS, type DocumentationSectionId } from './types.js'

export interface CardSourceSections {
  sections: Partial<Record<DocumentationSectionId, string>>
  /** `##` headings that match no section id or title (reported so typos are visible). */
  unknownHeadings: string[]
}

const normalise = (heading: string): string =>
  heading
    .trim()
    .replace(/[:.]+$/, '')
    .toLowerCase()
    .replace(/[\s-]+/g, '_')

const HEADING_TO_ID = new Map<string, DocumentationSectionId>(
  DOCUMENTATION_SECTIONS.flatMap((id) => [
    [normalise(id), id] as const,
    [normalise(DOCUMENTATION_SECTION_TITLES[id]), id] as const
  ])
)

/** The section id a `##` heading names, if any. */
export function sectionIdForHeading(heading: string): DocumentationSectionId | undefined {
  return HEADING_TO_ID.get(normalise(heading))
}

function stripFrontMatter(text: string): string {
  const match = /^---\r?\n[\s\S]*?\r?\n---\r?\n/.exec(text)
  return match === null ? text : text.slice(match[0].length)
}

export function parseCardSource(text: string): CardSourceSections {
  const body = stripFrontMatter(text.replace(/^\uFEFF/, '')).replace(/<!--[\s\S]*?-->/g, '')
  const sections: Partial<Record<DocumentationSectionId, string>> = {}
  const unknownHeadings: string[] = []
  let current: DocumentationSectionId | undefined
  let lines: string[] = []
  let inFence = false
  const flush = () => {
    if (current !== undefined) {
      const previous = sections[current]
      const content = lines.join('\n').trim()
      // A repeated heading appends rather than silently replacing the earlier text.
      sections[current] = previous === undefined || previous === '' ? content : `${previous}\n\n${content}`
    }
    lines = []
  }
  for (const line of body.split(/\r?\n/)) {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence
    const heading = inFence ? null : /^(#{1,2})\s+(.*?)\s*#*\s*$/.exec(line)
    if (heading !== null) {
      flush()
      const level = heading[1]?.length ?? 1
      const title = heading[2] ?? ''
      current = level === 2 ? sectionIdForHeading(title) : undefined
      if (level === 2 && current === undefined) unknownHeadings.push(title)
      continue
    }
    if (current !== undefined) lines.push(line)
  }
  flush()
  return { sections, unknownHeadings }
}

// Text that only promises content later ("TODO: describe", "TBD") or says nothing ("N/A", "…").
const PLACEHOLDER_START =
  /^(todo|tbd|tba|tbc|fixme|xxx|placeholder|lorem ipsum|to be (written|done|determined|completed)|coming soon)\b/i
const PLACEHOLDER_WHOLE = /^(n\/?a|none|…|\.\.\.)[.!]?$/i

/** Empty text, or text that only says it will be written later, counts as a missing section. */
export function isPlaceholder(text: string | undefined): boolean {
  if (text === undefined) return true
  const stripped = text
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/^[\s*_[\]()>`"'-]+/, '')
    .replace(/[\s*_[\]()`"']+$/, '')
    .trim()
  return stripped === '' || PLACEHOLDER_START.test(stripped) || PLACEHOLDER_WHOLE.test(stripped)
}
