/**
 * `rollback`: move an alias back to the version the gate's promotion history recorded before
 * the current holder. That version is re-evaluated and must pass now, unless the rollback is
 * forced with a reason, which is recorded in the tags and printed. No history, a damaged
 * history, or an alias moved outside the gate: refused, naming why.
 */
import type { ChangeContext } from '../../core/evidence/types.js'
import { invalid } from '../../core/errors.js'
import { planRollback } from '../../core/promotion/promotion-record.js'
import type { GatePorts } from '../ports.js'
import type { GateOptions } from '../gate-options.js'
import { runGate, type GateRun } from '../run-gate.js'
import { moveAlias } from './move-alias.js'
import { historyTagValue, promotionTags } from './promotion-tags.js'
import {
  evidenceCheck,
  openRegistryWriter,
  redactAll,
  type PromotionOutcome,
  type PromotionSettings
} from './promote-version.js'

export interface RollbackRequest {
  /** Gate options without a version: the version comes from the history. */
  options: GateOptions
  alias: string
  /** Set with --force: the gate's verdict does not stop the rollback. */
  forcedReason?: string
}

export interface RollbackResult {
  run?: GateRun
  outcome: PromotionOutcome
}

export async function rollbackAlias(
  request: RollbackRequest,
  change: ChangeContext,
  ports: GatePorts,
  settings: PromotionSettings
): Promise<RollbackResult> {
  const { alias } = request
  if (request.options.version !== undefined || request.options.alias !== undefined) {
    throw invalid(
      'rollback takes the version from the promotion history; fix: drop --version, ' +
        'and name the alias to roll back with --alias champion'
    )
  }
  const store = await openRegistryWriter(request.options, ports, 'rollback')
  const model = request.options.model
  const registered = await store.getRegisteredModel(model)
  const current = registered.aliases[alias] ?? null
  const plan = planRollback(model, alias, current, registered.tags)
  if (!plan.ok) return { outcome: { moved: false, alias, version: current ?? 'none', reason: plan.reason } }
  const target = plan.target

  const run = await runGate({ ...request.options, version: target, promoteTo: alias }, change, ports)
  const refuse = (reason: string): RollbackResult => ({
    run,
    outcome: { moved: false, alias, version: target, reason }
  })
  if (run.verdict.verdict !== 'pass' && request.forcedReason === undefined) {
    return refuse(
      `the previous holder models:/${model}/${target} does not pass the gate now ` +
        `(blocking: ${run.verdict.blocking.join(', ') || 'see the report'}), so alias ` +
        `"${alias}" stays on version ${current}. Fix: promote a version that passes, or ` +
        `roll back anyway with --force --reason "why".`
    )
  }
  const seen = run.report.promotion
  if (seen?.evidenceSha256 === undefined) throw new Error('the gate did not record the promotion target')
  if (seen.expectedCurrent !== current) {
    return refuse(
      `alias "${alias}" moved from version ${current} ` +
        `to ${seen.expectedCurrent ?? 'no version'} while the previous holder was ` +
        `evaluated. Fix: rerun the rollback.`
    )
  }
  const moved = await moveAlias(
    store,
    {
      model,
      alias,
      version: target,
      expectedCurrent: current,
      holder: settings.actor,
      evidenceChanged: evidenceCheck(store, model, target, seen.evidenceSha256),
      tags: async () => {
        const facts = promotionTags({
          kind: 'rollback',
          alias,
          version: target,
          previous: current,
          actor: settings.actor,
          at: ports.clock.now().toISOString(),
          ...(settings.runUrl ? { runUrl: settings.runUrl } : {}),
          reportSha256: run.outputs.reportSha256,
          evidenceSha256: seen.evidenceSha256!,
          ...(request.forcedReason === undefined ? {} : { forcedReason: request.forcedReason })
        })
        return {
          version: redactAll(ports, facts),
          model: { ...redactAll(ports, facts), ...historyTagValue(alias, plan.history) }
        }
      }
    },
    settings.timing
  )
  return moved.moved
    ? { run, outcome: { moved: true, alias, version: target, previous: current } }
    : refuse(moved.reason)
}
