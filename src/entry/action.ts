/**
 * The GitHub Action entry (bundled to dist/index.js): inputs in, outputs, job summary,
 * annotations, the sticky PR comment and the job's status out. The only module besides the CLI
 * entry that deals with process-level concerns, and the only one that imports @actions/*; the
 * parsing and the text it shows live in ./action/ as plain, tested code.
 *
 * Exit semantics match the CLI, folded into the runner's single failure state: a blocked release,
 * an invalid input and evidence that could not be fetched all fail the step (fail closed).
 */
import * as core from '@actions/core'
import { createOctokit, type GithubClient } from '../github/octokit.js'
import { createGitPolicyReader } from '../collect/policy-at-ref/git-policy-reader.js'
import { createGithubPolicyReader } from '../collect/policy-at-ref/github-policy-reader.js'
import { createPullRequestBaseReader } from '../collect/policy-at-ref/pull-request-base-reader.js'
import { invalid } from '../core/errors.js'
import { showControls, showControlsInline } from '../core/text/control-chars.js'
import type { GateOptions } from '../pipeline/gate-options.js'
import { progressReporter } from '../render/progress.js'
import { runGate, type GateRun } from '../pipeline/run-gate.js'
import { fixedClockNotice, gateClock } from '../pipeline/fixed-clock.js'
import { BUNDLE_PATH_OUTPUT } from '../pipeline/evidence-bundle.js'
import { SARIF_PATH_OUTPUT } from '../pipeline/sarif-output.js'
import { refuseFixedClock } from '../pipeline/promotion/real-clock.js'
import type { GatePorts, PullRequestBasePort } from '../pipeline/ports.js'
import { promoteVersion, type PromotionOutcome, type PromotionSettings } from '../pipeline/promotion/promote-version.js'
import {
  ciRunUrl,
  leaseTiming,
  PROMOTED_VERSION_OUTPUT,
  promotionActor
} from '../pipeline/promotion/promotion-context.js'
import { upsertStickyComment, type StickyCommentResult } from '../publish/github/sticky-comment.js'
import { buildActionOutputs } from '../render/action-outputs.js'
import { prCommentMarker, renderPrComment } from '../render/pr-comment.js'
import { createGithubApprovalsEnricher } from './action/github-approvals-enricher.js'
import { parseGithubContext, readEventPayload, type GithubRunContext } from './action/github-context.js'
import { blockedMessage, buildAnnotations, buildJobSummary, commentNote, errorReport } from './action/github-report.js'
import { readActionInputs } from '../options/action-inputs.js'
import { secretsToMask } from './action/secrets.js'
import { createRedactor, type Redactor } from '../core/text/redact.js'

/**
 * Every text this entry hands the runner goes through `redact` (set first thing in `run`):
 * `setSecret` only masks exact strings in the log, not the summary, the comment or the files,
 * nor a credential in another encoding.
 */
let redact: Redactor = (text) => text
// Control characters are made visible as well (showControls is idempotent), so no log line can
// colour, link or rewrite the runner's log, whoever built the text.
const clean = (text: string): string => showControls(redact(text))
const log = {
  info: (text: string): void => core.info(clean(text)),
  warning: (text: string, properties?: core.AnnotationProperties): void => core.warning(clean(text), properties),
  error: (text: string, properties?: core.AnnotationProperties): void => core.error(clean(text), properties),
  debug: (text: string): void => core.debug(clean(text)),
  setFailed: (text: string): void => core.setFailed(clean(text))
}

