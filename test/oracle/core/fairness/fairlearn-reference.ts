/**
 * fairlearn run by test/python/fairlearn_reference.py during the test (reference numbers are
 * never pasted), on the data of test/support/fairness-data.ts.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ADULT_CSV, tempDir } from '../../../support/fairness-data.js'
import { pythonScript, runPython } from '../../../support/python.js'

const fairlearn = (args: string[]): string => runPython('mlflow3', [pythonScript('fairlearn_reference.py'), ...args])

export interface ReferenceGroup {
  values: string[]
  count: number
  roc_auc?: number | null
  [rate: string]: unknown
}
export interface ReferenceFeatureSet {
  features: string[]
  byGroup: ReferenceGroup[]
  aggregates: Record<string, number | null>
  warnings: string[]
}
export interface ReferenceBootstrap {
  features: string[]
  difference: Record<string, number[]>
  ratio: Record<string, number[]>
  byGroup: ({ values: string[] } & Record<string, number[]>)[]
}
export interface Reference {
  featureSets: ReferenceFeatureSet[]
  bootstrap?: ReferenceBootstrap[]
}

export function fairlearnReference(spec: Record<string, unknown>): Reference {
  const path = join(tempDir(), 'spec.json')
  writeFileSync(path, JSON.stringify(spec))
  return JSON.parse(fairlearn(['reference', path])) as Reference
}

/** Trains the Python side's model on Adult and returns its predictions file (read by both sides). */
export function adultPredictions(): string {
  const out = join(tempDir(), 'adult-predictions.csv')
  fairlearn(['predict-adult', ADULT_CSV, out])
  return out
}
