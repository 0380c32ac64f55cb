/**
 * The posture site: every file of the static site `aims-gate posture` writes, as relative path →
 * content (`index.html`, `style.css`, `models/<file>.html`; `posture.json` is written beside them
 * by the command). Pure: the same report always gives the same bytes. Model page names come from
 * file-names.ts, so no registry text ever becomes a path.
 */
import type { PostureReport } from '../../core/posture/types.js'
import { modelFileNames } from './file-names.js'
import { renderIndexPage } from './index-page.js'
import { renderModelPage } from './model-page.js'
import { POSTURE_CSS } from './posture-css.js'

/**
 * The site's files one at a time, each rendered only when asked for: a writer that writes each
 * file before taking the next holds one model page in memory, not a thousand.
 */
export function* postureSiteFiles(report: PostureReport): Generator<[path: string, content: string]> {
  const files = modelFileNames(report.models.map((m) => m.name))
  // Every name asked for comes from report.models, whose names are all in `files`.
  const fileOf = (name: string): string => files.get(name) ?? ''
  // A finding may name a model the report does not list: it is then shown without a link.
  const linkFrom = (folder: string) => (name: string) => (files.has(name) ? `${folder}${fileOf(name)}` : undefined)
  yield ['index.html', renderIndexPage(report, (name) => `models/${fileOf(name)}`, linkFrom('models/'))]
  yield ['style.css', POSTURE_CSS]
  for (const model of report.models)
    yield [`models/${fileOf(model.name)}`, renderModelPage(report, model, linkFrom(''))]
}

export function renderPostureSite(report: PostureReport): Map<string, string> {
  return new Map(postureSiteFiles(report))
}
