/**
 * The port every evidence store implements (MLflow REST server, MLflow local SQLite store, …).
 * The pipeline calls `collect` once; what comes back is the whole `Evidence` for the candidate
 * and its baseline. Adapters import core types, never each other.
 */
import type { ChangeContext, Evidence } from '../core/evidence/types.js'

export interface CollectRequest {
  model: string
  /** Exactly one of version / alias is set. */
  version?: string
  alias?: string
  /** Alias of the baseline version to compare with (`champion`); absent = no comparison. */
  baselineAlias?: string
  /** Run-artifact paths a policy asks for (`impact_assessment.md`), fetched into `documents`. */
  documents: string[]
  /** Download the whole model directory and hash it (needed for the card and inference). */
  downloadModel: boolean
  /** Where downloaded model directories go (a per-run temporary folder). */
  workDir: string
  /** Facts about the change under review (PR author, commit), copied into the evidence. */
  change: ChangeContext
}

export interface EvidenceCollector {
  collect(request: CollectRequest): Promise<Evidence>
}
