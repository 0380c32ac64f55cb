import { describe, expect, it } from 'vitest'
import {
  hasControls,
  replaceControls,
  showControls,
  showControlsInline,
  terminalJson
} from '../../../../src/core/text/control-chars.js'
import {
  BACKSPACE,
  C1_CSI,
  ESC_CSI,
  expectNoRawControls,
  HOSTILE_TEXT,
  LRI,
  NUL,
  OSC8_LINK,
  OVERWRITE,
  RLO,
  ZERO_WIDTH
} from '../../../support/raw-controls.js'

describe('showControls', () => {
  it('shows C0 controls as control pictures and the rest as [U+XXXX]', () => {
    expect(showControls(ESC_CSI)).toBe('␛[31mRED␛[0m')
    expect(showControls(OSC8_LINK)).toBe('␛]8;;http://evil.example/␛\\click␛]8;;␛\\')
    expect(showControls(C1_CSI)).toBe('[U+009B]2J')
    expect(showControls(NUL)).toBe('nul␀cut')
    expect(showControls(RLO)).toBe('txt.[U+202E]exe')
    expect(showControls(LRI)).toBe('a[U+2066]b[U+2069]c')
    expect(showControls(OVERWRITE)).toBe('fake line␍RELEASE ALLOWED')
    expect(showControls(BACKSPACE)).toBe('passed␈␈␈␈␈␈failed')
    expect(showControls(ZERO_WIDTH)).toBe('ad[U+200B]min[U+FEFF][U+E0041]')
    expect(showControls('del\u007f, ls\u2028, lone \ud800')).toBe('del␡, ls[U+2028], lone [U+D800]')
  })

  it('keeps tab and newline, turns CRLF into a newline, and leaves ordinary text alone', () => {
    expect(showControls('a\tb\r\nc\nd')).toBe('a\tb\nc\nd')
    const plain = 'credit-risk ≥ 0.80 · naïve 中文 😀 👍🏽 é'
    expect(showControls(plain)).toBe(plain)
  })

  it('is idempotent and leaves nothing raw', () => {
    const once = showControls(HOSTILE_TEXT)
    expect(showControls(once)).toBe(once)
    expectNoRawControls(once)
    expect(hasControls(once)).toBe(false)
    expect(hasControls(HOSTILE_TEXT)).toBe(true)
  })

  it('the inline form also shows newline and tab, so text cannot start a line of its own', () => {
    expect(showControlsInline('id\nRELEASE ALLOWED\tx')).toBe('id␊RELEASE ALLOWED␉x')
    expect(showControlsInline('a\r\nb')).toBe('a␊b')
  })
})

describe('terminalJson', () => {
  it('escapes what JSON.stringify leaves raw, and parses back to the same value', () => {
    const value = { text: HOSTILE_TEXT, [RLO]: [C1_CSI, ZERO_WIDTH], n: 1 }
    const json = terminalJson(value)
    expectNoRawControls(json)
    expect(json).toContain('\\u202e')
    expect(JSON.parse(json)).toEqual(value)
    expect(json.split('\n')).toHaveLength(JSON.stringify(value, null, 2).split('\n').length)
  })
  it('replaceControls hands each character to the format escape', () => {
    expect(replaceControls('a\u202Eb\nc\td', (c) => `<${c.charCodeAt(0)}>`)).toBe('a<8238>b\nc\td')
  })
})
