/**
 * Checks that rendered Markdown cannot act on a reader: no raw HTML beyond the renderer's own
 * tags (and reviewed Markdown's `<https://…>` autolinks), no comments, no unbroken @mentions, no Handlebars-looking
 * text, and tables whose rows
 * all have the header's number of cells. Fenced code is skipped (nothing in it is interpreted).
 */
import { expect } from 'vitest'

/** Lines outside fenced code blocks. */
export function linesOutsideFences(markdown: string): string[] {
  const out: string[] = []
  let fence: string | undefined
  for (const line of markdown.split('\n')) {
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1]
    if (fence !== undefined) {
      if (marker !== undefined && marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker)
        fence = undefined
      continue
    }
    if (marker !== undefined) {
      fence = marker
      continue
    }
    out.push(line)
  }
  return out
}

/** Pipes that split cells: not preceded by an odd number of backslashes. */
export function cellSeparators(line: string): number {
  let count = 0
  for (let i = 0; i < line.length; i++) {
    if (line[i] !== '|') continue
    let slashes = 0
    for (let j = i - 1; j >= 0 && line[j] === '\\'; j--) slashes++
    if (slashes % 2 === 0) count++
  }
  return count
}

export function expectInert(
  markdown: string,
  allowedTags: RegExp = /^<(br>|\/?details>|\/?summary>|\/?code>|https?:\/\/)/
): void {
  const lines = linesOutsideFences(markdown)
  const text = lines.join('\n')
  expect(text).not.toMatch(/<script/i)
  expect(text).not.toMatch(/<img/i)
  expect(text).not.toContain('<!--')
  expect(text).not.toContain('{{')
  // A mention is `@name` outside code (GitHub never pings in code spans) that is not broken by
  // a zero-width space and not preceded by a word character (`dana@example.com` pings nobody).
  // Backslash-escaped punctuation (`\``) is literal and cannot open a code span.
  const outsideCode = text
    .replace(/\\[!-/:-@[-`{-~]/g, ' ')
    .replace(/(`+)(?!`)[\s\S]*?(?<!`)\1(?!`)/g, ' ')
    .replace(/<code>[\s\S]*?<\/code>/g, ' ')
  expect(outsideCode).not.toMatch(/(?<![A-Za-z0-9_])@(?!&#8203;)[\p{L}\p{N}_-]/u)
  expect(text).not.toContain('\u202E')
  for (const match of text.matchAll(/</g)) {
    expect(text.slice(match.index, match.index + 12)).toMatch(allowedTags)
  }
  // Tables: every row has as many separators as its header.
  let header: number | undefined
  for (const line of lines) {
    if (!line.startsWith('|')) {
      header = undefined
      continue
    }
    const separators = cellSeparators(line)
    if (header === undefined) header = separators
    else expect(separators, line.slice(0, 200)).toBe(header)
  }
}
