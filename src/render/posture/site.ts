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

export function renderPostureSite(report: PostureReport): Map<string, string> {
  const files = modelFileNames(report.models.map((m) => m.name))
  // Every name asked for comes from report.models, whose names are all in `files`.
  const fileOf = (name: string): string => files.get(name) ?? ''
  // A finding may name a model the report does not list: it is then shown without a link.
  const linkFrom = (folder: string) => (name: string) => (files.has(name) ? `${folder}${fileOf(name)}` : undefined)
  const site = new Map<string, string>([
    ['index.html', renderIndexPage(report, (name) => `models/${fileOf(name)}`, linkFrom('models/'))],
    ['style.css', POSTURE_CSS]
  ])
  for (const model of report.models)
    site.set(`models/${fileOf(model.name)}`, renderModelPage(report, model, linkFrom('')))
  return site
}
