/**
 * Reads a card template and its partials from disk for `renderCard` (which stays pure).
 * The default template ships in `model-cards/default/`; a user's template (`--card-template`,
 * action input `card-template`) replaces the main file, and a `partials/` folder beside it
 * overrides default partials of the same name, so a copy of the default folder can be edited
 * piece by piece.
 */
import { readdir } from 'node:fs/promises'
import path from 'node:path'
import { assetPath } from '../assets.js'
import { describeInputProblem, readInputFile } from '../collect/read-input-file.js'
import { invalid } from '../core/errors.js'
import type { CardTemplate } from '../render/card/render-card.js'

const DEFAULT_RELATIVE = 'model-cards/default'
const MAIN_FILE = 'card.md.hbs'

/** A template or partial larger than this is refused unread (the default card is about 10 KiB). */
export const MAX_TEMPLATE_BYTES = 1024 * 1024

/** Reads one template file (not a FIFO or device, within the limit) or throws exit 2 naming it. */
async function readTemplateFile(file: string, shown: string): Promise<string> {
  const read = await readInputFile(file, MAX_TEMPLATE_BYTES)
  if (read.kind === 'ok') return read.bytes.toString('utf8')
  const fix =
    read.kind === 'too-large'
      ? `keep templates under ${MAX_TEMPLATE_BYTES / 1024 / 1024} MiB`
      : `pass the path of a Handlebars file, e.g. a copy of ${DEFAULT_RELATIVE}/${MAIN_FILE}`
  const what = read.kind === 'not-found' ? 'could not be read (ENOENT)' : describeInputProblem(read)
  throw invalid(`Card template ${shown} ${what}. Fix: ${fix}.`)
}

/** The shipped default template folder (dist/assets/ in the bundle, the repository from source). */
export function findDefaultTemplateDir(): string {
  try {
    return path.dirname(assetPath(`${DEFAULT_RELATIVE}/${MAIN_FILE}`))
  } catch {
    throw invalid(
      `The default card template (${DEFAULT_RELATIVE}/${MAIN_FILE}) is not installed ` +
        `beside aims-gate. Fix: reinstall the action or pass --card-template PATH.`
    )
  }
}

async function readPartials(dir: string, shownDir: string): Promise<Record<string, string>> {
  let names: string[]
  try {
    names = await readdir(dir)
  } catch {
    return {}
  }
  const partials: Record<string, string> = {}
  for (const name of names.filter((n) => n.endsWith('.hbs')).sort()) {
    partials[name.slice(0, -'.hbs'.length)] = await readTemplateFile(path.join(dir, name), `${shownDir}/${name}`)
  }
  return partials
}

export interface LoadCardTemplateOptions {
  /** A user's template file; absent = the default template. Relative paths resolve from `cwd`. */
  templatePath?: string
  cwd: string
  /** The default template folder; absent = `findDefaultTemplateDir()`. */
  defaultDir?: string
}

export async function loadCardTemplate(options: LoadCardTemplateOptions): Promise<CardTemplate> {
  const defaultDir = options.defaultDir ?? findDefaultTemplateDir()
  const partials = await readPartials(path.join(defaultDir, 'partials'), `${DEFAULT_RELATIVE}/partials`)
  if (options.templatePath === undefined || options.templatePath === '') {
    return {
      name: `${DEFAULT_RELATIVE}/${MAIN_FILE}`,
      source: await readTemplateFile(path.join(defaultDir, MAIN_FILE), `${DEFAULT_RELATIVE}/${MAIN_FILE}`),
      partials
    }
  }
  const file = path.resolve(options.cwd, options.templatePath)
  const source = await readTemplateFile(file, options.templatePath)
  const own = await readPartials(
    path.join(path.dirname(file), 'partials'),
    path.posix.join(path.dirname(options.templatePath).split(path.sep).join('/'), 'partials')
  )
  return { name: options.templatePath, source, partials: { ...partials, ...own } }
}
