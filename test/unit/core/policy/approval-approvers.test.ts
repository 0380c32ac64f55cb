import { describe, expect, it } from 'vitest'
import { requirementSchema } from '../../../../src/core/policy/schema.js'

const base = { id: 'release-approval', check: 'approval', controls: ['A.6.2.5'] }
const issues = (input: Record<string, unknown>) =>
  (requirementSchema.safeParse({ ...base, ...input }).error?.issues ?? []).map(
    (i) => `${i.path.join('.')}: ${i.message}`
  )

describe('approval requirement: approvers and environments', () => {
  it('accepts the GitHub approver rules and environments', () => {
    const parsed = requirementSchema.parse({
      ...base,
      sources: ['github-environment'],
      approvers: { users: ['riley-release'], teams: ['acme/release-managers'], permission: 'maintain' },
      environments: ['model-release']
    })
    expect(parsed).toMatchObject({
      approvers: { users: ['riley-release'], teams: ['acme/release-managers'], permission: 'maintain' },
      environments: ['model-release']
    })
  })
  it('refuses rules that would be silently ignored or cannot be checked', () => {
    // A roster now applies to mlflow-tag approvals too (checked by name), so it is accepted.
    expect(issues({ approvers: { users: ['riley'] } })).toEqual([])
    expect(issues({ approvers: { users: ['ri\u200bley'] } })[0]).toMatch(/^approvers.users.0: identity .* invisible/)
    expect(issues({ sources: ['github-review'], environments: ['prod'] })).toEqual([
      'environments: environments applies to the github-environment source only; fix: ' +
        'add it to sources, or remove environments'
    ])
    expect(issues({ sources: ['github-review'], approvers: { teams: ['release-managers'] } })[0]).toMatch(
      /^approvers.teams.0: must be written org\/team-slug/
    )
    expect(issues({ sources: ['github-review'], approvers: {} })[0]).toMatch(/^approvers: is empty; fix:/)
    expect(issues({ sources: ['github-review'], approvers: { users: ['a'], roles: ['x'] } })[0]).toMatch(
      /^approvers: Unrecognized key/
    )
    expect(issues({ sources: ['github-review'], approvers: { permission: 'owner' } })[0]).toMatch(
      /^approvers.permission: /
    )
  })
})
