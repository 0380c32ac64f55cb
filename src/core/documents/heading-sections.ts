/**
 * The body text under each Markdown heading (ATX `## Title`), up to the next heading of the same
 * or a higher level, outside fenced code blocks and HTML comments; keys normalised like
 * `normaliseHeading`. A deployment plan uses it to refuse headings with nothing under them.
 */
import { normaliseHeading } from './markdown-headings.js'

export function headingBodies(text: string): Map<string, string> {
  const lines = text.replace(/<!--[\s\S]*?-->/g, '').split(/\r?\n/)
  const bodies = new Map<string, string>()
  const open: { key: string; level: number; lines: string[] }[] = []
  let fence: string | undefined
  const close = (level: number): void => {
    while (open.length > 0 && (open.at(-1)?.level ?? 0) >= level) {
      const done = open.pop() as { key: string; lines: string[] }
      // The first heading of a name wins: a later empty duplicate cannot blank a written section.
      if (!bodies.has(done.key)) bodies.set(done.key, done.lines.join('\n').trim())
    }
  }
  for (const line of lines) {
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1]
    if (marker !== undefined) {
      if (fence === undefined) fence = marker[0] as string
      else if (marker[0] === fence) fence = undefined
    }
    const atx =
      fence === undefined && marker === undefined ? /^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/.exec(line) : null
    if (atx !== null && (atx[2] ?? '').trim() !== '') {
      const level = (atx[1] as string).length
      close(level)
      open.push({ key: normaliseHeading(atx[2] as string), level, lines: [] })
      continue
    }
    for (const section of open) section.lines.push(line)
  }
  close(0)
  return bodies
}
