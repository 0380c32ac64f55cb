/**
 * The posture site's one stylesheet (`style.css`, shared by every page). Screen: a readable
 * measure, wide tables scroll in their own box, visible focus on everything that takes it.
 * Status colours are light tints of the Okabe–Ito palette behind dark text (contrast above 7:1),
 * always beside a symbol and a word. Filters: following a kind's link shows only that kind
 * (`:target` with `:has()`); without either, every kind shows. Print: no backgrounds, no
 * navigation or filters, every section shown, tables wrap, links print their address.
 */
export const POSTURE_CSS = `:root { color-scheme: light; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0 auto; max-width: 80rem; padding: 0 1.25rem 3rem; color: #1f2328; background: #fff;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  overflow-wrap: anywhere; }
a { color: #0550ae; }
a:focus-visible, [tabindex]:focus-visible { outline: 3px solid #0072B2; outline-offset: 2px; }
/* Sections and main take focus only so a skip link or filter moves the reading position there. */
main:focus, .kind-group:focus { outline: none; }
.skip-link { position: absolute; left: -10000px; top: .5rem; padding: .5rem .8rem; background: #fff;
  border: 2px solid #0072B2; z-index: 10; }
.skip-link:focus { left: .5rem; }
.visually-hidden { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
.site-header { display: flex; flex-wrap: wrap; align-items: baseline; gap: .5rem 1.5rem; padding: .8rem 0;
  border-bottom: 1px solid #d0d7de; }
.site-name { margin: 0; font-weight: 700; }
.site-header ul, .filters ul, .legend { display: flex; flex-wrap: wrap; gap: .3rem 1rem; margin: 0; padding: 0;
  list-style: none; }
h1 { font-size: 1.6rem; margin: 1.2rem 0 .6rem; }
h2 { font-size: 1.3rem; margin: 2rem 0 .6rem; padding-bottom: .2rem; border-bottom: 1px solid #d0d7de; }
h3 { font-size: 1.1rem; margin: 1.4rem 0 .4rem; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .9em; }
.totals { display: flex; flex-wrap: wrap; gap: .8rem; margin: 1rem 0; }
.totals div { border: 1px solid #d0d7de; border-radius: 6px; padding: .5rem .9rem; min-width: 9rem; }
.totals dt { font-size: .9rem; }
.totals dd { margin: 0; font-size: 1.6rem; font-weight: 700; }
.charts { display: flex; flex-wrap: wrap; gap: 1rem 2rem; }
figure { margin: .5rem 0; flex: 1 1 22rem; max-width: 42rem; }
figcaption { font-weight: 600; }
.chart { width: 100%; height: auto; font-size: 13px; fill: #1f2328; }
.chart .axis { stroke: #8c959f; stroke-width: 1; }
.chart .date { font-size: 11px; }
.filters { margin: .6rem 0 1rem; padding: .5rem .8rem; border: 1px solid #d0d7de; border-radius: 6px; }
.filters-label { margin: 0 0 .3rem; font-weight: 600; }
.filters a { display: inline-block; padding: .2rem .1rem; }
.finding-groups:has(.kind-group:target) .kind-group:not(:target) { display: none; }
.kind-group:target h3 { text-decoration: underline; }
ol.findings { padding-left: 1.4rem; }
.finding { margin: 0 0 1rem; padding: .4rem .7rem; border-left: 6px solid #6E6E6E; }
.finding.sev-high { border-left-color: #D55E00; border-left-style: double; border-left-width: 8px; }
.finding.sev-medium { border-left-color: #E69F00; }
.finding.sev-low { border-left-color: #56B4E9; border-left-style: dotted; }
.finding p { margin: .2rem 0; }
.finding-head { display: flex; flex-wrap: wrap; gap: .2rem .8rem; }
.severity, .kind { font-weight: 700; }
.finding-id { font-size: .85rem; color: #57606a; }
.observed { display: grid; grid-template-columns: max-content 1fr; gap: 0 .8rem; margin: .2rem 0; }
.observed dt { font-weight: 600; }
.observed dd { margin: 0; }
.links { margin: .2rem 0; padding-left: 1.2rem; }
.refused-link { color: #57606a; }
.table-scroll { max-width: 100%; overflow-x: auto; margin: .6rem 0 1rem; }
table { border-collapse: collapse; font-size: .88rem; }
th, td { border: 1px solid #d0d7de; padding: .3rem .5rem; vertical-align: top; text-align: left;
  overflow-wrap: break-word; }
thead th { background: #f6f8fa; }
.matrix td, .matrix thead th { white-space: nowrap; }
.matrix tbody th { min-width: 12rem; }
.num { text-align: right; }
.gap { font-weight: 700; }
tr.area th { background: #f6f8fa; }
.cell { white-space: nowrap; }
.st-pass { background: #d5f0e6; }
.st-fail { background: #f8d9c4; }
.st-supported { background: #e6f4ee; }
.st-missing { background: #fbe7bd; }
.st-waived { background: #d8ebf8; }
.st-na { background: #eeeeee; }
.st-none, .st-other { background: #fff; }
.legend li { display: flex; gap: .3rem; align-items: center; }
.legend .cell { border: 1px solid #d0d7de; padding: 0 .3rem; }
.state-badge { display: inline-block; padding: .2rem .7rem; border: 2px solid; border-radius: 4px; font-weight: 700; }
.state-passing { border-color: #009E73; }
.state-blocked { border-color: #D55E00; border-style: double; border-width: 4px; }
.state-never-gated { border-color: #E69F00; border-style: dashed; }
span.state { border: 0; }
.site-footer { margin-top: 3rem; padding-top: .6rem; border-top: 1px solid #d0d7de; font-size: .85rem; color: #57606a; }
@page { margin: 16mm 14mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  .skip-link, .site-header nav, .filters { display: none; }
  .finding-groups .kind-group { display: block !important; }
  thead th, tr.area th, .st-pass, .st-supported, .st-fail, .st-missing, .st-waived, .st-na { background: none; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  .table-scroll { overflow: visible; }
  table { width: 100%; font-size: 7pt; }
  * { outline: none !important; }
  .matrix { font-size: 6pt; }
  .matrix td, .matrix th, .matrix thead th { white-space: normal; overflow-wrap: anywhere; padding: .1rem; }
  .matrix tbody th { min-width: 6em; }
  .matrix .word { display: none; }
  thead { display: table-header-group; }
  tr, .finding, figure { break-inside: avoid; page-break-inside: avoid; }
  a { color: inherit; }
  main a[href^="http"]::after { content: " (" attr(href) ")"; font-size: .85em; }
}
`
