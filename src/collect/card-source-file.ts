/**
 * Reads the human-owned card source from the repository (the thin file-system edge). The default
 * location is `model-cards/<model>.md`; an explicit path that does not exist is a configuration
 * error, a missing default file is missing evidence (the documentation check says so).
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { invalid } from '../core/errors.js'
import { missing, present } from '../core/evidence/items.js'
import type { EvidenceItem } from '../core/evidence/types.js'
import { sha256Hex } from '../hash.js'
import { pathSegment } from '../path-segment.js'

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
  let bytes: Buffer
  try {
    bytes = await readFile(file)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (explicitPath !== undefined) {
      throw invalid(`card source ${shown} cannot be read (${code ?? 'error'}); fix: pass --card-source with an existing Markdown file, or omit it to use ${defaultCardSourcePath(model)}`, error)
    }
    if (code === 'ENOENT') {
      return missing('not-found', `No card source at ${shown}. Fix: add that file with one "## <Section>" heading per documentation section (see model-cards/README.md).`)
    }
    return missing('invalid', `The card source ${shown} cannot be read (${code ?? 'error'}).`)
  }
  if (bytes.byteLength > MAX_CARD_SOURCE_BYTES) {
    return missing('too-large', `The card source ${shown} is ${bytes.byteLength} bytes; the limit is ${MAX_CARD_SOURCE_BYTES}.`)
  }
  const relative = path.relative(cwd, file).split(path.sep).join('/')
  return present({ path: relative, text: bytes.toString('utf8') }, { source: 'repo-file', uri: relative, sha256: sha256Hex(bytes) })
}
