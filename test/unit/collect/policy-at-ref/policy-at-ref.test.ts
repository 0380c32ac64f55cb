/**
 * Reading the policy at a commit: through GitHub's contents API (answers validated: a folder, a
 * symlink, a truncated or mislabelled file is never taken for the policy) and with real git in a
 * temporary repository (refs validated, a path absent at the ref reported as absent, git's
 * environment variables unable to redirect it to another repository).
 */
import { execFile } from 'node:child_process'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createGitPolicyReader } from '../../../../src/collect/policy-at-ref/git-policy-reader.js'
import { createGithubPolicyReader } from '../../../../src/collect/policy-at-ref/github-policy-reader.js'
import { GateError } from '../../../../src/core/errors.js'
import type { GithubClient } from '../../../../src/github/octokit.js'

const SHA = 'c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00'
const TEXT = 'version: 1\nname: gate\n'

async function refusal(promise: Promise<unknown>): Promise<GateError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof GateError) return error
    throw error
  }
  throw new Error('expected a GateError')
}

function clientAnswering(answer: () => unknown, calls: unknown[] = []): () => GithubClient {
  const client = {
    rest: {
      repos: {
        getContent: async (params: unknown) => {
          calls.push(params)
          return { data: answer() }
        }
      }
    }
  }
  return () => client as unknown as GithubClient
}

const file = (text: string, overrides: Record<string, unknown> = {}) => ({
  type: 'file',
  encoding: 'base64',
  size: Buffer.byteLength(text),
  path: 'policies/gate.yml',
  content: Buffer.from(text)
    .toString('base64')
    .replace(/(.{60})/g, '$1\n'),
  ...overrides
})

const httpError = (status: number) =>
  Object.assign(new Error('HttpError'), {
    status,
    response: { data: { message: status === 404 ? 'Not Found' : 'Server Error' } }
  })

describe('GitHub contents reader', () => {
  const workspace = '/checkout'
  const reader = (answer: () => unknown, calls?: unknown[]) =>
    createGithubPolicyReader({ client: clientAnswering(answer, calls), owner: 'acme', repo: 'models', workspace })
  const request = { ref: SHA, policyPath: 'policies/gate.yml', cwd: workspace }

  it('reads the file at the commit, by its path in the repository', async () => {
    const calls: unknown[] = []
    const long = `${TEXT}# ${'x'.repeat(500)}\n`
    expect(await reader(() => file(long), calls).read(request)).toEqual({
      kind: 'found',
      text: long,
      commit: SHA,
      path: 'policies/gate.yml',
      via: 'github-api'
    })
    expect(calls).toEqual([{ owner: 'acme', repo: 'models', path: 'policies/gate.yml', ref: SHA }])
  })

  it('reports 404 as absent (a file missing on the base, or a repository the token cannot see)', async () => {
    const found = await reader(() => {
      throw httpError(404)
    }).read(request)
    expect(found).toEqual({ kind: 'absent', commit: SHA, path: 'policies/gate.yml', via: 'github-api' })
  })

  it('blocks (exit 1) when GitHub fails, naming the permission', async () => {
    const error = await refusal(
      reader(() => {
        throw httpError(500)
      }).read(request)
    )
    expect(error.exitCode).toBe(1)
    expect(error.message).toMatch(
      /through the GitHub API failed: HTTP 500 \(Server Error\); fix: give the job `permissions: contents: read`/
    )
  })

  const forged: [string, unknown, RegExp][] = [
    ['a folder', [file(TEXT)], /is not a file/],
    ['a symlink', { ...file(TEXT), type: 'symlink', target: '../../etc/passwd' }, /is not a file/],
    ['a file too large to be inlined', { ...file(TEXT), encoding: 'none', content: '' }, /is not a file/],
    ['a truncated file (size differs)', file(TEXT, { size: 9999 }), /does not match the file asked for/],
    ['another file than asked for', file(TEXT, { path: 'policies/lax.yml' }), /does not match the file asked for/]
  ]
  it.each(forged)('refuses %s', async (_name, answer, message) => {
    const error = await refusal(reader(() => answer).read(request))
    expect(error.message).toMatch(message)
  })

  it('refuses a policy outside the checkout', async () => {
    const error = await refusal(reader(() => file(TEXT)).read({ ...request, policyPath: '../elsewhere/gate.yml' }))
    expect(error.message).toMatch(/is outside the repository checkout/)
  })
})

