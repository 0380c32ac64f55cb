/**
 * Reads a card template and its partials from disk for `renderCard` (which stays pure).
 * The default template ships in `model-cards/default/`; a user's template (`--card-template`,
 * action input `card-template`) replaces the main file, and a `partials/` folder beside it
 * overrides default partials of the same name, so a copy of the default folder can be edited
 * piece by piece.
 */
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { assetPath } from '../assets.js'
import { invalid } from '../core/errors.js'
import type { CardTemplate } from '../render/card/render-card.js'

const DEFAULT_RELATIVE = 'model-cards/default'
const MAIN_FILE = 'card.md.hbs'

/** The shipped default template folder (dist/assets/ in the bundle, the repository from source). */
export function findDefaultTemplateDir(): string {
  try {
    return path.dirname(assetPath(`${DEFAULT_RELATIVE}/${MAIN_FILE}`))
  } catch {
    throw invalid(`The default card template (${DEFAULT_RELATIVE}/${MAIN_FILE}) is not installed beside aims-gate. Fix: reinstall the action or pass --card-template PATH.`)
  }
}

async function readPartials(dir: string): Promise<Record<string, string>> {
  let names: string[]
  try {
    names = await readdir(dir)
  } catch {
    return {}
  }
  const partials: Record<string, string> = {}
  for (const name of names.filter((n) => n.endsWith('.hbs')).sort()) {
    partials[name.slice(0, -'.hbs'.length)] = await readFile(path.join(dir, name), 'utf8')
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
  const partials = await readPartials(path.join(defaultDir, 'partials'))
  if (options.templatePath === undefined || options.templatePath === '') {
    return { name: `${DEFAULT_RELATIVE}/${MAIN_FILE}`, source: await readFile(path.join(defaultDir, MAIN_FILE), 'utf8'), partials }
  }
  const file = path.resolve(options.cwd, options.templatePath)
  let source: string
  try {
    source = await readFile(file, 'utf8')
  } catch (error) {
    throw invalid(
      `Card template ${options.templatePath} could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'}). Fix: pass the path of a Handlebars file, e.g. a copy of ${DEFAULT_RELATIVE}/${MAIN_FILE}.`,
      error
    )
  }
  const own = await readPartials(path.join(path.dirname(file), 'partials'))
  return { name: options.templatePath, source, partials: { ...partials, ...own } }
}
