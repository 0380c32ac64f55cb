/**
 * Hostile servers, part 3: the bundled action (dist/index.js) behind the fault proxy, with planted
 * credentials in the tracking-uri and github-token inputs and in MLFLOW_TRACKING_TOKEN. What a
 * server echoes back must not reach the log, annotations, job summary, outputs, card or report;
 * the runner's own `::add-mask::` commands are the only place a secret may appear.
 */
import { randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { runAction } from '../support/action-runner.js'
import { ENCODED_SECRETS, GITHUB_TOKEN, MARKER, TOKEN, URI_PASSWORD } from '../support/fault-case.js'
import type { FaultRule } from '../support/fault-proxy.js'
import { useFaultSuite } from '../support/fault-suite.js'

const suite = useFaultSuite('fault-action')
const { workRoot } = suite

async function action(index: number, rules: FaultRule[], auth: 'uri' | 'token') {
  const proxy = suite.proxy(index, rules)
  const cardDir = `out-${randomUUID()}`
  const uri = auth === 'uri' ? proxy.uri.replace('http://', `http://ci:${URI_PASSWORD}@`) : proxy.uri
  const started = Date.now()
  const run = await runAction({
    workspace: workRoot,
    inputs: {
      model: 'credit-risk',
      alias: 'challenger',
      'tracking-uri': uri,
      policy: 'fault-policy.yml',
      profile: 'evidence',
      'card-dir': cardDir,
      'github-token': GITHUB_TOKEN,
      comment: 'false',
      timeout: '10',
      deadline: '60'
    },
    env: { MLFLOW_HTTP_REQUEST_MAX_RETRIES: '1', ...(auth === 'token' ? { MLFLOW_TRACKING_TOKEN: TOKEN } : {}) }
  })
  const files = ['2.md', '2.report.json'].map((f) => path.join(workRoot, cardDir, 'credit-risk', f))
  const written = await Promise.all(files.map(async (f) => (existsSync(f) ? await readFile(f, 'utf8') : '')))
  // The runner consumes `::add-mask::` itself; everything else is what people (or GitHub) see.
  const log = run.stdout
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n')
  const everything = [log, run.stderr, run.summary, JSON.stringify(run.outputs), ...written].join('\n')
  expect(everything).not.toContain(MARKER)
  for (const encoded of ENCODED_SECRETS) expect(everything).not.toContain(encoded)
  expect(Date.now() - started).toBeLessThan(60_000)
  return { ...run, log, everything }
}

describe('the action against servers that echo credentials', () => {
  it(
    'a document read answered with the Basic password in an HTML page: blocked, ' + 'echo redacted, retry in the log',
    async () => {
      const run = await action(
        0,
        [{ on: 'document', fault: { kind: 'echo-credentials', status: 500, format: 'html' } }],
        'uri'
      )
      expect(run.code).toBe(1)
      expect(run.outputs.verdict).toBe('fail')
      expect(run.log).toMatch(/→ 500: attempt 1 of 2 failed; retrying in/)
      expect(run.everything).toContain('***')
    }
  )

  it('a registry lookup answered 401 with the bearer token quoted: the failure line is redacted', async () => {
    const run = await action(
      1,
      [{ on: 'registry', fault: { kind: 'echo-credentials', status: 401, format: 'text' } }],
      'token'
    )
    expect(run.code).toBe(1)
    expect(run.log).toMatch(/::error::aims-gate: GET .*401.*\*\*\*/)
  })
})
