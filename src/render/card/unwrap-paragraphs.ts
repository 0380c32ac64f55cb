/**
 * Joins the soft-wrapped lines of Markdown paragraphs and list items into one line each.
 * Markdown renders a soft line break as a space, so the rendered card is the same while its
 * source gets far shorter (a card source wrapped at 100 columns doubles a card's line count).
 * Lines that start a block (headings, lists, quotes, tables, fences, rules, setext underlines),
 * lines inside fenced code, and hard breaks (two trailing spaces or a backslash) are kept.
 */
const FENCE = /^ {0,3}(`{3,}|~{3,})/
const STARTS_BLOCK = /^ {0,3}(#{1,6}(\s|$)|[-+*]\s|\d{1,9}[.)]\s|>|\||`{3,}|~{3,}|<|(?:[-*_]\s*){3,}$|=+\s*$|-+\s*$)/
const ENDS_BLOCK = /^ {0,3}(#{1,6}(\s|$)|\||(?:[-*_]\s*){3,}$|=+\s*$|<)/

export function unwrapParagraphs(text: string): string {
  const out: string[] = []
  let fence: string | null = null
  let joinable = false
  for (const line of text.split('\n')) {
    const opener = FENCE.exec(line)?.[1]
    if (fence !== null) {
      out.push(line)
      if (opener !== undefined && opener[0] === fence[0] && opener.length >= fence.length) fence = null
      continue
    }
    if (opener !== undefined) {
      fence = opener
      out.push(line)
      joinable = false
      continue
    }
    const blank = line.trim() === ''
    if (joinable && !blank && !STARTS_BLOCK.test(line)) {
      out[out.length - 1] = `${out[out.length - 1] as string} ${line.trim()}`
    } else {
      out.push(line)
    }
    const last = out[out.length - 1] as string
    joinable = !blank && !ENDS_BLOCK.test(last) && !/( {2,}|\\)$/.test(last) && !/^( {4,}|\t)/.test(last)
  }
  return out.join('\n')
}
