import { describe, expect, it } from 'vitest'
import { buildTraceability } from '../../../src/render/traceability.js'
import { VERSION } from '../../../src/version.js'

const SHA = '0123456789abcdef0123456789abcdef01234567'

describe('buildTraceability', () => {
  it('names the aims-gate version, and only that off CI', () => {
    expect(buildTraceability({}, 'policies/p.yml')).toEqual({ toolVersion: VERSION })
  })

  it('links the policy file at the commit when commit, repository and server are known', () => {
    expect(
      buildTraceability(
        { gitCommit: SHA, repository: 'acme/ml', serverUrl: 'https://ghe.example.com/' },
        './policies/release policy.yml'
      )
    ).toEqual({
      toolVersion: VERSION,
      commit: SHA,
      repository: 'acme/ml',
      policyUrl: `https://ghe.example.com/acme/ml/blob/${SHA}/policies/release%20policy.yml`
    })
  })

  it('never builds a link from a forged or ambiguous value', () => {
    // Not a SHA, not owner/repo, a path outside the repository, a non-web server: no link.
    expect(
      buildTraceability({ gitCommit: 'main', repository: 'acme/ml', serverUrl: 'https://github.com' }, 'p.yml')
        .policyUrl
    ).toBeUndefined()
    expect(
      buildTraceability({ gitCommit: SHA, repository: 'acme/ml/../x', serverUrl: 'https://github.com' }, 'p.yml')
        .policyUrl
    ).toBeUndefined()
    expect(
      buildTraceability({ gitCommit: SHA, repository: 'acme/ml', serverUrl: 'https://github.com' }, '../secrets/p.yml')
        .policyUrl
    ).toBeUndefined()
    expect(
      buildTraceability({ gitCommit: SHA, repository: 'acme/ml', serverUrl: 'https://github.com' }, '/etc/p.yml')
        .policyUrl
    ).toBeUndefined()
    expect(
      buildTraceability({ gitCommit: SHA, repository: 'acme/ml', serverUrl: 'javascript:alert(1)' }, 'p.yml').policyUrl
    ).toBeUndefined()
    expect(buildTraceability({ gitCommit: SHA, repository: 'acme/ml' }, 'p.yml').policyUrl).toBeUndefined()
  })
})
