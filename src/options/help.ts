/**
 * The `Options:` block of a command's `--help`, generated from the option table so the help
 * never lists a flag the parser does not take, or misses one it does.
 */
import type { CliCommand } from './cli-options.js'
import { optionsOf } from './read-options.js'

const WIDTH = 100

function wrap(text: string, width: number): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line)
      line = word
    } else {
      line = line === '' ? word : `${line} ${word}`
    }
  }
  return [...lines, line]
}

export function optionsHelp(command: CliCommand): string {
  const rows: [string, string][] = []
  for (const [, spec] of optionsOf(command)) {
    if (spec.flag === undefined) continue
    const flag = `--${spec.flag}${spec.placeholder === undefined ? '' : ` ${spec.placeholder}`}`
    rows.push([flag, spec.helpFor?.[command] ?? spec.help])
  }
  rows.push(['-h, --help', 'show this help'])
  const column = Math.max(...rows.map(([flag]) => flag.length)) + 4
  const lines = rows.flatMap(([flag, help]) => {
    const [first = '', ...rest] = wrap(help, WIDTH - column)
    return [`  ${flag.padEnd(column - 2)}${first}`, ...rest.map((line) => `${' '.repeat(column)}${line}`)]
  })
  return `Options:\n${lines.join('\n')}\n`
}
