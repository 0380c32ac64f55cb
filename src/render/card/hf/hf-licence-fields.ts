/**
 * The card's `license` fields for the Hugging Face Hub, read from the licence section (card
 * source front matter, `## License` section or an `aims.card.license` tag, as resolved by the
 * documentation layer). The first sentence of the section names the model's licence; its first
 * SPDX id becomes the Hub id (`Apache-2.0` → `apache-2.0`). Anything else is `other` with a
 * slug `license_name` and a `license_link`: the first URL in the section, or the card's own
 * License section when the text gives none (the Hub asks for a link with `other`). A single
 * unknown word is not trusted as an id: it becomes `other` too.
 */
import type { DocumentationSet } from '../../../core/documentation/types.js'
import { SPDX_TO_HF_LICENCE } from './hf-licences.js'

export interface LicenceFields {
  license: string
  license_name?: string
  license_link?: string
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
// Longest ids first so `BSD-3-Clause-Clear` wins over `BSD-3-Clause`.
const SPDX_IDS = Object.keys(SPDX_TO_HF_LICENCE).sort((a, b) => b.length - a.length)
const SPDX_PATTERN = new RegExp(
  `(?<![A-Za-z0-9.+-])(${SPDX_IDS.map(escapeRegExp).join('|')})(?![A-Za-z0-9+-]|\\.[0-9])`,
  'i'
)

/** The first sentence of the first line: "Model and card: Apache-2.0." → "Model and card: Apache-2.0". */
function firstSentence(text: string): string {
  const line =
    text
      .split('\n')
      .find((l) => l.trim() !== '')
      ?.trim() ?? ''
  return (/^(.*?)(?:\.(?:\s|$)|$)/.exec(line)?.[1] ?? line).trim()
}

const URL_PATTERN = /https?:\/\/[^\s<>()"'`]+[^\s<>()"'`.,;:]/

export function licenceFields(documentation: DocumentationSet): LicenceFields {
  const text = documentation.license.text?.trim()
  if (text === undefined || text === '') return { license: 'unknown' }
  const sentence = firstSentence(text)
  const match = SPDX_PATTERN.exec(sentence)?.[1]
  if (match !== undefined) {
    const id = SPDX_IDS.find((spdx) => spdx.toLowerCase() === match.toLowerCase())
    if (id !== undefined) return { license: SPDX_TO_HF_LICENCE[id] as string }
  }
  const url = URL_PATTERN.exec(text)?.[0]
  // The name without the link (it has its own field), cut at a word boundary.
  const words = sentence
    .replace(new RegExp(URL_PATTERN.source, 'g'), ' ')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
  let slug = ''
  for (const word of words) {
    const next = slug === '' ? word : `${slug}-${word}`
    if (next.length > 64) break
    slug = next
  }
  return { license: 'other', license_name: slug === '' ? 'custom' : slug, license_link: url ?? '#license' }
}
