/**
 * Model page file names: a registry name is attacker-chosen, so it must never become a path
 * (`/`, `\`, `..`, NUL), never collide with another model's page (names differing in case,
 * accents or only in characters the slug drops), and stay the same from run to run.
 */
import { describe, expect, it } from 'vitest'
import { modelFileNames } from '../../../../src/render/posture/file-names.js'

const SAFE = /^[a-z0-9-]+\.html$/

describe('modelFileNames', () => {
  const hostile = [
    '../../etc/passwd',
    '..',
    '.',
    '/',
    'a/b',
    'a\\b',
    'nul\u0000byte',
    '<script>alert(1)</script>',
    '"quoted" \'single\'',
    'CON',
    'Credit-Risk',
    'credit-risk',
    'credit_risk',
    'crédit-risk',
    'モデル',
    '模型',
    '\u202Egnp.exe',
    '',
    'x'.repeat(500)
  ]

  it('gives every name a safe, flat file name of letters, digits and hyphens', () => {
    const files = modelFileNames(hostile)
    expect(files.size).toBe(hostile.length)
    for (const file of files.values()) {
      expect(file).toMatch(SAFE)
      expect(file.length).toBeLessThanOrEqual(70)
    }
  })

  it('never gives two names the same file, including names equal up to case, accents or script', () => {
    const files = [...modelFileNames(hostile).values()]
    expect(new Set(files).size).toBe(files.length)
    // A case-insensitive file system (macOS, Windows) must not merge two pages either.
    expect(new Set(files.map((f) => f.toLowerCase())).size).toBe(files.length)
  })

  it('keeps the readable part of ordinary names and does not depend on the order given', () => {
    const a = modelFileNames(['credit-risk', 'fraud-detector'])
    const b = modelFileNames(['fraud-detector', 'credit-risk'])
    expect(a.get('credit-risk')).toMatch(/^credit-risk-[0-9a-f]{8}\.html$/)
    expect([...a.entries()].sort()).toEqual([...b.entries()].sort())
  })

  it('names a nameless or all-symbol model "model-<digest>"', () => {
    const files = modelFileNames(['', '../..', 'モデル'])
    for (const file of files.values()) expect(file).toMatch(/^model-[0-9a-f]{8}\.html$/)
  })
})
