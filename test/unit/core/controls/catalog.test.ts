import { describe, expect, it } from 'vitest'
import { CONTROLS, closestControlId, findControl, isControlId } from '../../../../src/core/controls/catalog.js'
import { closestMatch, editDistance } from '../../../../src/core/text/closest-match.js'

describe('Annex A catalog', () => {
  it('has the 38 controls, unique, in nine areas', () => {
    expect(CONTROLS).toHaveLength(38)
    expect(new Set(CONTROLS.map((c) => c.id)).size).toBe(38)
    expect(new Set(CONTROLS.map((c) => c.area)).size).toBe(9)
    const perArea = Object.fromEntries(
      [...new Set(CONTROLS.map((c) => c.area.split(' ')[0]))].map((a) => [
        a,
        CONTROLS.filter((c) => c.id.startsWith(`${a}.`)).length
      ])
    )
    expect(perArea).toEqual({
      'A.2': 3,
      'A.3': 2,
      'A.4': 5,
      'A.5': 4,
      'A.6': 9,
      'A.7': 5,
      'A.8': 4,
      'A.9': 3,
      'A.10': 3
    })
  })
  it('starts and ends where Annex A does, with no objective ids', () => {
    expect(CONTROLS[0]?.id).toBe('A.2.2')
    expect(CONTROLS.at(-1)?.id).toBe('A.10.4')
    for (const objective of ['A.2.1', 'A.6.1.1', 'A.6.2.1', 'A.10.1']) expect(isControlId(objective)).toBe(false)
  })
  it('gives every control a title and a one-line description', () => {
    for (const control of CONTROLS) {
      expect(control.title.length).toBeGreaterThan(3)
      expect(control.description).toMatch(/^[A-Z].*\.$/)
      expect(control.description).not.toContain('\n')
    }
    expect(findControl('A.7.5')?.title).toBe('Data provenance')
  })
  it('suggests the nearest real id', () => {
    expect(closestControlId('A.6.2.9')).toBe('A.6.2.8')
    expect(closestControlId('6.2.4')).toBe('A.6.2.4')
    expect(closestControlId('a.7.5')).toBe('A.7.5')
    expect(closestControlId('A.11.2')).toMatch(/^A\.1[01]?\.2$/)
  })
})

describe('closest match', () => {
  it('counts a swap of neighbours as one edit', () => {
    expect(editDistance('acu', 'auc')).toBe(1)
    expect(editDistance('kitten', 'sitting')).toBe(3)
  })
  it('suggests only plausible typos and abbreviations', () => {
    expect(closestMatch('extend', ['extends', 'requirements'])).toBe('extends')
    expect(closestMatch('prod', ['pull-request', 'production'])).toBe('production')
    expect(closestMatch('zzzzzz', ['extends', 'requirements'])).toBeUndefined()
  })
})
