/**
 * What aims-gate records about promotions on a registered model, and how it reads it back.
 * Pure: the tags come in as a record, decisions come out as data.
 *
 * Per alias, the model carries `aims.promotion.<alias>.history`: a JSON array of the versions the
 * gate moved the alias to, oldest first, the current holder last. A holder that is not the last
 * entry was put there by someone else (the MLflow UI, a script): it is reported, never trusted.
 * A tag that is not exactly that shape is treated as no history at all (fail closed: a forged or
 * damaged history cannot name a rollback target).
 */
import { z } from 'zod'

export const PROMOTION_TAG_PREFIX = 'aims.promotion.'
/** The lease of the cooperative lock (see src/pipeline/promotion/lease.ts). */
export const LEASE_TAG = `${PROMOTION_TAG_PREFIX}lease`
/** MLflow's tag values are limited to 5000 characters; 50 versions fit easily. */
const HISTORY_LIMIT = 50

export const historyTag = (alias: string): string => `${PROMOTION_TAG_PREFIX}${alias}.history`

const historySchema = z.array(z.string().regex(/^\d+$/)).max(HISTORY_LIMIT)

/** The recorded history of an alias; `undefined` when absent or not exactly our format. */
export function readHistory(tags: Record<string, string>, alias: string): string[] | undefined {
  const raw = tags[historyTag(alias)]
  if (raw === undefined) return undefined
  try {
    const parsed = historySchema.safeParse(JSON.parse(raw))
    return parsed.success ? parsed.data : undefined
  } catch {
    return undefined
  }
}

/** The history after a promotion to `version` (oldest entries dropped past the limit). */
export function appendHistory(history: string[] | undefined, version: string): string[] {
  return [...(history ?? []), version].slice(-HISTORY_LIMIT)
}

export interface HolderStatus {
  alias: string
  /** The version the alias points at, null when unset. */
  holder: string | null
  /** True when the holder is the last version the gate promoted to this alias. */
  recorded: boolean
  /** Set when the alias was moved outside the gate (a warning, with the fix). */
  warning?: string
}

/** Whether the alias's current holder got there through the gate. */
export function holderStatus(
  model: string,
  alias: string,
  aliases: Record<string, string>,
  tags: Record<string, string>
): HolderStatus {
  const holder = aliases[alias] ?? null
  if (holder === null) return { alias, holder, recorded: true }
  const history = readHistory(tags, alias)
  if (history !== undefined && history.at(-1) === holder) return { alias, holder, recorded: true }
  const recordedLast = history?.at(-1)
  return {
    alias,
    holder,
    recorded: false,
    warning:
      `alias "${alias}" of ${model} points at version ${holder}, which has no promotion record` +
      (recordedLast === undefined ? '' : ` (the gate last promoted version ${recordedLast})`) +
      `: it was moved outside the gate. Fix: promote the intended version with ` +
      `aims-gate promote --to ${alias}, or find out who moved it.`
  }
}

export type RollbackPlan = { ok: true; target: string; history: string[] } | { ok: false; reason: string }

/** Where a rollback of `alias` goes: the entry before the current holder in the history. */
export function planRollback(
  model: string,
  alias: string,
  current: string | null,
  tags: Record<string, string>
): RollbackPlan {
  const history = readHistory(tags, alias)
  if (history === undefined || history.length === 0) {
    const damaged = tags[historyTag(alias)] !== undefined
    return {
      ok: false,
      reason:
        `${model} has ${damaged ? 'an unreadable' : 'no'} promotion history for alias ` +
        `"${alias}" (tag ${historyTag(alias)}), so there is no recorded previous holder. ` +
        `Fix: promote the version you want with aims-gate promote --to ${alias}.`
    }
  }
  if (current === null || history.at(-1) !== current) {
    return {
      ok: false,
      reason:
        `alias "${alias}" of ${model} points ` +
        `at ${current === null ? 'no version' : `version ${current}`}, but the gate last ` +
        `promoted version ${history.at(-1)}: it was moved outside the gate, so the ` +
        `history does not say what came before. Fix: promote the intended version with ` +
        `aims-gate promote --to ${alias}.`
    }
  }
  const target = history.at(-2)
  if (target === undefined) {
    return {
      ok: false,
      reason:
        `version ${current} is the first version the gate promoted to alias "${alias}" ` +
        `of ${model}: there is no recorded previous holder. Fix: promote the version you ` +
        `want with aims-gate promote --to ${alias}.`
    }
  }
  return { ok: true, target, history: history.slice(0, -1) }
}
