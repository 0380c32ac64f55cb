/**
 * Acquisition details of a logged data set (A.7.3): its licence, the rights or permission to use
 * it, and why it was selected. They are read from the dataset input's own tags (`aims.licence`,
 * `aims.rights`, `aims.rationale`, logged with `mlflow.log_input(..., tags=…)`) or from run tags
 * `aims.dataset.<dataset name>.<field>`. Two sources that disagree are no evidence, and neither is
 * a value that says nothing ("n/a", "unknown", "TODO", "-") or a rationale of a word or two.
 */
import { isPlaceholder } from '../documentation/parse-card-source.js'
import type { DatasetInput } from './types.js'

export const ACQUISITION_FIELDS = ['licence', 'rights', 'rationale'] as const
export type AcquisitionField = (typeof ACQUISITION_FIELDS)[number]

export const isAcquisitionField = (field: string): field is AcquisitionField =>
  (ACQUISITION_FIELDS as readonly string[]).includes(field)

// Words that fill the field without stating anything: a licence of "unknown" is no licence.
const SAYS_NOTHING = new RegExp(
  '^(unknown|unk|n\\.?a\\.?|not applicable|none|null|nil|undefined|other|various|misc|' +
    'see (above|below|docs?)|-+|\\?+|x+|same|default|yes|no|true|false|ok)$',
  'i'
)

/** Fewest words a selection rationale may have: "internal data" says where, not why. */
const MIN_RATIONALE_WORDS = 4

export interface AcquisitionValue {
  value?: string
  /** Where the value was read (`dataset tag aims.licence`, `run tag aims.dataset.adult.licence`). */
  from?: string
  /** Why no value can be used. */
  problem?: string
}

export function acquisitionValue(
  dataset: DatasetInput,
  runTags: Readonly<Record<string, string>>,
  field: AcquisitionField
): AcquisitionValue {
  const ownKey = `aims.${field}`
  const runKey = `aims.dataset.${dataset.name}.${field}`
  const own = dataset.tags[ownKey]
  const run = runTags[runKey]
  if (own !== undefined && run !== undefined && own.trim() !== run.trim()) {
    return {
      problem:
        `dataset tag ${ownKey} and run tag ${runKey} disagree ("${own.slice(0, 60)}" vs ` +
        `"${run.slice(0, 60)}"); keep one`
    }
  }
  const value = own ?? run
  if (value === undefined) return {}
  const from = own !== undefined ? `dataset tag ${ownKey}` : `run tag ${runKey}`
  const problem = valueProblem(field, value)
  return problem === undefined ? { value: value.trim(), from } : { from, problem: `${from} ${problem}` }
}

function valueProblem(field: AcquisitionField, value: string): string | undefined {
  const text = value.trim()
  if (isPlaceholder(text) || SAYS_NOTHING.test(text.replace(/[.!]+$/, ''))) {
    return `is "${text.slice(0, 40)}", which states no ${field}`
  }
  if (field === 'rationale' && text.split(/\s+/).length < MIN_RATIONALE_WORDS) {
    return (
      `is "${text.slice(0, 40)}": too short to say why the data was selected ` +
      `(at least ${MIN_RATIONALE_WORDS} words)`
    )
  }
  return undefined
}
