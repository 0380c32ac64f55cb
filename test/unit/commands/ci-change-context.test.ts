import { describe, expect, it } from 'vitest'
import { ciChangeContext } from '../../../src/commands/ci-change-context.js'

const SHA = '0123456789abcdef0123456789abcdef01234567'
const CI = {
  GITHUB_ACTIONS: 'true',
  GITHUB_SHA: SHA,
  GITHUB_REPOSITORY: 'acme/models',
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_RUN_ID: '42'
}

describe('the change context the CLI reads in CI', () => {
  it('takes the commit, repository, forge and run from GitHub Actions', () => {
    expect(ciChangeContext(CI)).toEqual({
      gitCommit: SHA,
      repository: 'acme/models',
      serverUrl: 'https://github.com',
      runUrl: 'https://github.com/acme/models/actions/runs/42'
    })
  })

  it('reads nothing outside GitHub Actions', () => {
    expect(ciChangeContext({ ...CI, GITHUB_ACTIONS: undefined })).toEqual({})
  })

  it('drops values that are not what they claim to be', () => {
    const forged = ciChangeContext({
      GITHUB_ACTIONS: 'true',
      GITHUB_SHA: 'HEAD; rm -rf /',
      GITHUB_REPOSITORY: 'acme/models/../x',
      GITHUB_SERVER_URL: 'javascript:alert(1)',
      GITHUB_RUN_ID: '1 or 1'
    })
    expect(forged).toEqual({})
  })
})
