/**
 * The collect step that reads approvals from GitHub for `check: approval` requirements with a
 * GitHub source. It only runs when the resolved profile asks for one; otherwise no token is used
 * and no request is sent.
 *
 * When GitHub cannot be asked (no token, not a workflow run) every requested source is filled
 * with a `Missing` item that says why and how to fix it, so the approval check reports the cause
 * and the gate fails closed instead of reading "nobody approved".
 */
import { collectGithubApprovals, type GithubApprovals } from '../../collect/github/approvals.js'
import type { ApproverRules } from '../../collect/github/approver-eligibility.js'
import type { GithubClient } from '../../github/octokit.js'
import { invalid } from '../../core/errors.js'
import { missing } from '../../core/evidence/items.js'
import type { Evidence, ExternalApprovalSource } from '../../core/evidence/types.js'
import type { LocatedRequirement } from '../../core/policy/types.js'
import type { EvidenceEnricher } from '../../pipeline/ports.js'
import type { GithubRunContext } from './github-context.js'

export interface GithubApprovalNeeds {
  sources: ExternalApprovalSource[]
  approvers?: ApproverRules
  environments?: string[]
}

const isGithubSource = (source: string): source is ExternalApprovalSource =>
  source === 'github-environment' || source === 'github-review'

/**
 * What to read from GitHub for these requirements, or undefined when nothing. The evidence holds
 * one set of approvals per source, so two approval requirements that restrict GitHub approvers
 * differently cannot both be honoured; that is refused instead of applying one to both.
 */
export function githubApprovalNeeds(requirements: readonly LocatedRequirement[]): GithubApprovalNeeds | undefined {
  const sources = new Set<ExternalApprovalSource>()
  let rules: { approvers?: ApproverRules; environments?: string[] } | undefined
  let ruleOwner = ''
  for (const req of requirements) {
    if (req.check !== 'approval') continue
    const github = req.sources.filter(isGithubSource)
    if (github.length === 0) continue
    for (const source of github) sources.add(source)
    const these = {
      ...(req.approvers !== undefined ? { approvers: req.approvers } : {}),
      ...(req.environments !== undefined ? { environments: req.environments } : {})
    }
    if (rules === undefined) {
      rules = these
      ruleOwner = req.id
    } else if (JSON.stringify(rules) !== JSON.stringify(these)) {
      throw invalid(
        `approval requirements "${ruleOwner}" and "${req.id}" read GitHub with different approvers/environments; ` +
          'fix: give them the same approvers and environments, or merge them into one requirement'
      )
    }
  }
  if (sources.size === 0) return undefined
  return { sources: [...sources], ...rules }
}

export interface GithubApprovalsEnricherDeps {
  context: GithubRunContext
  /** Builds the GitHub client; absent when no github-token was given. Called only when needed. */
  client?: () => GithubClient
  /** Injected in tests; defaults to the real collector. */
  collect?: typeof collectGithubApprovals
}

function allMissing(sources: readonly ExternalApprovalSource[], item: ReturnType<typeof missing>): GithubApprovals {
  return Object.fromEntries(sources.map((source) => [source, item])) as GithubApprovals
}

export function createGithubApprovalsEnricher(deps: GithubApprovalsEnricherDeps): EvidenceEnricher {
  return {
    async enrich(evidence: Evidence, { prepared }): Promise<Evidence> {
      const needs = githubApprovalNeeds(prepared.profile.requirements)
      if (needs === undefined) return evidence
      const { context } = deps
      let approvals: GithubApprovals
      if (context.owner === undefined || context.repo === undefined) {
        approvals = allMissing(
          needs.sources,
          missing(
            'not-found',
            'GitHub approvals cannot be read: this is not a GitHub Actions run ' +
              '(GITHUB_REPOSITORY is not set); run the gate in a workflow, or use sources: ' +
              '[mlflow-tag].'
          )
        )
      } else if (deps.client === undefined) {
        approvals = allMissing(
          needs.sources,
          missing(
            'unauthorised',
            'GitHub approvals cannot be read: no github-token was given; fix: pass ' +
              // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a template
              '`github-token: ${{ github.token }}` (the default) with the permissions listed ' +
              'in docs/github.md.'
          )
        )
      } else {
        approvals = await (deps.collect ?? collectGithubApprovals)(deps.client(), {
          owner: context.owner,
          repo: context.repo,
          ...(context.runId !== undefined ? { runId: context.runId } : {}),
          ...(context.pullNumber !== undefined ? { pullNumber: context.pullNumber } : {}),
          ...(context.headSha !== undefined ? { headSha: context.headSha } : {}),
          ...(context.prAuthor !== undefined ? { prAuthor: context.prAuthor } : {}),
          ...(needs.approvers !== undefined ? { approvers: needs.approvers } : {}),
          ...(needs.environments !== undefined ? { environments: needs.environments } : {}),
          sources: needs.sources,
          serverUrl: context.serverUrl
        })
      }
      return { ...evidence, externalApprovals: { ...evidence.externalApprovals, ...approvals } }
    }
  }
}
