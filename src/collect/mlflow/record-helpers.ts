/**
 * Small mappings every MLflow store needs in the same form (REST and local SQLite alike), so two
 * stores reading the same data give equal records: sorted key/value maps and the dataset source URI.
 */

/** Key/value pairs → a record with keys in code-point order (last value wins on duplicates). */
export function sortedRecord(pairs: Iterable<{ key: string; value: string }>): Record<string, string> {
  const map = new Map<string, string>()
  for (const { key, value } of pairs) map.set(key, value)
  const out: Record<string, string> = {}
  for (const key of [...map.keys()].sort(compareCodePoints)) out[key] = map.get(key) as string
  return out
}

/** Locale-independent string order (localeCompare depends on the machine's ICU data). */
export function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** `uri` (or `url`/`path`) out of a dataset's `source` JSON string, when it has one. */
export function datasetSourceUri(source: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(source)
    if (parsed && typeof parsed === 'object') {
      for (const key of ['uri', 'url', 'path'] as const) {
        const value = (parsed as Record<string, unknown>)[key]
        if (typeof value === 'string' && value !== '') return value
      }
    }
  } catch {
    // Not JSON: some sources are plain strings; there is no URI to read.
  }
  return undefined
}

/** The dataset context tag MLflow writes (`training`, `evaluation`, …). */
export const DATASET_CONTEXT_TAG = 'mlflow.data.context'
