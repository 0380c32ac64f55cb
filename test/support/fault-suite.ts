/**
 * The shared set-up of the fault suites (test/integration/fault-*.test.ts): a work folder with the
 * fault policy, one fault proxy in front of each seeded server, started once per file and stopped
 * after it. Cases take the proxies in turn, so both MLflow versions see every fault class.
 */
import { randomUUID } from 'node:crypto'
import { rm } from 'node:fs/promises'
import { resolve } from 'node:path'
import { afterAll, beforeAll } from 'vitest'
import { assertBundleFresh } from './cli-runner.js'
import { expectContained, runFaultCase, writeFaultPolicy, type CaseResult, type CaseSetup } from './fault-case.js'
import { startFaultProxy, type FaultProxy, type FaultRule } from './fault-proxy.js'
import { servers } from './servers.js'

export interface FaultSuite {
  /** The work folder (cards, reports and the fault policy are written below it). */
  workRoot: string
  /** The proxy for case `index`, set to `rules`. */
  proxy(index: number, rules: FaultRule[]): FaultProxy
}

/** Registers the suite's beforeAll/afterAll; call once at the top of a test file. */
export function useFaultSuite(name: string): FaultSuite {
  const workRoot = resolve('.tmp', `${name}-${randomUUID()}`)
  const proxies: FaultProxy[] = []
  beforeAll(async () => {
    await assertBundleFresh()
    await writeFaultPolicy(workRoot)
    for (const s of servers()) proxies.push(await startFaultProxy(s.uri))
  })
  afterAll(async () => {
    await Promise.all(proxies.map((p) => p.stop()))
    await rm(workRoot, { recursive: true, force: true })
  })
  return {
    workRoot,
    proxy(index, rules) {
      const proxy = proxies[index % proxies.length]!
      proxy.configure(rules)
      return proxy
    }
  }
}

/**
 * A CLI case runner over the suite: the next server in turn (or `index`), the proxy set to
 * `rules`, and every case checked by `expectContained` (no leak, no crash, ended in time).
 */
export function faultGate(
  suite: FaultSuite
): (
  rules: FaultRule[],
  setup: Partial<CaseSetup> & { withinMs: number },
  index?: number
) => Promise<CaseResult & { seen: FaultProxy['seen'] }> {
  let caseNumber = 0
  return async (rules, setup, index = caseNumber++) => {
    const proxy = suite.proxy(index, rules)
    const result = await runFaultCase({ proxyUri: proxy.uri, workDir: suite.workRoot, ...setup })
    expectContained(result, setup.withinMs)
    return { ...result, seen: proxy.seen }
  }
}
