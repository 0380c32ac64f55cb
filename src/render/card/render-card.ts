/**
 * Renders a card view model through a Handlebars template. The template and its partials come
 * in as strings (reading files is the caller's job), so rendering stays pure.
 *
 * - An isolated Handlebars instance: nothing registered here leaks into (or comes from) other
 *   users of the library, and no helpers beyond the built-ins exist.
 * - `strict: true`: a field name the view model does not have is an error naming it, not an
 *   empty string, so a typo in a custom template fails loudly.
 * - `noEscape: true`: the view model's strings are already escaped for Markdown (Handlebars'
 *   HTML escaping would double-escape them and is the wrong escaping for Markdown anyway).
 *   Values are data, never compiled, so `{{…}}` inside a value is never evaluated.
 */
import Handlebars from 'handlebars'
import { invalid } from '../../core/errors.js'
import type { CardView } from './card-view.js'

export interface CardTemplate {
  /** Where the main template came from, for error messages (`model-cards/default/card.md.hbs`). */
  name: string
  source: string
  /** Partial name (file name without `.hbs`) → source. */
  partials: Record<string, string>
}

const COMPILE_OPTIONS = { strict: true, noEscape: true, preventIndent: true } as const

/** Throws GateError('invalid') naming the template and the field when a template is wrong. */
export function renderCard(view: CardView, template: CardTemplate): string {
  const hb = Handlebars.create()
  for (const [name, source] of Object.entries(template.partials)) {
    hb.registerPartial(name, hb.compile(source, COMPILE_OPTIONS))
  }
  try {
    const render = hb.compile<CardView>(template.source, COMPILE_OPTIONS)
    const text = render(view, { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false })
    return `${text.trimEnd()}\n`
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error)
    throw invalid(
      `Card template ${template.name} could not be rendered: ${reason}. Fix: use only ` +
        `fields of the card view model (see model-cards/default/card.md.hbs) and check ` +
        `partial names.`,
      error
    )
  }
}
