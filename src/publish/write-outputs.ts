/**
 * Writes the card, its HTML view and the JSON report side by side (`<card-dir>/<model>/<version>.md`,
 * `<version>.html` and `<version>.report.json`), each atomically, and returns their paths and SHA-256 digests (for the
 * action outputs, the summary and the MLflow write-back).
 */
import path from 'node:path'
import { sha256Hex } from '../hash.js'
import { pathSegment } from '../path-segment.js'
import { writeFileAtomic } from './write-file-atomic.js'

export const DEFAULT_CARD_DIR = path.join('model-cards', 'generated')

export interface WriteOutputsInput {
  /** Relative paths (card dir, returned paths) are relative to this. */
  cwd: string
  /** `--card-dir`; default `model-cards/generated`. */
  cardDir?: string
  model: string
  version: string
  card: string
  /** The card's self-contained HTML view (render/html/card-html.ts). */
  cardHtml: string
  /** The report, already serialised as JSON. */
  report: string
}

export interface WrittenOutputs {
  /** Paths as shown to people (relative to `cwd` when inside it, with `/` separators). */
  cardPath: string
  cardHtmlPath: string
  reportPath: string
  /** Absolute paths. */
  cardFile: string
  cardHtmlFile: string
  reportFile: string
  cardSha256: string
  reportSha256: string
}

export function outputFiles(input: Pick<WriteOutputsInput, 'cwd' | 'cardDir' | 'model' | 'version'>): {
  cardFile: string
  cardHtmlFile: string
  reportFile: string
} {
  const dir = path.resolve(input.cwd, input.cardDir ?? DEFAULT_CARD_DIR, pathSegment(input.model))
  const base = pathSegment(input.version)
  return {
    cardFile: path.join(dir, `${base}.md`),
    cardHtmlFile: path.join(dir, `${base}.html`),
    reportFile: path.join(dir, `${base}.report.json`)
  }
}

function shown(cwd: string, file: string): string {
  const relative = path.relative(cwd, file)
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative.split(path.sep).join('/')
}

export async function writeCardAndReport(input: WriteOutputsInput): Promise<WrittenOutputs> {
  const { cardFile, cardHtmlFile, reportFile } = outputFiles(input)
  const cardBytes = Buffer.from(input.card, 'utf8')
  const reportBytes = Buffer.from(input.report, 'utf8')
  await writeFileAtomic(reportFile, reportBytes)
  await writeFileAtomic(cardHtmlFile, input.cardHtml)
  await writeFileAtomic(cardFile, cardBytes)
  return {
    cardPath: shown(input.cwd, cardFile),
    cardHtmlPath: shown(input.cwd, cardHtmlFile),
    reportPath: shown(input.cwd, reportFile),
    cardFile,
    cardHtmlFile,
    reportFile,
    cardSha256: sha256Hex(cardBytes),
    reportSha256: sha256Hex(reportBytes)
  }
}
