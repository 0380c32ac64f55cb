/**
 * action.yml's `inputs:` section, rendered from the option table (src/options/option-table.ts):
 * every option the action reads, with its description, `required` and default. Written by
 * `npm run generate:action-yml`; test/unit/options/action-yml.test.ts fails when the committed
 * action.yml differs.
 */
import { optionsOf } from '../src/options/read-options.js'
import type { OptionSpec } from '../src/options/option-spec.js'

/** Plain YAML when the text cannot be misread (no `: `, ` #`, leading indicator), else JSON-quoted. */
function scalar(text: string): string {
  const plain = !/: | #|^[-?:,[\]{}#&*!|>'"%@`\s]|\s$/.test(text)
  return plain ? text : JSON.stringify(text)
}

/** A default that YAML would read as a number or a boolean is quoted, so the runner gets the text. */
function defaultValue(text: string): string {
  return /^(true|false|\d+(\.\d+)?)$/.test(text) ? `'${text}'` : scalar(text)
}

/**
 * An option with an environment variable has no default in action.yml: the runner would pass
 * the default as if it were given, and the variable would never be read.
 */
function actionDefault(spec: OptionSpec): string | undefined {
  return spec.actionDefault ?? (spec.env === undefined ? spec.default : undefined)
}

export function renderActionInputs(): string {
  const lines = ['inputs:']
  for (const [, spec] of optionsOf('action')) {
    if (spec.input === undefined) continue
    lines.push(`  ${spec.input}:`, `    description: ${scalar(spec.description ?? spec.help)}`)
    lines.push(`    required: ${spec.required === true}`)
    const value = actionDefault(spec)
    if (value !== undefined) lines.push(`    default: ${defaultValue(value)}`)
  }
  return `${lines.join('\n')}\n`
}

/** action.yml with its `inputs:` section (up to the next top-level key) replaced. */
export function withGeneratedInputs(actionYml: string): string {
  const start = actionYml.indexOf('\ninputs:\n')
  const end = actionYml.indexOf('\noutputs:\n')
  if (start < 0 || end < start) throw new Error('action.yml has no inputs: section followed by outputs:')
  return `${actionYml.slice(0, start + 1)}${renderActionInputs()}${actionYml.slice(end)}`
}
