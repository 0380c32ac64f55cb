/**
 * Whether a dataset input's source says where the *data* came from. MLflow's autolog logs the
 * training arrays with a `code` source (`CodeDatasetSource`): its source JSON holds only the run's
 * `mlflow.source.name` tag, i.e. the training script or notebook. That names the code that held
 * the data in memory, not the data, so it is no provenance; neither is a source URI that points at
 * a script or notebook file.
 */
import type { DatasetInput } from './types.js'

const CODE_SOURCE_TYPES = new Set(['code', 'notebook'])
const SCRIPT_FILE = /\.(py|pyw|ipynb|r|rmd|scala|sc|sh|bash|ps1|js|mjs|ts|java|kt|jl|m|do|sas)$/i

/** The name of the script a source JSON points at (`mlflow.source.name` inside `tags`), if any. */
function sourceScriptTag(source: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(source)
    if (parsed === null || typeof parsed !== 'object') return undefined
    const tags = (parsed as Record<string, unknown>).tags
    if (tags === null || typeof tags !== 'object') return undefined
    const name = (tags as Record<string, unknown>)['mlflow.source.name']
    return typeof name === 'string' ? name : ''
  } catch {
    return undefined
  }
}

/** Why the dataset's source is code rather than data, or undefined when it may be data provenance. */
export function codeSourceReason(dataset: DatasetInput): string | undefined {
  const type = dataset.sourceType.trim().toLowerCase()
  const script = sourceScriptTag(dataset.source)
  if (CODE_SOURCE_TYPES.has(type)) {
    return (
      `its source is MLflow's "${type}" source ` +
      `type${script ? ` (the script ${script})` : ''}, which records the code that ` +
      `logged it, not where the data came from`
    )
  }
  if (script !== undefined && dataset.sourceUri === undefined) {
    return `its source only names the script ${script || '(unnamed)'} that logged it, not where the data came from`
  }
  const path = (dataset.sourceUri ?? '').replace(/[?#].*$/, '')
  if (SCRIPT_FILE.test(path)) return `its source ${dataset.sourceUri ?? ''} is a script or notebook, not a data file`
  return undefined
}