export async function run(): Promise<void> {
  const env = process.env
  // First of all, so no later message (ours or a library's) can print a credential.
  const secrets = secretsToMask(env)
  for (const secret of secrets) core.setSecret(secret)
  redact = createRedactor(secrets)
  try {
    const inputs = readActionInputs(env)
    const options = inputs.options
    const context = parseGithubContext(env, await readEventPayload(env))
    const client = inputs.githubToken === undefined ? undefined : lazyClient(inputs.githubToken, context.apiUrl)

    // Before the clock is read: a promotion runs on the real clock, whatever SOURCE_DATE_EPOCH says.
    if (options.promoteTo !== undefined)
      refuseFixedClock(options, { promotion: 'input "promote-to"', now: 'input "now"' })
    const clock = gateClock(options, 'input "now"')
    const notice = fixedClockNotice(clock)
    if (notice !== undefined) log.info(`aims-gate: ${notice}`)
    const ports: GatePorts = {
      clock,
      env,
      cwd: process.cwd(),
      enrichers: [createGithubApprovalsEnricher({ context, ...(client ? { client } : {}) })],
      // Each MLflow retry is one log line, so a slow server is not mistaken for a hang.
      log: log.info,
      redact,
      // Not a terminal: a progress line in the log every few seconds while the model runs.
      progress: (label) =>
        progressReporter({ sink: { isTTY: false, write: (text) => log.info(text.trimEnd()) }, label }),
      ...pullRequestBase(options, context, inputs.policyRef, client, env.GITHUB_WORKSPACE ?? process.cwd())
    }
    // `promote-to`: the same gate, then the alias moves only after a pass (docs/promotion.md).
    const promoted =
      options.promoteTo === undefined
        ? undefined
        : await promoteVersion({ options }, context.change, ports, promotionSettings(env))
    const gate = promoted?.run ?? (await runGate(options, context.change, ports))
    // A target alias moved outside the gate does not block this version, but it is news.
    const moved = gate.report.promotion?.warning
    if (moved !== undefined) log.warning(`aims-gate: ${moved}`)
    await publish(gate, options, context, inputs.comment ? client : null)
    if (promoted !== undefined) reportPromotion(gate, promoted.outcome)
  } catch (error) {
    await reportError(error)
  }
}

/** After a passing gate: the promoted version as an output, or the refusal as the step's failure. */
function reportPromotion(gate: GateRun, outcome: PromotionOutcome): void {
  if (outcome.moved) {
    core.setOutput(PROMOTED_VERSION_OUTPUT, redact(outcome.version))
    log.info(
      `aims-gate: alias "${outcome.alias}" points at ` +
        `version ${outcome.version}${outcome.alreadyHeld ? ' (already did)' : ` (was ${outcome.previous ?? 'unset'})`}`
    )
  } else if (gate.verdict.verdict === 'pass') {
    log.setFailed(`aims-gate: promotion refused: ${showControls(outcome.reason)}`)
  }
}

function promotionSettings(env: Record<string, string | undefined>): PromotionSettings {
  const runUrl = ciRunUrl(env)
  return {
    actor: promotionActor(undefined, env),
    ...(runUrl ? { runUrl } : {}),
    timing: leaseTiming(env, () => new Date())
  }
}

/**
 * On a pull request with a policy file: its base commit, whose policy governs (`policy-ref: base`)
 * or is only compared (`head`). Nothing for other events or the built-in policy.
 */
function pullRequestBase(
  options: GateOptions,
  context: GithubRunContext,
  policyRef: 'base' | 'head',
  client: (() => GithubClient) | undefined,
  workspace: string
): { pullRequestBase?: PullRequestBasePort } {
  if (context.pullNumber === undefined || options.policyPath === undefined) return {}
  if (context.baseSha === undefined) {
    if (policyRef === 'head') return {}
    throw invalid(
      "the pull request event has no pull_request.base.sha, so the base commit's " +
        'policy cannot be read; fix: run on a pull_request event GitHub wrote, or set ' +
        '`policy-ref: head` (weaker)'
    )
  }
  const github =
    client !== undefined && context.owner !== undefined && context.repo !== undefined
      ? createGithubPolicyReader({ client, owner: context.owner, repo: context.repo, workspace })
      : undefined
  const reader = createPullRequestBaseReader({ ...(github ? { github } : {}), git: createGitPolicyReader() })
  return { pullRequestBase: { sha: context.baseSha, governs: policyRef === 'base', reader } }
}

/** One GitHub client for the whole run, built only if something needs it. */
function lazyClient(token: string, baseUrl: string): () => GithubClient {
  let client: GithubClient | undefined
  return () =>
    (client ??= createOctokit({
      token,
      baseUrl,
      log: { debug: log.debug, info: log.info, warn: log.warning, error: log.error }
    }))
}

/**
 * Outputs first (so `if: always()` steps can upload the card even when the gate blocks), then
 * annotations, the comment, the summary (which reports what happened to the comment), and the
 * verdict as the step's status last.
 */
