/**
 * Hostile servers, part 1: faults on the registry lookups, the run lookup and the server version,
 * injected by the fault proxy in front of the real seeded MLflow 2.x and 3.x servers, against the
 * bundled CLI. Cases alternate between the two servers; the control case runs on both.
 * Every case also asserts (expectContained) that no planted credential reaches any output, that
 * nothing crashed, and that the run ended in time.
 */
import { describe, expect, it } from 'vitest'
import { expectBlocked, expectContained, runFaultCase } from '../support/fault-case.js'
import { faultGate, useFaultSuite } from '../support/fault-suite.js'

const suite = useFaultSuite('fault-registry')
const { workRoot } = suite
/** Runs a case on the next server in turn (or on `index`), with the proxy set to `rules`. */
const gate = faultGate(suite)

const MLFLOW_JSON = 'application/json'

describe('faults on registry lookups', () => {
  it.each([0, 1])('control: no fault lets the evidenced challenger through (server %i)', async (index) => {
    const r = await gate([], { withinMs: 30_000 }, index)
    expect(r.code, r.stderr).toBe(0)
    expect(r.report?.verdict).toBe('pass')
  })

  it('connection reset before the answer: unreachable, exit 1', async () => {
    const r = await gate([{ on: 'registry', fault: { kind: 'reset-before' } }], { withinMs: 20_000 })
    expectBlocked(r, /registered-models|model-versions/)
    expect(r.stderr).toMatch(/cannot reach|no answer/)
  })

  it('connection reset mid-body: exit 1, never a partial answer read as evidence', async () => {
    const r = await gate([{ on: 'registry', fault: { kind: 'reset-mid-body' } }], { withinMs: 20_000 })
    expectBlocked(r, /registered-models|model-versions/)
  })

  it('an answer slower than --timeout: timed out, retries announced, exit 1', async () => {
    const r = await gate([{ on: 'registry', fault: { kind: 'delay', ms: 5_000 } }], {
      flags: ['--timeout', '1'],
      withinMs: 15_000
    })
    expectBlocked(r, /no answer within 1 s/)
    expect(r.stderr).toMatch(/→ no answer within 1 s: attempt 1 of 2 failed; retrying in \d+\.\d s/)
  })

  it('a 5xx burst then success: each retry is one stderr line, and the gate may pass', async () => {
    const r = await gate([{ on: 'registry', fault: { kind: 'answer', status: 503, body: 'busy' }, times: 2 }], {
      env: { MLFLOW_HTTP_REQUEST_MAX_RETRIES: '3' },
      withinMs: 30_000
    })
    expect(r.code, r.stderr).toBe(0)
    expect(r.stderr.match(/→ 503: attempt \d of 4 failed; retrying in/g)).toHaveLength(2)
  })

  it('429 with Retry-After: waits what the server asks, says so, then succeeds', async () => {
    const r = await gate(
      [{ on: 'registry', fault: { kind: 'answer', status: 429, headers: { 'retry-after': '1' } }, times: 1 }],
      { withinMs: 30_000 }
    )
    expect(r.code, r.stderr).toBe(0)
    expect(r.stderr).toMatch(/→ 429: attempt 1 of 2 failed; retrying in 1\.0 s/)
  })

  it.each([
    [401, /401.*credentials sent were rejected/],
    [403, /403.*lacks permission/]
  ])('%i: exit 1 with the credential fix', async (status, message) => {
    const r = await gate([{ on: 'registry', fault: { kind: 'answer', status, body: 'no' } }], { withinMs: 20_000 })
    expectBlocked(r, message)
  })

  it('a 404 HTML page (wrong prefix or proxy): exit 1, not "unknown model"', async () => {
    const r = await gate(
      [
        {
          on: 'registry',
          fault: {
            kind: 'answer',
            status: 404,
            contentType: 'text/html',
            body: '<html><title>Not Found</title></html>'
          }
        }
      ],
      { withinMs: 20_000 }
    )
    expectBlocked(r, /404 \(HTML page "Not Found"\)/)
  })

  it('an HTML login page with 200: exit 1, not JSON', async () => {
    const r = await gate(
      [
        {
          on: 'registry',
          fault: { kind: 'answer', status: 200, contentType: 'text/html', body: '<html><title>Sign in</title></html>' }
        }
      ],
      { withinMs: 20_000 }
    )
    expectBlocked(r, /200 with a body that is not JSON \(HTML page "Sign in"\)/)
  })

  it('truncated JSON: exit 1', async () => {
    const r = await gate([{ on: 'registry', fault: { kind: 'truncate' } }], { withinMs: 20_000 })
    expectBlocked(r, /not JSON/)
  })

  it('wrong types (a version number that is an object): exit 1, the field named', async () => {
    const rewrite = (json: unknown) => ({
      ...(json as object),
      model_version: { ...(json as { model_version: object }).model_version, version: { n: 2 } }
    })
    const r = await gate([{ on: 'registry', fault: { kind: 'rewrite-json', rewrite } }], { withinMs: 20_000 })
    expectBlocked(r, /JSON MLflow does not produce \(model_version\.version/)
  })

  it('an empty 200 body: exit 1', async () => {
    const r = await gate(
      [{ on: 'registry', fault: { kind: 'answer', status: 200, contentType: MLFLOW_JSON, body: '' } }],
      { withinMs: 20_000 }
    )
    expectBlocked(r, /JSON MLflow does not produce/)
  })

  it('a JSON answer over the response cap: exit 1, naming the limit and the variable that raises it', async () => {
    const big = JSON.stringify({ model_version: { name: 'credit-risk', version: '2', padding: 'x'.repeat(300_000) } })
    const r = await gate(
      [{ on: 'registry', fault: { kind: 'answer', status: 200, contentType: MLFLOW_JSON, body: big } }],
      {
        env: { AIMS_GATE_MAX_RESPONSE_MB: '0.25' },
        withinMs: 20_000
      }
    )
    expectBlocked(r, /over the 262144 bytes limit.*AIMS_GATE_MAX_RESPONSE_MB/)
  })

  it.each([
    ['token', 401, 'text'],
    ['uri', 403, 'mlflow-json'],
    ['uri', 500, 'html']
  ] as const)(
    'reflected credentials (%s auth, %i %s): the echo is redacted everywhere',
    async (auth, status, format) => {
      const r = await gate([{ on: 'registry', fault: { kind: 'echo-credentials', status, format } }], {
        auth,
        withinMs: 20_000
      })
      expectBlocked(r, new RegExp(String(status)))
      expect(r.stderr).toContain('***')
    }
  )
})

describe('faults on the run lookup', () => {
  it('connection reset: the run evidence is missing, the metric does not pass', async () => {
    const r = await gate([{ on: 'run', fault: { kind: 'reset-before' } }], { withinMs: 20_000 })
    expectBlocked(r, /runs\/get/, ['auc'])
  })

  it('5xx that never recovers: exit 1 after the announced retries', async () => {
    const r = await gate([{ on: 'run', fault: { kind: 'answer', status: 502, body: 'bad gateway' } }], {
      withinMs: 20_000
    })
    expectBlocked(r, /runs\/get.*502/, ['auc'])
    expect(r.stderr).toMatch(/runs\/get .*→ 502: attempt 1 of 2 failed/)
  })

  it('a forged metric of the wrong type: refused, never compared', async () => {
    const rewrite = (json: unknown) => {
      const run = (json as { run: { data: { metrics?: Array<Record<string, unknown>> } } }).run
      run.data.metrics = (run.data.metrics ?? []).map((m) => ({ ...m, value: 'high' }))
      return json
    }
    const r = await gate([{ on: 'run', fault: { kind: 'rewrite-json', rewrite } }], { withinMs: 20_000 })
    expectBlocked(r, /run\.data\.metrics/, ['auc'])
  })

  it('truncated JSON: exit 1', async () => {
    const r = await gate([{ on: 'run', fault: { kind: 'truncate' } }], { withinMs: 20_000 })
    expectBlocked(r, /runs\/get.*not JSON/, ['auc'])
  })

  it('reflected credentials in a run error: redacted', async () => {
    const r = await gate([{ on: 'run', fault: { kind: 'echo-credentials', status: 500, format: 'text' } }], {
      withinMs: 20_000
    })
    expectBlocked(r, /runs\/get.*500/, ['auc'])
  })
})

describe('a server that never answers, and the deadline', () => {
  it('honours MLFLOW_HTTP_REQUEST_TIMEOUT with no --timeout flag, and says it is retrying', async () => {
    const r = await gate(
      [
        { on: 'version', fault: { kind: 'delay', ms: 60_000 } },
        { on: 'registry', fault: { kind: 'delay', ms: 60_000 } }
      ],
      {
        flags: ['--deadline', '60'],
        env: { MLFLOW_HTTP_REQUEST_TIMEOUT: '1', MLFLOW_HTTP_REQUEST_MAX_RETRIES: '2' },
        withinMs: 15_000
      }
    ).catch((e: unknown) => {
      throw e
    })
    expectBlocked(r, /no answer within 1 s after 3 attempts/)
    expect(r.stderr.match(/attempt \d of 3 failed; retrying in/g)).toHaveLength(2)
  })

  it('--deadline ends a run whose requests and retries would take longer', async () => {
    const r = await gate([{ on: 'registry', fault: { kind: 'delay', ms: 60_000 } }], {
      flags: ['--timeout', '30', '--deadline', '3'],
      env: { MLFLOW_HTTP_REQUEST_MAX_RETRIES: '5' },
      withinMs: 10_000
    })
    expectBlocked(r, /overall deadline of 3 s passed.*raise --deadline/)
  })

  it('a tracking URI with an unencoded / in the password: exit 2, credentials not echoed', async () => {
    const proxy = suite.proxy(0, [])
    const r = await runFaultCase({
      proxyUri: proxy.uri.replace('http://', 'http://ci:pw/PLANTED-x@'),
      workDir: workRoot,
      withinMs: 10_000
    })
    expectContained(r, 10_000)
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/tracking URI \(credentials hidden\) is not a valid URL.*percent-encode/)
  })
})
