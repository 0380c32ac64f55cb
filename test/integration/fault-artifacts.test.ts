/**
 * Hostile servers, part 2: faults on artifact listings, document reads and artifact downloads
 * (model files, evaluation data), injected by the fault proxy in front of the real seeded MLflow
 * 2.x and 3.x servers, against the bundled CLI. Bombs and endless bodies are kept small by the
 * limit variables, so each case ends by itself in seconds. Every case also asserts
 * (expectContained) no leaked credential, no crash, and an end in time.
 */
import { describe, expect, it } from 'vitest'
import { expectBlocked } from '../support/fault-case.js'
import { faultGate, useFaultSuite } from '../support/fault-suite.js'

const suite = useFaultSuite('fault-artifacts')
/** Runs a case on the next server in turn (or on `index`), with the proxy set to `rules`. */
const gate = faultGate(suite)

// A document is read directly even when the run's listing fails (the listing only pre-checks its
// size), so listing faults are exercised where a listing is the evidence: the model directory
// walk behind a recomputed metric.
describe('faults on artifact listings', () => {
  it('5xx that never recovers: the model cannot be listed, the recomputed metric does not pass', async () => {
    const r = await gate([{ on: 'artifact-list', fault: { kind: 'answer', status: 500, body: 'boom' } }], {
      profile: 'model',
      withinMs: 30_000
    })
    expectBlocked(r, /500/, ['auc-recomputed'])
  })

  it('an HTML page with 200: not a listing', async () => {
    const r = await gate(
      [
        {
          on: 'artifact-list',
          fault: { kind: 'answer', status: 200, contentType: 'text/html', body: '<html><title>Portal</title></html>' }
        }
      ],
      { profile: 'model', withinMs: 30_000 }
    )
    expectBlocked(r, /not JSON/, ['auc-recomputed'])
  })

  it('wrong types (files is a string): refused', async () => {
    const r = await gate(
      [{ on: 'artifact-list', fault: { kind: 'rewrite-json', rewrite: () => ({ files: 'MLmodel' }) } }],
      { profile: 'model', withinMs: 30_000 }
    )
    expectBlocked(r, /files/, ['auc-recomputed'])
  })

  it('a listing that hides the document still cannot make a missing document pass', async () => {
    const r = await gate([{ on: 'artifact-list', fault: { kind: 'rewrite-json', rewrite: () => ({ files: [] }) } }], {
      withinMs: 20_000
    })
    expectBlocked(r, /impact_assessment\.md/, ['impact'])
  })
})

describe('faults on document reads', () => {
  it('a gzip bomb (unrequested Content-Encoding): refused before decoding, no crash', async () => {
    const r = await gate([{ on: 'document', fault: { kind: 'gzip-bomb', decodedBytes: 64 * 1024 ** 2 } }], {
      withinMs: 20_000
    })
    expectBlocked(r, /Content-Encoding "gzip".*did not ask for/, ['impact'])
  })

  it('a huge body declared up front: refused at the response cap without reading it', async () => {
    const r = await gate(
      [{ on: 'document', fault: { kind: 'trickle', declaredBytes: 2 * 1024 ** 3, chunkBytes: 1024, everyMs: 50 } }],
      { withinMs: 20_000 }
    )
    expectBlocked(r, /2147483648 bytes is over the 64 MiB limit/, ['impact'])
  })

  it('an echo of the credentials in an HTML error page: redacted in the report and the card', async () => {
    const r = await gate([{ on: 'document', fault: { kind: 'echo-credentials', status: 500, format: 'html' } }], {
      auth: 'uri',
      withinMs: 20_000
    })
    expectBlocked(r, /impact_assessment\.md/, ['impact'])
    expect(r.report?.requirements.find((q) => q.id === 'impact')?.message).toContain('***')
  })

  it('403: the document is missing as unauthorised', async () => {
    const r = await gate([{ on: 'document', fault: { kind: 'answer', status: 403, body: 'forbidden' } }], {
      withinMs: 20_000
    })
    expectBlocked(r, /403/, ['impact'])
  })

  it('404 for a listed document: missing, not a pass', async () => {
    const r = await gate(
      [
        {
          on: 'document',
          fault: {
            kind: 'answer',
            status: 404,
            contentType: 'application/json',
            body: '{"error_code":"RESOURCE_DOES_NOT_EXIST","message":"gone"}'
          }
        }
      ],
      { withinMs: 20_000 }
    )
    expectBlocked(r, /RESOURCE_DOES_NOT_EXIST|not found|gone/, ['impact'])
  })
})

