/**
 * The `aims.promotion.<alias>.*` tags a promotion or rollback leaves on the version it moved the
 * alias to and on the registered model: who, when, from which CI run, the previous holder and
 * the report's SHA-256. The model's `history` tag is what rollback and the hand-moved-alias
 * warning read (src/core/promotion/promotion-record.ts).
 */
import { historyTag, PROMOTION_TAG_PREFIX } from '../../core/promotion/promotion-record.js'
import { truncateText } from '../../render/escape.js'
import { MLFLOW_TAG_VALUE_MAX } from '../../render/writeback-tags.js'

export interface PromotionFacts {
  kind: 'promote' | 'rollback'
  alias: string
  version: string
  previous: string | null
  actor: string
  at: string
  runUrl?: string
  reportSha256: string
  evidenceSha256: string
  /** Rollback with --force: the reason given for skipping the gate. */
  forcedReason?: string
}

export function promotionTags(facts: PromotionFacts): Record<string, string> {
  const tags: Record<string, string> = {
    kind: facts.kind,
    version: facts.version,
    previous: facts.previous ?? 'none',
    by: facts.actor,
    at: facts.at,
    report_sha256: facts.reportSha256,
    evidence_sha256: facts.evidenceSha256,
    ...(facts.runUrl === undefined ? {} : { run_url: facts.runUrl }),
    ...(facts.forcedReason === undefined ? {} : { forced_reason: facts.forcedReason })
  }
  const prefix = `${PROMOTION_TAG_PREFIX}${facts.alias}.`
  return Object.fromEntries(
    Object.entries(tags).map(([key, value]) => [`${prefix}${key}`, truncateText(value, MLFLOW_TAG_VALUE_MAX)])
  )
}

export const historyTagValue = (alias: string, history: string[]): Record<string, string> => ({
  [historyTag(alias)]: JSON.stringify(history)
})
