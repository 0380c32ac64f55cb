/**
 * The policy-governance part of the job summary and the PR comment (pure): which version of the
 * policy governed the verdict, and what the pull request changes in it. Weakening changes go at
 * the very top, before the verdict, so nobody reads "may be released" without seeing that the
 * rules were loosened on the way. Everything taken from the policy text is escaped.
 */
import type { Report } from './report-schema.js'
import { escapeMarkdownInline, truncateText } from './escape.js'

type PolicySection = Pick<Report['policy'], 'governing' | 'change'>
type Entry = Extract<NonNullable<Report['policy']['change']>, { status: 'compared' }>['entries'][number]

/** Entries listed per kind; the rest are counted and left to the JSON report. */
const MAX_LISTED = 40

const line = (entry: Entry): string => {
  const profiles =
    entry.profiles !== undefined && entry.profiles.length > 0
      ? ` _(profiles ${entry.profiles.map((p) => escapeMarkdownInline(truncateText(p, 80))).join(', ')})_`
      : ''
  return `- ${escapeMarkdownInline(truncateText(entry.message, 400))}${profiles}`
}

function list(entries: Entry[], prefix = ''): string {
  const shown = entries.slice(0, MAX_LISTED).map((entry) => `${prefix}${line(entry)}`)
  if (entries.length > MAX_LISTED)
    shown.push(`${prefix}- … and ${entries.length - MAX_LISTED} more in the JSON report (policy.change).`)
  return shown.join('\n')
}

function governingSentence(section: PolicySection): string {
  const governing = section.governing
  return governing === undefined
    ? ''
    : `Policy: evaluated as in ${escapeMarkdownInline(governing.description)}, sha256 ` +
        `\`${governing.sha256.slice(0, 12)}\`.`
}

/** The warning shown above the verdict when the head weakens the policy; '' otherwise. */
export function policyWarningMarkdown(section: PolicySection): string {
  const change = section.change
  if (change === undefined || change.status !== 'compared' || change.weakened === 0) return ''
  const governing = section.governing
  const governedByHead = governing?.source === 'working-tree'
  const verdictNote = governedByHead
    ? 'The verdict below was computed with these weaker rules (`policy-ref: head`).'
    : `The verdict below ignores them: it was computed ` +
      `with ${escapeMarkdownInline(governing?.description ?? 'the base policy')}.`
  const weakened = change.entries.filter((e) => e.effect === 'weakened')
  return [
    `> [!WARNING]`,
    `> **The policy is weakened by this change** (${change.weakened} weakening ` +
      `change${change.weakened === 1 ? '' : 's'} ` +
      `in ${escapeMarkdownInline(change.head.file)} against commit ` +
      `\`${change.base.commit.slice(0, 12)}\`). ${verdictNote}`,
    `>`,
    list(weakened, '> ')
  ].join('\n')
}

/** The governing version and the non-weakening changes, shown under the verdict. */
export function policyDetailsMarkdown(section: PolicySection): string {
  const parts = [governingSentence(section)].filter((p) => p !== '')
  const change = section.change
  if (change?.status === 'unavailable')
    parts.push(`Policy change not compared: ${escapeMarkdownInline(change.reason)}.`)
  if (change?.status === 'compared') {
    const other = change.entries.filter((e) => e.effect !== 'weakened')
    if (change.entries.length === 0)
      parts.push(
        `The policy is the same as at commit \`${change.base.commit.slice(0, 12)}\` (no requirement-level change).`
      )
    if (other.length > 0) {
      parts.push(
        `<details>\n<summary>Other policy changes against ` +
          `commit ${change.base.commit.slice(0, 12)}: ${change.strengthened} ` +
          `strengthened, ${change.changed} not ` +
          `ranked</summary>\n\n${list(other)}\n\n</details>`
      )
    }
  }
  return parts.join('\n\n')
}

/** Control characters (a terminal escape written into the policy) shown as `?`. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const plain = (text: string): string => text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?')

/** The same for a terminal: plain lines, no Markdown. */
export function policyChangeLines(section: PolicySection): string[] {
  const out: string[] = []
  if (section.governing !== undefined) out.push(`Policy: evaluated as in ${section.governing.description}`)
  const change = section.change
  if (change?.status === 'unavailable') out.push(`Policy change not compared: ${change.reason}`)
  if (change?.status === 'compared') {
    if (change.entries.length === 0) out.push(`Policy change against ${change.base.commit.slice(0, 12)}: none`)
    else {
      out.push(
        `Policy change (${change.head.file} ` +
          `against ${change.base.commit.slice(0, 12)}): ${change.weakened} ` +
          `weakened, ${change.strengthened} strengthened, ${change.changed} not ranked`
      )
      const tag = { weakened: '[WEAKENED]', strengthened: '[STRONGER]', changed: '[CHANGED]' } as const
      for (const entry of change.entries)
        out.push(
          `  ${tag[entry.effect]} ${entry.message}${entry.profiles ? ` (profiles ${entry.profiles.join(', ')})` : ''}`
        )
    }
  }
  return out.map(plain)
}