describe('faults on artifact downloads (model files and evaluation data)', () => {
  it.each([0, 1])('control: the model profile recomputes and passes with no fault (server %i)', async (index) => {
    const r = await gate([], { profile: 'model', withinMs: 60_000 }, index)
    expect(r.code, r.stderr).toBe(0)
    expect(r.report?.verdict).toBe('pass')
  })

  it('a gzip bomb as a model file: refused, the recomputed metric does not pass, no crash', async () => {
    const r = await gate([{ on: 'artifact-download', fault: { kind: 'gzip-bomb', decodedBytes: 64 * 1024 ** 2 } }], {
      profile: 'model',
      withinMs: 30_000
    })
    expectBlocked(r, /Content-Encoding "gzip"/, ['auc-recomputed'])
  })

  it('an endless trickle: cut off by the download deadline, not kept open per idle gap', async () => {
    const r = await gate(
      [
        {
          on: 'artifact-download',
          fault: { kind: 'trickle', declaredBytes: 100 * 1024 ** 2, chunkBytes: 512, everyMs: 100 }
        }
      ],
      {
        profile: 'model',
        env: { AIMS_GATE_DOWNLOAD_DEADLINE: '2' },
        withinMs: 25_000
      }
    )
    expectBlocked(r, /did not finish within the 2 s download deadline.*AIMS_GATE_DOWNLOAD_DEADLINE/, ['auc-recomputed'])
  })

  it('a body over the download cap: refused, naming the limit and the variable', async () => {
    const r = await gate(
      [
        {
          on: 'artifact-download',
          fault: { kind: 'trickle', declaredBytes: 5 * 1024 ** 2, chunkBytes: 64 * 1024, everyMs: 5 }
        }
      ],
      {
        profile: 'model',
        env: { AIMS_GATE_MAX_DOWNLOAD_MB: '1' },
        withinMs: 25_000
      }
    )
    expectBlocked(r, /over the 1 MiB limit.*AIMS_GATE_MAX_DOWNLOAD_MB/, ['auc-recomputed'])
  })

  it('connection reset mid-body on every attempt: missing, not a partial file hashed as the model', async () => {
    const r = await gate([{ on: 'artifact-download', fault: { kind: 'reset-mid-body' } }], {
      profile: 'model',
      withinMs: 30_000
    })
    expectBlocked(r, /model directory|evaluation|artifact/, ['auc-recomputed'])
  })

  it('a stall longer than --timeout: idle timeout, missing', async () => {
    const r = await gate([{ on: 'artifact-download', fault: { kind: 'delay', ms: 10_000 } }], {
      profile: 'model',
      flags: ['--timeout', '1'],
      withinMs: 30_000
    })
    expectBlocked(r, /no answer within 1 s/, ['auc-recomputed'])
  })

  it('one 503 then success: retried, announced, and the recomputed metric may pass', async () => {
    const r = await gate(
      [{ on: 'artifact-download', fault: { kind: 'answer', status: 503, body: 'busy' }, times: 1 }],
      { profile: 'model', withinMs: 60_000 }
    )
    expect(r.code, r.stderr).toBe(0)
    expect(r.stderr).toMatch(/→ 503: attempt 1 of 2 failed; retrying in/)
  })

  it('401 with the token echoed: redacted, missing', async () => {
    const r = await gate(
      [{ on: 'artifact-download', fault: { kind: 'echo-credentials', status: 401, format: 'text' } }],
      { profile: 'model', withinMs: 30_000 }
    )
    expectBlocked(r, /401/, ['auc-recomputed'])
  })
})
