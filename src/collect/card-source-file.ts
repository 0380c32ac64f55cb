/**
 * Reads the human-owned card source from the repository (the thin file-system edge). The default
 * location is `model-cards/<model>.md`; an explicit path that does not exist is a configuration
 * error, a missing default file is missing evidence (the documentation check says so). A path
 * that is not a regular file (FIFO, device, folder) or is over the size limit is a configuration
 * error either way: it is refused unread (see read-input-file.ts).
 */
import path from 'node:path'
import { invalid } from '../core/errors.js'
import { missing, present } from '../core/evidence/items.js'
import type { EvidenceItem } from '../core/evidence/types.js'
import { sha256Hex } from '../hash.js'
import { pathSegment } from '../path-segment.js'
import { describeInputProblem, readInputFile } from './read-input-file.js'

/** Card sources larger than this are refused: a card is prose, not data. */
export const MAX_CARD_SOURCE_BYTES = 1024 * 1024

export function defaultCardSourcePath(model: string): string {
  return `model-cards/${pathSegment(model)}.md`
}

export async function readCardSource(
  explicitPath: string | undefined,
  model: string,
  cwd: string
): Promise<EvidenceItem<{ path: string; text: string }>> {
  const shown = explicitPath ?? defaultCardSourcePath(model)
  const file = path.resolve(cwd, shown)
  const read = await readInputFile(file, MAX_CARD_SOURCE_BYTES)
  if (read.kind === 'not-found' && explicitPath === undefined) {
    return missing(
      'not-found',
      `No card source at ${shown}. Fix: add that file with one "## <Section>" heading ` +
        `per documentation section (see model-cards/README.md).`
    )
  }
  if (read.kind === 'unreadable' && explicitPath === undefined) {
    return missing('invalid', `The card source ${shown} ${describeInputProblem(read)}.`)
  }
  if (read.kind !== 'ok') {
    const fix =
      read.kind === 'too-large'
        ? `keep the card source to prose (the limit ` +
          `is ${MAX_CARD_SOURCE_BYTES / 1024 / 1024} MiB); link large material instead of ` +
          `pasting it`
        : `pass --card-source with an existing Markdown file, or omit it to use ${defaultCardSourcePath(model)}`
    throw invalid(`card source ${shown} ${describeInputProblem(read)}; fix: ${fix}`)
  }
  const bytes = read.bytes
  const relative = path.relative(cwd, file).split(path.sep).join('/')
  return present(
    { path: relative, text: bytes.toString('utf8') },
    { source: 'repo-file', uri: relative, sha256: sha256Hex(bytes) }
  )
}
