/**
 * Charts as inline SVG, drawn at build time: nothing to load and no script to run. Each chart is
 * an image with a text title for screen readers, writes every value beside its bar or point (the
 * colour is never the only signal), and the page shows the same numbers in a table or list next
 * to it for anyone who cannot read the picture.
 */
import { escapeHtml } from '../escape.js'
import { PALETTE } from './labels.js'

export interface Bar {
  label: string
  value: number
  colour: string
}

const WIDTH = 640
const LABEL_WIDTH = 230
const ROW = 28

/** A horizontal bar chart; `id` makes its title element unique on the page. */
export function barChart(id: string, title: string, bars: readonly Bar[]): string {
  const max = Math.max(1, ...bars.map((b) => b.value))
  const room = WIDTH - LABEL_WIDTH - 60
  const height = bars.length * ROW + 8
  const rows = bars.map((bar, index) => {
    const y = index * ROW + 4
    const length = bar.value === 0 ? 0 : Math.max(2, Math.round((bar.value / max) * room))
    return [
      `<text x="${LABEL_WIDTH - 8}" y="${y + 17}" text-anchor="end">${escapeHtml(bar.label)}</text>`,
      `<rect x="${LABEL_WIDTH}" y="${y + 3}" width="${length}" height="${ROW - 8}" fill="${bar.colour}"></rect>`,
      `<text x="${LABEL_WIDTH + length + 6}" y="${y + 17}">${bar.value}</text>`
    ].join('')
  })
  const summary = bars.map((b) => `${b.label}: ${b.value}`).join(', ')
  return [
    `<svg class="chart" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-labelledby="${id}-title">`,
    `<title id="${id}-title">${escapeHtml(`${title}. ${summary}`)}</title>`,
    ...rows,
    '</svg>'
  ].join('\n')
}

export interface TimelinePoint {
  version: string
  verdict: 'pass' | 'fail'
  checkedAt: string
}

const STEP = 72

/**
 * A model's verdicts over time, oldest on the left: passes on the upper line as circles, blocks
 * on the lower line as squares, each with its version and verdict in words and its date below.
 */
export function timelineChart(id: string, points: readonly TimelinePoint[]): string {
  const width = Math.max(WIDTH, points.length * STEP + 120)
  const marks = points.map((point, index) => {
    const x = 100 + index * STEP
    const pass = point.verdict === 'pass'
    const y = pass ? 30 : 80
    const shape = pass
      ? `<circle cx="${x}" cy="${y}" r="8" fill="${PALETTE.green}"></circle>`
      : `<rect x="${x - 8}" y="${y - 8}" width="16" height="16" fill="${PALETTE.vermillion}"></rect>`
    const word = pass ? 'pass' : 'blocked'
    return [
      shape,
      `<text x="${x}" y="${y + 24}" text-anchor="middle">v${escapeHtml(point.version)} ${word}</text>`,
      `<text x="${x}" y="128" text-anchor="middle" class="date">${escapeHtml(point.checkedAt.slice(0, 10))}</text>`
    ].join('')
  })
  const summary =
    points.length === 0
      ? 'no gate runs recorded'
      : points.map((p) => `version ${p.version} ${p.verdict === 'pass' ? 'passed' : 'blocked'} on ${p.checkedAt}`)
  return [
    `<svg class="chart timeline" viewBox="0 0 ${width} 140" role="img" aria-labelledby="${id}-title">`,
    `<title id="${id}-title">${escapeHtml(`Verdicts over time: ${[summary].flat().join('; ')}`)}</title>`,
    '<text x="0" y="35">pass</text><text x="0" y="85">blocked</text>',
    `<line x1="70" y1="30" x2="${width - 10}" y2="30" class="axis"></line>`,
    `<line x1="70" y1="80" x2="${width - 10}" y2="80" class="axis"></line>`,
    ...marks,
    '</svg>'
  ].join('\n')
}
