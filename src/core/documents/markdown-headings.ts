/**
 * The Markdown headings of a document (ATX `# Title` … `###### Title` and setext `Title\n===`),
 * outside fenced code blocks and HTML comments, normalised for comparison: trimmed, inner
 * whitespace collapsed, lower case. A `requiredHeadings` entry matches a heading of any level.
 */

export const normaliseHeading = (heading: string): string => heading.trim().replace(/\s+/g, ' ').toLowerCase()

export function markdownHeadings(text: string): string[] {
  const lines = text.replace(/<!--[\s\S]*?-->/g, '').split(/\r?\n/)
  const headings: string[] = []
  let fence: string | undefined
  for (const [index, line] of lines.entries()) {
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1]
    if (marker !== undefined) {
      if (fence === undefined) fence = marker[0] as string
      else if (marker[0] === fence) fence = undefined
      continue
    }
    if (fence !== undefined) continue
    const atx = /^ {0,3}#{1,6}(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/.exec(line)
    if (atx !== null) {
      if ((atx[1] ?? '').trim() !== '') headings.push(normaliseHeading(atx[1] as string))
      continue
    }
    const next = lines[index + 1]
    if (
      line.trim() !== '' &&
      next !== undefined &&
      /^ {0,3}(=+|-+)[ \t]*$/.test(next) &&
      !/^ {0,3}[-*+>] /.test(line)
    ) {
      headings.push(normaliseHeading(line))
    }
  }
  return headings
}
