import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { GateError } from '../../../../src/core/errors.js'
import { parseEventPayload, parseGithubContext, readEventPayload } from '../../../../src/entry/action/github-context.js'

const HEAD = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678'
const MERGE = 'ffffeeeeddddccccbbbbaaaa9999888877776666'
const env = {
  GITHUB_REPOSITORY: 'acme/credit-models',
  GITHUB_RUN_ID: '4242',
  GITHUB_SERVER_URL: 'https://github.example.com/',
  GITHUB_API_URL: 'https://github.example.com/api/v3',
  GITHUB_ACTOR: 'dana-trainer',
  GITHUB_SHA: MERGE
}
const pullRequestEvent = {
  action: 'synchronize',
  pull_request: { number: 7, user: { login: 'riley-release' }, head: { sha: HEAD, ref: 'feature' } }
}

describe('GitHub run context', () => {
  it('takes the pull request head commit from the payload, never the merge commit in GITHUB_SHA', () => {
    const context = parseGithubContext(env, parseEventPayload(pullRequestEvent))
    expect(context).toEqual({
      change: {
        repository: 'acme/credit-models',
        serverUrl: 'https://github.example.com',
        runUrl: 'https://github.example.com/acme/credit-models/actions/runs/4242',
        actor: 'dana-trainer',
        pullRequest: 7,
        gitCommit: HEAD,
        prAuthor: 'riley-release'
      },
      owner: 'acme',
      repo: 'credit-models',
      runId: 4242,
      runUrl: 'https://github.example.com/acme/credit-models/actions/runs/4242',
      pullNumber: 7,
      headSha: HEAD,
      prAuthor: 'riley-release',
      serverUrl: 'https://github.example.com',
      apiUrl: 'https://github.example.com/api/v3'
    })
  })

  it('outside a pull request: no PR fields, GITHUB_SHA is the commit', () => {
    const context = parseGithubContext(env, parseEventPayload({ ref: 'refs/heads/main' }))
    expect(context.pullNumber).toBeUndefined()
    expect(context.change).toEqual({
      repository: 'acme/credit-models',
      serverUrl: 'https://github.example.com',
      runUrl: 'https://github.example.com/acme/credit-models/actions/runs/4242',
      actor: 'dana-trainer',
      gitCommit: MERGE
    })
  })

  it('on a laptop: empty change context and the public GitHub roots', () => {
    expect(parseGithubContext({ GITHUB_REPOSITORY: '' }, {})).toEqual({
      change: {},
      serverUrl: 'https://github.com',
      apiUrl: 'https://api.github.com'
    })
  })

  it('refuses malformed runner variables and pull-request payloads, naming them', () => {
    expect(() => parseGithubContext({ GITHUB_REPOSITORY: 'not a repo' }, {})).toThrow(
      /^GITHUB_REPOSITORY must be owner\/repo/
    )
    expect(() => parseGithubContext({ GITHUB_API_URL: 'file:///etc' }, {})).toThrow(GateError)
    expect(() => parseEventPayload({ pull_request: { number: 7, user: null, head: { sha: 'main' } } })).toThrow(
      /pull_request\.head\.sha must be a commit SHA/
    )
  })

  it('takes the base commit (whose policy governs) from the payload, and refuses a malformed one', () => {
    const base = 'ba5eba5eba5eba5eba5eba5eba5eba5eba5eba5e'
    const payload = parseEventPayload({
      pull_request: { ...pullRequestEvent.pull_request, base: { sha: base, ref: 'main' } }
    })
    expect(parseGithubContext({}, payload).baseSha).toBe(base)
    expect(parseGithubContext({}, parseEventPayload(pullRequestEvent)).baseSha).toBeUndefined()
    expect(() =>
      parseEventPayload({ pull_request: { ...pullRequestEvent.pull_request, base: { sha: 'main' } } })
    ).toThrow(/pull_request\.base\.sha must be a commit SHA/)
  })

  it('reads the event file; none set means not a workflow run', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'event-'))
    try {
      const file = path.join(dir, 'event.json')
      await writeFile(file, JSON.stringify(pullRequestEvent))
      expect((await readEventPayload({ GITHUB_EVENT_PATH: file })).pull_request?.number).toBe(7)
      expect(await readEventPayload({})).toEqual({})
      await expect(readEventPayload({ GITHUB_EVENT_PATH: path.join(dir, 'nope.json') })).rejects.toThrow(
        /cannot be read \(ENOENT\)/
      )
      await writeFile(file, '{')
      await expect(readEventPayload({ GITHUB_EVENT_PATH: file })).rejects.toThrow(/is not JSON/)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
