import { describe, expect, it, vi } from 'vitest'
import type { CollectGithubApprovalsOptions } from '../../../../src/collect/github/approvals.js'
import type { GithubClient } from '../../../../src/github/octokit.js'
import { present } from '../../../../src/core/evidence/items.js'
import type { LocatedRequirement } from '../../../../src/core/policy/types.js'
import {
  createGithubApprovalsEnricher,
  githubApprovalNeeds
} from '../../../../src/entry/action/github-approvals-enricher.js'
import type { GithubRunContext } from '../../../../src/entry/action/github-context.js'
import type { PreparedRun } from '../../../../src/pipeline/prepared-run.js'
import { EvidenceBuilder } from '../../../support/evidence-builder.js'
import { requirement } from '../../../support/requirement-builder.js'

const releaseManagers = { users: ['riley-release'], teams: ['acme/release-managers'] }
const approval = (extra: Record<string, unknown> = {}) =>
  requirement({
    check: 'approval',
    id: 'release-approval',
    sources: ['github-environment', 'github-review'],
    approvers: releaseManagers,
    environments: ['model-release'],
    ...extra
  })

const context: GithubRunContext = {
  change: { prAuthor: 'alice' },
  owner: 'acme',
  repo: 'credit-models',
  runId: 99,
  pullNumber: 7,
  headSha: 'a'.repeat(40),
  prAuthor: 'alice',
  serverUrl: 'https://github.com',
  apiUrl: 'https://api.github.com'
}

const prepared = (requirements: LocatedRequirement[]) => ({
  prepared: { profile: { requirements } } as unknown as PreparedRun,
  options: { model: 'm', timeoutSeconds: 30, writeBack: false },
  workDir: '/nowhere'
})

describe('githubApprovalNeeds', () => {
  it('is nothing when no approval requirement reads GitHub', () => {
    expect(
      githubApprovalNeeds([
        requirement({ check: 'approval' }),
        requirement({ check: 'metric', metric: 'auc', min: 0.8 })
      ])
    ).toBeUndefined()
  })
  it('collects the GitHub sources with the approver rules', () => {
    expect(githubApprovalNeeds([approval()])).toEqual({
      sources: ['github-environment', 'github-review'],
      approvers: releaseManagers,
      environments: ['model-release']
    })
  })
  it('refuses two GitHub approval requirements with different approver rules', () => {
    const other = approval({ id: 'second-approval', approvers: { users: ['someone-else'] } })
    expect(() => githubApprovalNeeds([approval(), other])).toThrow(
      'approval requirements "release-approval" and "second-approval" read GitHub with different approvers/environments'
    )
  })
})

describe('the GitHub approvals enricher', () => {
  it('sends nothing when the profile needs no GitHub approval', async () => {
    const client = vi.fn()
    const evidence = EvidenceBuilder.passing().build()
    const enriched = await createGithubApprovalsEnricher({ context, client }).enrich(
      evidence,
      prepared([requirement({ check: 'approval' })])
    )
    expect(enriched).toBe(evidence)
    expect(client).not.toHaveBeenCalled()
  })

  it('passes the run, the pull request and the policy rules to the collector', async () => {
    const fake = {} as GithubClient
    const found = present([], { source: 'github', uri: 'https://github.com/acme/credit-models/actions/runs/99' })
    const collect = vi.fn(async (_client: GithubClient, _options: CollectGithubApprovalsOptions) => ({
      'github-environment': found,
      'github-review': found
    }))
    const enriched = await createGithubApprovalsEnricher({ context, client: () => fake, collect }).enrich(
      EvidenceBuilder.passing().build(),
      prepared([approval()])
    )
    const { owner, repo, runId, pullNumber, headSha, prAuthor } = context
    expect(collect).toHaveBeenCalledWith(fake, {
      owner,
      repo,
      runId,
      pullNumber,
      headSha,
      prAuthor,
      approvers: releaseManagers,
      environments: ['model-release'],
      sources: ['github-environment', 'github-review'],
      serverUrl: 'https://github.com'
    })
    expect(enriched.externalApprovals).toEqual({ 'github-environment': found, 'github-review': found })
  })

  it('without a token, every requested source is missing with the fix', async () => {
    const enriched = await createGithubApprovalsEnricher({ context }).enrich(
      EvidenceBuilder.passing().build(),
      prepared([approval()])
    )
    for (const source of ['github-environment', 'github-review'] as const) {
      expect(enriched.externalApprovals?.[source]).toMatchObject({
        kind: 'missing',
        reason: 'unauthorised',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a template
        detail: expect.stringContaining('no github-token was given; fix: pass `github-token: ${{ github.token }}`')
      })
    }
  })

  it('outside a workflow run, every requested source is missing and says so', async () => {
    const laptop: GithubRunContext = { change: {}, serverUrl: 'https://github.com', apiUrl: 'https://api.github.com' }
    const enriched = await createGithubApprovalsEnricher({
      context: laptop,
      client: () => ({}) as GithubClient
    }).enrich(EvidenceBuilder.passing().build(), prepared([approval()]))
    expect(enriched.externalApprovals?.['github-review']).toMatchObject({
      kind: 'missing',
      detail: expect.stringContaining('not a GitHub Actions run')
    })
  })
})
