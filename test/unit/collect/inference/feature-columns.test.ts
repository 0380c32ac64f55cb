/**
 * Which columns feed a one-matrix model: the signature's names win, then evaluation.features,
 * then the file minus the label, weight, sensitive and ignored columns; mismatches name them all.
 */
import { describe, expect, it } from 'vitest'
import { planInputs, type PlanRequest } from '../../../../src/collect/inference/signature-inputs.js'
import { parsePolicy } from '../../../../src/core/policy/parse-policy.js'

const matrix = (width: number | string) => [{ name: 'X', isTensor: true, type: 'float32', shape: ['N', width] }]
const dataColumns = ['f0', 'f1', 'f2', 'sex', 'weight', 'y', 'row_id']
const base: PlanRequest = {
  inputs: matrix(3),
  signature: { kind: 'tensor', dtype: 'float32', shape: [-1, 3] },
  dataColumns,
  notFeatures: ['y', 'weight', 'sex'],
  ignore: ['row_id'],
  file: 'eval.csv'
}
const fed = (request: PlanRequest): string[] => planInputs(request).columns.map((c) => c.name)

describe('feature columns of a one-matrix model', () => {
  it('leaves out the label, the weight, the sensitive and the ignored columns', () => {
    expect(fed(base)).toEqual(['f0', 'f1', 'f2'])
  })

  it('feeds a sensitive column when evaluation.features lists it, in that order', () => {
    expect(fed({ ...base, features: ['sex', 'f2', 'f0'], inputs: matrix('k') })).toEqual(['sex', 'f2', 'f0'])
  })

  it('lets a column signature win over evaluation.features', () => {
    const signature = {
      kind: 'columns',
      columns: ['f2', 'f1', 'f0'].map((name) => ({ name, type: 'double' }))
    } as const
    expect(fed({ ...base, signature, features: ['f0', 'f1', 'f2'] })).toEqual(['f2', 'f1', 'f0'])
  })

  it('names every column when the width disagrees, nothing hidden behind an ellipsis', () => {
    const many = Array.from({ length: 9 }, (_, i) => `f${i}`)
    const request = { ...base, inputs: matrix(8), dataColumns: [...many, 'sex', 'y'], notFeatures: ['y'], ignore: [] }
    expect(() => planInputs(request)).toThrow(
      "takes 8 features but the data has 10 (2 too many): 'f0', 'f1', 'f2', 'f3', " +
        "'f4', 'f5', 'f6', 'f7', 'f8', 'sex'; not fed: 'y'"
    )
  })

  it('names every missing column of evaluation.features at once', () => {
    expect(() => planInputs({ ...base, features: ['f0', 'age', 'income'] })).toThrow(
      /columns 'age', 'income' listed by evaluation\.features are missing/
    )
  })

  it('names every missing input of a one-input-per-column model at once', () => {
    const inputs = ['f0', 'a', 'b'].map((name) => ({ name, isTensor: true, type: 'float32', shape: ['N', 1] }))
    expect(() => planInputs({ ...base, inputs })).toThrow(/columns 'a', 'b' are missing/)
  })
})

describe('evaluation.features and evaluation.ignore in the policy', () => {
  const policy = (evaluation: string): unknown =>
    parsePolicy(
      `version: 1\nevaluation:\n  label: y\n  task: ` +
        `binary\n${evaluation}\nprofiles:\n  default:\n    requirements: []\n`,
      'p.yml'
    )

  it('refuses both at once, an empty list and a column listed twice', () => {
    expect(() => policy('  features: [a]\n  ignore: [b]')).toThrow(/features and ignore both/)
    expect(() => policy('  features: []')).toThrow(/list at least one column/)
    expect(() => policy('  ignore: [a, a]')).toThrow(/lists a twice/)
  })
})