describe('git reader (real git)', () => {
  let root: string
  let repo: string
  let first: string
  const git = async (...args: string[]) =>
    (
      await promisify(execFile)(
        'git',
        ['-c', 'user.name=T', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args],
        { cwd: repo }
      )
    ).stdout.trim()

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'policy-at-ref-'))
    repo = path.join(root, 'repo')
    await mkdir(path.join(repo, 'policies'), { recursive: true })
    await git('init', '-q', '-b', 'main')
    await writeFile(path.join(repo, 'policies', 'gate.yml'), TEXT)
    await git('add', '.')
    await git('commit', '-q', '-m', 'one')
    first = await git('rev-parse', 'HEAD')
    await writeFile(path.join(repo, 'policies', 'gate.yml'), `${TEXT}description: loosened\n`)
    await mkdir(path.join(repo, 'policies', 'dir.yml'))
    await writeFile(path.join(repo, 'policies', 'dir.yml', 'x'), 'x')
    await git('add', '.')
    await git('commit', '-q', '-m', 'two')
  })

  afterAll(async () => {
    await rm(root, { recursive: true, force: true })
  })

  const read = (ref: string, policyPath = 'policies/gate.yml', cwd = repo) =>
    createGitPolicyReader().read({ ref, policyPath, cwd })

  it('reads the file as committed at the ref, not the working tree', async () => {
    await writeFile(path.join(repo, 'policies', 'gate.yml'), 'version: 1\nname: uncommitted\n')
    expect(await read('HEAD~1')).toEqual({
      kind: 'found',
      text: TEXT,
      commit: first,
      path: 'policies/gate.yml',
      via: 'git'
    })
    expect(await read(first, 'gate.yml', path.join(repo, 'policies'))).toMatchObject({
      kind: 'found',
      text: TEXT,
      path: 'policies/gate.yml'
    })
  })

  it('reports a file absent at the ref as absent', async () => {
    expect(await read('HEAD', 'policies/new.yml')).toMatchObject({ kind: 'absent', path: 'policies/new.yml' })
  })

  it('refuses a folder where the policy should be', async () => {
    expect((await refusal(read('HEAD', 'policies/dir.yml'))).message).toMatch(
      /is a tree at commit [0-9a-f]{12}, not a file/
    )
  })

  it.each(['--output=/tmp/x', 'HEAD..main', 'HEAD:other.yml', 'main@{1}', 'a b', ''])(
    'refuses the ref %j before running git',
    async (ref) => {
      const error = await refusal(read(ref))
      expect(error.exitCode).toBe(2)
      expect(error.message).toMatch(/is not a valid ref; fix: give a commit SHA, branch or tag/)
    }
  )

  it('refuses a ref that names no commit, with the fix', async () => {
    expect((await refusal(read('nope'))).message).toBe(
      'policy ref "nope" names no commit in the repository holding policies/gate.yml; ' +
        'fix: fetch it (git fetch origin nope) or name an existing branch, tag or commit'
    )
  })

  it('is not redirected to another repository by GIT_DIR in the environment', async () => {
    const other = path.join(root, 'other')
    await mkdir(other)
    await promisify(execFile)('git', ['init', '-q'], { cwd: other })
    const saved = process.env.GIT_DIR
    process.env.GIT_DIR = path.join(other, '.git')
    try {
      expect(await read('HEAD~1')).toMatchObject({ kind: 'found', text: TEXT })
    } finally {
      if (saved === undefined) delete process.env.GIT_DIR
      else process.env.GIT_DIR = saved
    }
  })
})
