/**
 * `aims-gate controls --crosswalk <id>`: one crosswalk as a plain-text table (control, targets,
 * where in the source, note) with its sources and, for our own reading, the caveat; or as JSON.
 * Pure: the crosswalk data comes in.
 */
import type { Crosswalk } from '../core/controls/crosswalk.js'
import { CONTROLS } from '../core/controls/catalog.js'

const title = (id: string): string => CONTROLS.find((c) => c.id === id)?.title ?? ''
const clip = (text: string, width: number): string => (text.length > width ? `${text.slice(0, width - 1)}…` : text)

export function renderCrosswalkTable(crosswalk: Crosswalk): string {
  const lines = [`Annex A of ISO/IEC 42001:2023 → ${crosswalk.framework}`, '']
  lines.push(
    crosswalk.interpretation
      ? "This mapping is aims-gate's interpretation: no official crosswalk exists. It is not legal advice."
      : 'From the published crosswalk named below. An empty entry means none was found, not "unrelated".',
    ''
  )
  const targets = (e: Crosswalk['entries'][number]): string => (e.targets.length === 0 ? '—' : e.targets.join(', '))
  const width = Math.max(...crosswalk.entries.map((e) => targets(e).length), 'MAPS TO'.length)
  lines.push(`${'CONTROL'.padEnd(8)}  ${'TITLE'.padEnd(40)}  ${'MAPS TO'.padEnd(width)}  NOTE`)
  for (const e of crosswalk.entries) {
    const note = e.note ?? e.locator ?? ''
    lines.push(`${e.control.padEnd(8)}  ${clip(title(e.control), 40).padEnd(40)}  ${targets(e).padEnd(width)}  ${note}`)
  }
  const sources = [...new Map(crosswalk.entries.map((e) => [e.source.url, e.source])).values()]
  lines.push('', 'Sources:')
  for (const s of sources) lines.push(`  ${s.title} (${s.publisher}): ${s.url}`)
  const mapped = crosswalk.entries.filter((e) => e.targets.length > 0).length
  lines.push('', `${mapped} of ${crosswalk.entries.length} controls mapped.`)
  return `${lines.join('\n')}\n`
}

export function crosswalkJson(crosswalk: Crosswalk): unknown {
  return {
    crosswalk: crosswalk.id,
    framework: crosswalk.framework,
    interpretation: crosswalk.interpretation,
    note: crosswalk.comment,
    entries: crosswalk.entries.map((e) => ({ ...e, title: title(e.control) }))
  }
}
