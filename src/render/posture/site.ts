/**
 * The posture site: every file of the static site `aims-gate posture` writes, as relative path →
 * content. Pure. (Placeholder page until the full site lands: one escaped list of findings.)
 */
import type { PostureReport } from '../../core/posture/types.js'
import { escapeHtml } from '../escape.js'

export function renderPostureSite(report: PostureReport): Map<string, string> {
  const items = report.findings.map((f) => `<li>${escapeHtml(f.model)}: ${escapeHtml(f.reason)}</li>`).join('\n')
  const index = `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>Posture</title></head>
<body><h1>Compliance posture</h1><ul>\n${items}\n</ul></body></html>\n`
  return new Map([['index.html', index]])
}
