/**
 * A fake GitHub REST API on 127.0.0.1 for running the bundled action end to end: only the calls
 * the action makes (run approvals, pull request and its reviews with pagination, issue comments,
 * file contents at a commit, GET /user) and a log of every request, so a test can assert what was read and written.
 * Responses use the recorded-shape fixtures typed with GitHub's OpenAPI schema.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import {
  issueComment,
  notAccessible,
  notFound,
  pullRequest,
  user,
  type EnvironmentApprovals,
  type IssueComment,
  type Review
} from './github-fixtures.js'

export interface FakeGithubState {
  owner: string
  repo: string
  runId: number
  pull: { number: number; author: string; headSha: string }
  runApprovals: EnvironmentApprovals[]
  reviews: Review[]
  comments: IssueComment[]
  /** Reviews per page, small so pagination is exercised. */
  pageSize: number
  /** A fork pull request's read-only token: writing comments answers 403. */
  commentsReadOnly: boolean
  /** Repository files by `<commit>:<path>`, served by the contents API (absent = 404). */
  files: Record<string, string>
}

export interface RecordedCall {
  method: string
  /** Path and query. */
  url: string
  authorization?: string
  body?: unknown
}

export interface FakeGithub {
  url: string
  state: FakeGithubState
  calls: RecordedCall[]
  /** Clears the calls and restores the state to these values. */
  reset(state?: Partial<FakeGithubState>): void
  close(): Promise<void>
}

const BOT = user('github-actions[bot]', 'Bot')

export async function startFakeGithub(
  initial: Omit<FakeGithubState, 'runApprovals' | 'reviews' | 'comments' | 'pageSize' | 'commentsReadOnly' | 'files'>
): Promise<FakeGithub> {
  const fresh = (): FakeGithubState => ({
    ...initial,
    runApprovals: [],
    reviews: [],
    comments: [],
    pageSize: 2,
    commentsReadOnly: false,
    files: {}
  })
  const fake = { state: fresh(), calls: [] as RecordedCall[] }
  let base = ''

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers })
    res.end(JSON.stringify(body))
  }

  /** One page of a list, with GitHub's Link header when there is a next page. */
  const page = <T>(res: ServerResponse, url: URL, items: readonly T[]): void => {
    const size = fake.state.pageSize
    const number = Math.max(1, Number(url.searchParams.get('page') ?? '1'))
    const slice = items.slice((number - 1) * size, number * size)
    const headers: Record<string, string> = {}
    if (number * size < items.length) {
      const next = new URL(url.toString())
      next.searchParams.set('page', String(number + 1))
      headers.link = `<${base}${next.pathname}${next.search}>; rel="next"`
    }
    send(res, 200, slice, headers)
  }

  const handle = (req: IncomingMessage, res: ServerResponse, text: string) => {
    const url = new URL(req.url ?? '/', base)
    const call: RecordedCall = { method: req.method ?? 'GET', url: `${url.pathname}${url.search}` }
    if (req.headers.authorization !== undefined) call.authorization = req.headers.authorization
    if (text !== '') call.body = JSON.parse(text) as unknown
    fake.calls.push(call)

    const { owner, repo, runId, pull } = fake.state
    const repoPath = `/repos/${owner}/${repo}`
    const route = `${call.method} ${url.pathname}`
    if (route === 'GET /user') return send(res, 403, notAccessible) // a GITHUB_TOKEN cannot read it
    if (route === `GET ${repoPath}/actions/runs/${runId}/approvals`) return send(res, 200, fake.state.runApprovals)
    if (route === `GET ${repoPath}/pulls/${pull.number}`)
      return send(res, 200, pullRequest(pull.number, pull.author, pull.headSha))
    if (route === `GET ${repoPath}/pulls/${pull.number}/reviews`) return page(res, url, fake.state.reviews)
    if (route === `GET ${repoPath}/issues/${pull.number}/comments`) return page(res, url, fake.state.comments)
    if (route === `POST ${repoPath}/issues/${pull.number}/comments`) {
      if (fake.state.commentsReadOnly) return send(res, 403, notAccessible)
      const comment = issueComment(BOT, (call.body as { body: string }).body, { slug: 'github-actions' })
      fake.state.comments.push(comment)
      return send(res, 201, comment)
    }
    const contents = new RegExp(`^GET ${repoPath}/contents/(.+)$`).exec(route)
    if (contents) {
      const file = decodeURIComponent(contents[1]!)
      const text = fake.state.files[`${url.searchParams.get('ref') ?? ''}:${file}`]
      if (text === undefined) return send(res, 404, notFound)
      const bytes = Buffer.from(text, 'utf8')
      // GitHub's shape: base64 wrapped at 60 characters.
      const content = (bytes.toString('base64').match(/.{1,60}/g) ?? []).join('\n')
      return send(res, 200, {
        type: 'file',
        encoding: 'base64',
        size: bytes.length,
        name: file.split('/').pop(),
        path: file,
        content,
        sha: 'f'.repeat(40)
      })
    }
    const patch = new RegExp(`^PATCH ${repoPath}/issues/comments/(\\d+)$`).exec(route)
    if (patch) {
      if (fake.state.commentsReadOnly) return send(res, 403, notAccessible)
      const comment = fake.state.comments.find((c) => c.id === Number(patch[1]))
      if (comment === undefined) return send(res, 404, notFound)
      comment.body = (call.body as { body: string }).body
      return send(res, 200, comment)
    }
    send(res, 404, notFound)
  }

  const server: Server = createServer((req, res) => {
    let text = ''
    req.setEncoding('utf8')
    req.on('data', (chunk: string) => (text += chunk))
    req.on('end', () => {
      try {
        handle(req, res, text)
      } catch (error) {
        send(res, 500, { message: String(error) })
      }
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  return {
    url: base,
    get state() {
      return fake.state
    },
    calls: fake.calls,
    reset(state = {}) {
      fake.state = { ...fresh(), ...state }
      fake.calls.length = 0
    },
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())))
  }
}