async function publish(
  gate: GateRun,
  options: GateOptions,
  context: GithubRunContext,
  client: (() => GithubClient) | undefined | null
): Promise<void> {
  const outputs = buildActionOutputs({
    verdict: gate.verdict,
    cardPath: gate.outputs.cardPath,
    cardHtmlPath: gate.outputs.cardHtmlPath,
    // `report:` names where the caller wants the report (the same bytes as beside the card).
    reportPath: options.reportPath ?? gate.outputs.reportPath,
    cardSha256: gate.outputs.cardSha256,
    reportSha256: gate.outputs.reportSha256
  })
  for (const [name, value] of Object.entries(outputs)) core.setOutput(name, redact(value))
  if (gate.bundlePath !== undefined) core.setOutput(BUNDLE_PATH_OUTPUT, redact(gate.bundlePath))
  if (gate.sarifPath !== undefined) core.setOutput(SARIF_PATH_OUTPUT, redact(gate.sarifPath))

  // Only the working tree's file can be annotated: another version's lines are not in the checkout.
  const annotations = buildAnnotations(gate.verdict, gate.prepared.governance.governing.source !== 'working-tree')
  for (const call of annotations.calls) {
    if (call.level === 'error') log.error(call.message, call.properties)
    else log.warning(call.message, call.properties)
  }

  const comment = client === null ? undefined : await postComment(gate, context, client)
  if (gate.writeback !== undefined) log.info(`MLflow write-back: ${JSON.stringify(gate.writeback)}`)
  await writeSummary(buildJobSummary(gate, [annotations.foldedNote, commentNote(comment)]))

  log.info(
    `aims-gate: verdict ${gate.verdict.verdict}; card ${gate.outputs.cardPath} ` +
      `(HTML ${gate.outputs.cardHtmlPath}); report ${gate.outputs.reportPath}`
  )
  if (gate.verdict.verdict === 'fail') log.setFailed(blockedMessage(gate.verdict))
}

/**
 * The sticky PR comment on pull-request events. Best effort: every problem (no token, a fork's
 * read-only token, GitHub failing) becomes a `skipped` note in the summary, never a failed job.
 */
async function postComment(
  gate: GateRun,
  context: GithubRunContext,
  client: (() => GithubClient) | undefined
): Promise<StickyCommentResult | undefined> {
  if (context.pullNumber === undefined || context.owner === undefined || context.repo === undefined) return undefined
  if (client === undefined) {
    return {
      action: 'skipped',
      reason:
        'PR comment skipped: no github-token was given; fix: pass `github-token: ${{ ' +
        'github.token }}` with `permissions: pull-requests: write`.'
    }
  }
  const model = gate.evidence.candidate.modelVersion.value.name
  const profile = gate.prepared.profile.name
  const policy = { name: gate.prepared.profile.policy.name, sha256: gate.prepared.profile.policy.sha256, profile }
  try {
    const result = await upsertStickyComment(client(), {
      owner: context.owner,
      repo: context.repo,
      issueNumber: context.pullNumber,
      marker: prCommentMarker(model, profile),
      body: redact(
        renderPrComment({
          verdict: gate.verdict,
          evidence: gate.evidence,
          policy,
          governance: gate.report.policy,
          diff: gate.diff,
          ...(context.runUrl !== undefined ? { jobSummaryUrl: context.runUrl } : {})
        })
      )
    })
    if (result.action === 'skipped') log.warning(showControls(result.reason ?? 'PR comment skipped.'))
    else log.info(showControlsInline(`PR comment ${result.action}: ${result.url ?? ''}`))
    return result
  } catch (error) {
    const reason =
      `PR comment skipped: ${error instanceof Error ? error.message : String(error)}; ` +
      `the report is in the job summary.`
    log.warning(showControls(reason))
    return { action: 'skipped', reason }
  }
}

/** GITHUB_STEP_SUMMARY is absent outside the runner: the summary is then skipped with a notice. */
async function writeSummary(markdown: string): Promise<void> {
  try {
    await core.summary.addRaw(redact(markdown)).write()
  } catch (error) {
    log.warning(showControls(`Job summary not written: ${error instanceof Error ? error.message : String(error)}`))
  }
}

/**
 * For the process guard (src/index.ts): an error nobody caught fails the step in one line, with
 * the stack only in the step debug log, and ends the process with 1 (fail closed). A signal
 * (the run was cancelled) is reported as an error line too.
 */
export const actionGuard = {
  reportUncaught(error: unknown): number {
    const message = error instanceof Error ? error.message : String(error)
    log.setFailed(`aims-gate: unexpected error: ${message.split('\n')[0]}. The release is blocked (fail closed).`)
    if (error instanceof Error && error.stack !== undefined) log.debug(error.stack)
    return 1
  },
  writeLine: (line: string): void => log.error(line)
}

async function reportError(error: unknown): Promise<void> {
  const report = errorReport(error, process.env)
  log.setFailed(report.failure)
  await writeSummary(report.summary)
  if (report.stack === undefined) return
  if (report.showStack) log.info(report.stack)
  else log.debug(report.stack)
}
