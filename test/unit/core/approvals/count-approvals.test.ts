import { describe, expect, it } from 'vitest'
import {
  countApprovals,
  type CountableApproval,
  type CountApprovalsInput
} from '../../../../src/core/approvals/count-approvals.js'
import type { EvidenceItem } from '../../../../src/core/evidence/types.js'

const read = (value: CountableApproval[]): EvidenceItem<CountableApproval[]> => ({
  kind: 'present',
  value,
  provenance: { source: 'github', uri: 'https://github.com/acme/credit-models/actions/runs/1' }
})
const env = (login: string, extra: Partial<CountableApproval> = {}): CountableApproval => ({
  source: 'github-environment',
  login,
  ...extra
})
const rev = (login: string, extra: Partial<CountableApproval> = {}): CountableApproval => ({
  source: 'github-review',
  login,
  ...extra
})
const input = (sources: CountApprovalsInput['sources'], minApprovals = 1): CountApprovalsInput => ({
  sources,
  minApprovals,
  separationOfDuties: { runUser: 'trainer', versionCreator: 'registrar', prAuthor: 'alice' }
})

describe('countApprovals', () => {
  it('fails with no approval when every source was read', () => {
    const count = countApprovals(input({ 'github-environment': read([]) }))
    expect(count).toMatchObject({ status: 'fail', counted: [], message: '0 of 1 required approval.' })
  })

  it('passes with one valid environment approval', () => {
    const count = countApprovals(input({ 'github-environment': read([env('dana', { scope: 'model-release' })]) }))
    expect(count.status).toBe('pass')
    expect(count.counted).toEqual([{ login: 'dana', sources: ['github-environment'], scope: 'model-release' }])
  })

  it.each([
    ['trainer', 'trained the run'],
    ['Registrar', 'registered the version'],
    ['alice', 'authored the pull request']
  ])('excludes %s, who %s (separation of duties)', (login, role) => {
    const count = countApprovals(input({ 'mlflow-tag': read([{ source: 'mlflow-tag', login }]) }))
    expect(count.status).toBe('fail')
    expect(count.excluded).toEqual([{ login, source: 'mlflow-tag', reason: `separation of duties: ${login} ${role}` }])
  })

  it('names every conflicting role of one person', () => {
    const count = countApprovals({
      ...input({ 'github-review': read([rev('sam')]) }),
      separationOfDuties: { runUser: 'sam', prAuthor: 'SAM' }
    })
    expect(count.excluded[0]?.reason).toBe('separation of duties: sam trained the run and authored the pull request')
  })

  it('counts the same person through two sources once', () => {
    const count = countApprovals(
      input(
        {
          'github-environment': read([env('dana')]),
          'github-review': read([rev('Dana')]),
          'mlflow-tag': read([{ source: 'mlflow-tag', login: 'erin' }])
        },
        3
      )
    )
    expect(count.status).toBe('fail')
    expect(count.counted).toEqual([
      { login: 'dana', sources: ['github-environment', 'github-review'] },
      { login: 'erin', sources: ['mlflow-tag'] }
    ])
    expect(count.message).toMatch(/^2 of 3 required approvals \(dana, erin\)\./)
  })

  it('keeps collector exclusions and never counts unknown or ineligible approvers', () => {
    const count = countApprovals(
      input({
        'github-review': read([
          rev('bob', { excluded: 'stale: approved commit 0f9e8d7, the head is now a1b2c3d' }),
          rev('carol', { eligible: 'unknown' }),
          rev('mallory', { eligible: 'no' })
        ])
      })
    )
    expect(count.status).toBe('fail')
    expect(count.excluded.map((e) => e.reason)).toEqual([
      'stale: approved commit 0f9e8d7, the head is now a1b2c3d',
      'could not verify that carol may approve',
      'mallory is not an eligible approver'
    ])
  })

  it('is missing when a source could not be read and the rest is not enough', () => {
    const count = countApprovals(
      input({
        'github-environment': { kind: 'missing', reason: 'unauthorised', detail: 'HTTP 403; grant actions: read.' },
        'github-review': read([])
      })
    )
    expect(count.status).toBe('missing')
    expect(count.unreadable).toEqual([{ source: 'github-environment', detail: 'HTTP 403; grant actions: read.' }])
    expect(count.message).toContain('could not read github-environment: HTTP 403; grant actions: read.')
  })

  it('passes when the readable sources are already enough', () => {
    const count = countApprovals(
      input({
        'github-environment': read([env('dana')]),
        'github-review': { kind: 'missing', reason: 'not-found', detail: 'no PR' }
      })
    )
    expect(count.status).toBe('pass')
    expect(count.unreadable).toHaveLength(1)
  })
})
