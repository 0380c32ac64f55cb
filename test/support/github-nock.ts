/**
 * The GitHub REST set-up the collector and publisher tests share: nock answers for the API with
 * the network shut, and each test must have asked for every answer it set up (a call the code
 * no longer makes fails the test instead of passing unnoticed).
 */
import nock from 'nock'
import { afterAll, afterEach, beforeAll, expect } from 'vitest'
import { createOctokit, type CreateOctokitOptions, type GithubClient } from '../../src/github/octokit.js'

/** Registers the nock set-up in the calling file's hooks. */
export function useNockedGithub(): void {
  beforeAll(() => nock.disableNetConnect())
  afterAll(() => nock.enableNetConnect())
  afterEach(() => {
    const pending = nock.pendingMocks()
    nock.cleanAll()
    expect(pending).toEqual([])
  })
}

let clients = 0

/** A client with millisecond retries and its own throttle id, so no test waits on another's limits. */
export function testOctokit(options: Partial<CreateOctokitOptions> & { throttlePrefix?: string } = {}): GithubClient {
  const { throttlePrefix = 'test', ...rest } = options
  const throttleId = `${throttlePrefix}-${clients++}`
  return createOctokit({ token: 'test-token', retries: 2, retryBaseMs: 1, throttleId, ...rest })
}
