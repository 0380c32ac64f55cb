/**
 * The HTML card's only stylesheet, inlined (the page loads nothing). Screen: readable measure,
 * wide tables scroll inside their own box. Print (an auditor saves the card as PDF): A4/Letter
 * margins, no backgrounds that eat toner, every cell wraps so nothing is cut at the page edge,
 * rows are not split across pages where the browser can avoid it, and each link shows its URL.
 */
export const CARD_CSS =
  `
:root { color-scheme: light; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0 auto; max-width: 72rem; padding: 1rem 1.25rem 3rem; color: #1f2328; background: #fff;
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;` +
  ` overflow-wrap: anywhere; }
h1 { font-size: 1.6rem; margin: 1.2rem 0 .6rem; }
h2 { font-size: 1.3rem; margin: 2rem 0 .6rem; padding-bottom: .2rem; border-bottom: 1px solid #d0d7de; }
h3 { font-size: 1.1rem; margin: 1.4rem 0 .4rem; }
a { color: #0550ae; }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .9em; }
pre { padding: .6rem; border: 1px solid #d0d7de; white-space: pre-wrap; }
.verdict { margin: .5rem 0 1.25rem; padding: .9rem 1.1rem; border: 3px solid; border-radius: 6px; }
.verdict p { margin: .2rem 0; }
.verdict .verdict-word { font-size: 1.5rem; font-weight: 700; letter-spacing: .02em; }
.verdict-pass { border-color: #1a7f37; background: #eefbf1; }
.verdict-pass .verdict-word { color: #116329; }
.verdict-fail { border-color: #cf222e; background: #fff0f0; border-style: double; border-width: 6px; }
.verdict-fail .verdict-word { color: #a40e26; }
.table-scroll { max-width: 100%; overflow-x: auto; margin: .6rem 0 1rem; }
table { border-collapse: collapse; font-size: .88rem; }
th, td { border: 1px solid #d0d7de; padding: .3rem .5rem; vertical-align: top; text-align: left; }
td { min-width: 4rem; max-width: 32rem; }
thead th { background: #f6f8fa; }
tr { break-inside: avoid; page-break-inside: avoid; }
@page { margin: 16mm 14mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  .verdict, .verdict-pass, .verdict-fail, thead th { background: none; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  .table-scroll { overflow: visible; }
  table { width: 100%; font-size: 8pt; }
  th, td { min-width: 4.5em; max-width: none; padding: .15rem .25rem; }
  thead { display: table-header-group; }
  a { color: inherit; }
  a[href]::after { content: " (" attr(href) ")"; font-size: .85em; }
}
`
