/**
 * Characters that make text act on its reader instead of being read: terminal control
 * (ESC starts ANSI CSI colour / cursor sequences and OSC-8 hyperlinks, CR and backspace overwrite
 * what was printed, NUL truncates), C1 controls (8-bit CSI/OSC), bidirectional overrides and
 * isolates that show text in another order than it is ("Trojan Source"), and invisible format
 * characters that hide text (zero-width characters, tag characters, soft hyphen, BOM).
 *
 * Policy strings, MLflow text and server messages are untrusted: every output edge (terminal,
 * job summary, PR comment, annotation, card) passes them through `showControls` (or the one-line
 * `showControlsInline`). Nothing is removed silently — a reader should see that someone tried —
 * so each such character is replaced by a visible, inert stand-in:
 *
 * - C0 controls and DEL become their Unicode "control pictures": ESC → ␛, NUL → ␀, CR → ␍,
 *   backspace → ␈, DEL → ␡ (so `ESC[31m` reads `␛[31m` and does nothing);
 * - everything else (C1 controls, bidi controls, format characters, line/paragraph separators,
 *   invisible fillers) becomes `[U+XXXX]`, e.g. U+202E → `[U+202E]`.
 *
 * Tab and newline stay (a CRLF line ending becomes a newline, a lone CR does not). The output
 * contains none of the characters it replaces, so applying it twice changes nothing.
 */

// Cc = C0, DEL and C1; Cf = format (bidi U+202A–202E/2066–2069, LRM/RLM/ALM, zero-width U+200B–200F,
// U+2060–2064, BOM U+FEFF, soft hyphen U+00AD, tags U+E0000–E007F, interlinear annotations…);
// Zl/Zp = U+2028/U+2029 (line breaks to some terminals and editors, invisible to others); the
// Hangul fillers and the variation selectors supplement render as nothing and are used to hide text.
// biome-ignore lint/suspicious/noMisleadingCharacterClass: lone surrogates are matched on purpose
const HIDDEN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\u115F\u1160\u3164\uFFA0\u{E0100}-\u{E01EF}]|[\uD800-\uDFFF]/gu
// biome-ignore lint/suspicious/noMisleadingCharacterClass: lone surrogates are matched on purpose
const HIDDEN_TEST = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\u115F\u1160\u3164\uFFA0\u{E0100}-\u{E01EF}]|[\uD800-\uDFFF]/u

function visible(char: string, keepLines: boolean): string {
  if (keepLines && (char === '\n' || char === '\t')) return char
  const code = char.codePointAt(0) ?? 0
  if (code < 0x20) return String.fromCodePoint(0x2400 + code)
  if (code === 0x7f) return '\u2421'
  return `[U+${code.toString(16).toUpperCase().padStart(4, '0')}]`
}

/** Untrusted multi-line text made inert for any output: tab and newline kept, the rest visible. */
export function showControls(text: string): string {
  const normalised = text.replace(/\r\n/g, '\n')
  return HIDDEN_TEST.test(normalised) ? normalised.replace(HIDDEN, (c) => visible(c, true)) : normalised
}

/**
 * Untrusted text for a place that must stay one line (a table cell, an id, an annotation title):
 * as `showControls`, and newlines and tabs are shown too (␊, ␉), so the text cannot start a line
 * of its own that looks like the tool's output (a forged "RELEASE ALLOWED", a `::` command).
 */
export function showControlsInline(text: string): string {
  const normalised = text.replace(/\r\n/g, '\n')
  return HIDDEN_TEST.test(normalised) ? normalised.replace(HIDDEN, (c) => visible(c, false)) : normalised
}

/** True when `text` holds a character `showControls` would replace (tab and newline excepted). */
export function hasControls(text: string): boolean {
  return HIDDEN_TEST.test(text.replace(/[\n\t]/g, ''))
}

/**
 * Replaces each character `showControls` would replace (tab and newline excepted) by what
 * `escapeChar` returns for it: for formats with their own escapes (JSON, YAML double quotes), which
 * keep the value exact where `showControls` keeps it readable.
 */
export function replaceControls(text: string, escapeChar: (char: string) => string): string {
  return text.replace(HIDDEN, (c) => (c === '\n' || c === '\t' ? c : escapeChar(c)))
}

/**
 * JSON for a terminal: `JSON.stringify` escapes C0 but leaves C1, bidi and format characters raw.
 * Here they are written as `\uXXXX` escapes, so the printed JSON is inert and still parses to the
 * very same value (no information is lost, unlike `showControls`).
 */
export function terminalJson(value: unknown, indent = 2): string {
  const json = JSON.stringify(value, null, indent) ?? 'null'
  // Raw newlines are the indentation (inside strings JSON.stringify has escaped them already).
  return replaceControls(json, (c) => {
    const units: string[] = []
    for (let i = 0; i < c.length; i++) units.push(`\\u${c.charCodeAt(i).toString(16).padStart(4, '0')}`)
    return units.join('')
  })
}
