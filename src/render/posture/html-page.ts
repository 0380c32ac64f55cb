/**
 * The frame every page of the posture site shares: a skip link, the site's name and navigation,
 * one `<main>`, and a footer naming what the page was built from. Links are relative (`root` is
 * `''` on the index and `'../'` on a model page), so the site works from `file://`, from any
 * folder of a web server and from GitHub Pages' project sub-path. A Content-Security-Policy
 * allows the site's own stylesheet and nothing else: no script runs, nothing is fetched, even if
 * a renderer mistake let registry text through.
 */
import type { PostureReport } from '../../core/posture/types.js'
import { escapeHtml } from '../escape.js'

const CSP = "default-src 'none'; style-src 'self'; img-src 'none'; form-action 'none'; base-uri 'none'"

export interface PageInput {
  /** Already-escaped title text. */
  title: string
  /** `''` or `'../'`: the way back to the site's root from this page. */
  root: string
  body: string
}

function footer(report: PostureReport, root: string): string {
  const policy =
    report.policy === undefined
      ? 'No policy given: verdicts are shown as the gate recorded them.'
      : `Policy in force: ${escapeHtml(report.policy.name)} (SHA-256 <code>${escapeHtml(report.policy.sha256)}</code>` +
        `${report.policy.profile === undefined ? '' : `, profile ${escapeHtml(report.policy.profile)}`}).`
  return [
    '<footer class="site-footer">',
    `<p>Built by aims-gate ${escapeHtml(report.toolVersion)} at <time datetime="${escapeHtml(report.generatedAt)}">` +
      `${escapeHtml(report.generatedAt)}</time> from <code>${escapeHtml(report.trackingUri)}</code>, ` +
      `${report.requests.count} MLflow requests. ${policy}</p>`,
    `<p><a href="${root}posture.json">posture.json</a> holds the same facts as data.</p>`,
    '</footer>'
  ].join('\n')
}

export function renderPage(report: PostureReport, page: PageInput): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<title>${page.title}</title>`,
    `<link rel="stylesheet" href="${page.root}style.css">`,
    '</head>',
    '<body>',
    '<a class="skip-link" href="#main">Skip to the content</a>',
    '<header class="site-header">',
    `<p class="site-name"><a href="${page.root}index.html">Compliance posture</a></p>`,
    '<nav aria-label="Site">',
    '<ul>',
    `<li><a href="${page.root}index.html#totals">Totals</a></li>`,
    `<li><a href="${page.root}index.html#matrix">Controls matrix</a></li>`,
    `<li><a href="${page.root}index.html#soa">Statement of Applicability</a></li>`,
    `<li><a href="${page.root}index.html#findings">Findings</a></li>`,
    '</ul>',
    '</nav>',
    '</header>',
    '<main id="main" tabindex="-1">',
    page.body,
    '</main>',
    footer(report, page.root),
    '</body>',
    '</html>',
    ''
  ].join('\n')
}
