/**
 * Hostile strings for output-edge tests and the assertion that none of their characters reached
 * the output raw. The character classes are written out here from Unicode's categories, not
 * imported from the code under test.
 */
import { expect } from 'vitest'

export const ESC_CSI = '\u001b[31mRED\u001b[0m'
export const OSC8_LINK = '\u001b]8;;http://evil.example/\u001b\\click\u001b]8;;\u001b\\'
export const C1_CSI = '\u009b2J'
export const NUL = 'nul\u0000cut'
export const RLO = 'txt.\u202Eexe'
export const LRI = 'a\u2066b\u2069c'
export const OVERWRITE = 'fake line\rRELEASE ALLOWED'
export const BACKSPACE = 'passed\b\b\b\b\b\bfailed'
export const ZERO_WIDTH = 'ad\u200Bmin\uFEFF\u{E0041}'

/** Every hostile piece in one string (newlines between, which multi-line edges keep). */
export const HOSTILE_TEXT = [ESC_CSI, OSC8_LINK, C1_CSI, NUL, RLO, LRI, OVERWRITE, BACKSPACE, ZERO_WIDTH].join(' ')

// C0 except tab/newline, DEL, C1, bidi embeddings/overrides/isolates/marks, zero-width, BOM, tags.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const RAW = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]|\u{E0041}/u

/** Fails naming the first raw control, bidi or invisible character and where it is. */
export function expectNoRawControls(text: string, where = 'output'): void {
  const match = RAW.exec(text)
  const at =
    match === null
      ? ''
      : `U+${(match[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')} in ${where} near ` +
        `${JSON.stringify(text.slice(Math.max(0, match.index - 30), match.index + 30))}`
  expect(at).toBe('')
}
