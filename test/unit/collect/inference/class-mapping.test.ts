/**
 * True labels (a batch's text codes) → the model's class indices. A label that is no class of the
 * model must stop the recompute with the label in the message: scoring it as some other class
 * would compute the metrics on labels nobody wrote.
 */
import { describe, expect, it } from 'vitest'
import { ClassMapping } from '../../../../src/collect/inference/class-mapping.js'

describe('class mapping of true labels', () => {
  const mapping = new ClassMapping({ kind: 'int64', values: [0, 1] }, 'label')

  it('maps each distinct text once: "1", "1.0" and " 1" are class 1', () => {
    const labels = { codes: new Int32Array([0, 1, 2, 3, 0, 3]), values: ['1', '0', '1.0', ' 1'] }
    expect(Array.from(mapping.trueIndices(labels, 6))).toEqual([1, 0, 1, 1, 1, 1])
  })

  it.each([['yes'], [''], ['2'], ['NaN']])('refuses a label %j that is no class of the model', (label) => {
    const labels = { codes: new Int32Array([0, 1]), values: ['1', label] }
    expect(() => mapping.trueIndices(labels, 2)).toThrow(
      new RegExp(`label column 'label' holds '${label}', which is not one of the model's classes \\(0, 1\\)`)
    )
  })

  it('matches text classes exactly', () => {
    const text = new ClassMapping({ kind: 'string', values: ['<=50K', '>50K'] }, 'income')
    expect(Array.from(text.trueIndices({ codes: new Int32Array([1, 0]), values: ['<=50K', '>50K'] }, 2))).toEqual([
      1, 0
    ])
    expect(() => text.trueIndices({ codes: new Int32Array([0]), values: ['>50k'] }, 1)).toThrow(/holds '>50k'/)
  })
})
