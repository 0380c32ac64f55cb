/**
 * Aliases moved outside the gate: the alias points at a version other than the one the last
 * passing verdict named for it. The gate's promotion history (`aims.promotion.<alias>.history` on
 * the registered model) names it when the gate moved the alias; without a history, the newest
 * passing verdict on another version (by its tags) stands in, but only when the aliased version
 * itself does not pass.
 */
import { readHistory } from '../promotion/promotion-record.js'
import type { CollectedModel, PostureContext } from './collected.js'
import { compareVersions, finding, versionLinks } from './finding.js'
import { readGateRecord } from './gate-record.js'
import type { PostureFinding } from './types.js'

/** The newest version other than `holder` whose tags record a passing verdict. */
function lastPassingElsewhere(model: CollectedModel, holder: string): string | undefined {
  const passing = model.versions.flatMap((v) => {
    const read = readGateRecord(v.tags)
    return v.version !== holder && read.kind === 'record' && read.record.verdict === 'pass'
      ? [{ version: v.version, at: read.record.checkedAt }]
      : []
  })
  passing.sort((a, b) => Date.parse(b.at) - Date.parse(a.at) || compareVersions(b.version, a.version))
  return passing[0]?.version
}

export function aliasMovedFindings(
  model: CollectedModel,
  aliases: readonly string[],
  passing: ReadonlySet<string>,
  ctx: PostureContext
): PostureFinding[] {
  const out: PostureFinding[] = []
  for (const alias of aliases) {
    const holder = model.aliases[alias]
    if (holder === undefined) continue
    const history = readHistory(model.tags, alias)
    const named =
      history !== undefined ? history.at(-1) : passing.has(holder) ? undefined : lastPassingElsewhere(model, holder)
    if (named === undefined || named === holder) continue
    const source = history !== undefined ? "the gate's promotion history" : 'the gate tags of its versions'
    out.push(
      finding({
        kind: 'alias-moved',
        severity: 'high',
        model: model.name,
        version: holder,
        alias,
        reason:
          `${model.name}@${alias} points at version ${holder}, but the last passing verdict for it named ` +
          `version ${named} (from ${source}): the alias was moved by hand after the gate ran.`,
        observed: `version ${holder}`,
        expected: `version ${named}`,
        links: versionLinks(ctx, model.name, holder)
      })
    )
  }
  return out
}
