/**
 * A SHA-256 over the registry and run records a gate evaluation reads: the version (source, run,
 * status, description, tags) and its run (metrics, params, tags, dataset inputs, output models).
 * Promotion compares it between the evaluation and the alias write, and with the digest an
 * earlier `check` recorded, so a tag or a metric changed in between is refused, not promoted.
 *
 * Left out, because the gate itself writes them or MLflow changes them when an alias moves:
 * `aims.gate.*` and `aims.promotion.*` tags, the version's aliases and last-updated time.
 * Artifact contents are not digested (they are re-read and re-judged by the re-evaluation).
 */
import { sha256Hex } from '../../hash.js'
import type { MlflowReader } from './store.js'

const OWN_TAGS = /^aims\.(gate|promotion)\./

/** JSON with object keys sorted at every level, so equal records give equal bytes. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`
  }
  // NaN and ±Infinity are distinct metric values; JSON.stringify would make them all null.
  if (typeof value === 'number' && !Number.isFinite(value)) return JSON.stringify(String(value))
  return JSON.stringify(value)
}

const withoutOwnTags = (tags: Record<string, string>) =>
  Object.fromEntries(Object.entries(tags).filter(([key]) => !OWN_TAGS.test(key)))

export async function evidenceDigest(store: MlflowReader, model: string, version: string): Promise<string> {
  const mv = await store.getModelVersion(model, version)
  const run = mv.runId ? await store.getRun(mv.runId) : undefined
  const record = {
    version: {
      name: mv.name,
      version: mv.version,
      description: mv.description,
      source: mv.source,
      runId: mv.runId,
      status: mv.status,
      userId: mv.userId,
      tags: withoutOwnTags(mv.tags)
    },
    run:
      run === undefined
        ? null
        : {
            runId: run.runId,
            status: run.status,
            endTime: run.endTime,
            artifactUri: run.artifactUri,
            metrics: [...run.metrics]
              .map((m) => ({ ...m }))
              .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
            params: run.params,
            tags: withoutOwnTags(run.tags),
            datasets: run.datasets,
            outputModelIds: [...run.outputModelIds].sort()
          }
  }
  return sha256Hex(canonical(record))
}
