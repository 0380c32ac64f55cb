/**
 * `aims-gate posture` as one pipeline: prepare (tracking URI, clock, policy) → collect (the
 * registry, under the in-flight bound) → evaluate (pure findings and roll-ups) → render (the
 * site and posture.json) → publish (the folder swapped in atomically). Nothing is written to
 * MLflow; nothing talks to GitHub.
 */
import { restHttpClient } from '../../collect/mlflow/open-store.js'
import { classifyTrackingUri, resolveTrackingUri } from '../../collect/mlflow/tracking-uri.js'
import { loadPolicyFile } from '../../collect/policy-file.js'
import { collectPosture } from '../../collect/posture/collect-registry.js'
import { InFlightLimit } from '../../collect/posture/in-flight.js'
import { PostureRegistryReader } from '../../collect/posture/registry-rest.js'
import { invalid } from '../../core/errors.js'
import { resolveProfile } from '../../core/policy/resolve-profile.js'
import type { PostureContext } from '../../core/posture/collected.js'
import { postureReport } from '../../core/posture/posture-report.js'
import type { PostureReport } from '../../core/posture/types.js'
import { writeSiteAtomic } from '../../publish/write-site-atomic.js'
import { renderPostureJson } from '../../render/posture/posture-schema.js'
import { postureSiteFiles } from '../../render/posture/site.js'
import { VERSION } from '../../version.js'
import { gateClock } from '../fixed-clock.js'
import type { GatePorts } from '../ports.js'
import { redactStrings } from '../stages/render.js'
import { whatIfEvaluator } from './what-if.js'

export const POSTURE_JSON = 'posture.json'

export interface PostureOptions {
  trackingUri?: string
  out?: string
  policyPath?: string
  profile?: string
  aliases: string[]
  maxInFlight: number
  approvalMaxAgeDays: number
  timeoutSeconds?: number
  now?: string
  sourceDateEpoch?: string
}

export interface PostureRun {
  report: PostureReport
  out: string
  files: string[]
}

async function prepare(options: PostureOptions, ports: GatePorts) {
  if (options.out === undefined) throw invalid('no output folder given. Fix: pass --out DIR (e.g. --out posture-site).')
  if (options.profile !== undefined && options.policyPath === undefined)
    throw invalid('--profile needs --policy (the profile is one of that policy). Fix: add --policy FILE.')
  const trackingUri = resolveTrackingUri(options.trackingUri, ports.env)
  const target = classifyTrackingUri(trackingUri)
  if (target.kind !== 'rest') {
    throw invalid(
      `aims-gate posture reads a tracking server's registry; ${target.display} is a local store. Fix: start ` +
        '`mlflow server` on it and pass --tracking-uri http://host:port.'
    )
  }
  const now = gateClock({ now: options.now, sourceDateEpoch: options.sourceDateEpoch }, '--now').now()
  const ctx: PostureContext = {
    now,
    trackingUri: target.display,
    uiBase: target.display,
    toolVersion: VERSION,
    aliases: [...new Set(options.aliases)].sort(),
    approvalMaxAgeDays: options.approvalMaxAgeDays
  }
  if (options.policyPath !== undefined) {
    const policy = await loadPolicyFile(options.policyPath, ports.cwd)
    const profile = resolveProfile(policy, options.profile)
    ctx.policy = { name: policy.name, sha256: policy.sha256, profile: profile.name }
  }
  return { target, trackingUri, ctx, out: options.out }
}

export async function runPosture(options: PostureOptions, ports: GatePorts): Promise<PostureRun> {
  const { target, trackingUri, ctx, out } = await prepare(options, ports)
  const http = restHttpClient(target, ports.env, {
    ...(options.timeoutSeconds === undefined ? {} : { timeoutSeconds: options.timeoutSeconds }),
    ...(ports.log ? { log: ports.log } : {})
  })
  const limit = new InFlightLimit(options.maxInFlight)
  const reader = new PostureRegistryReader(http, limit)
  let whatIfRequests = 0
  const evaluate =
    options.policyPath === undefined
      ? undefined
      : whatIfEvaluator(
          {
            trackingUri,
            policyPath: options.policyPath,
            ...(ctx.policy?.profile === undefined ? {} : { profile: ctx.policy.profile }),
            ...(options.timeoutSeconds === undefined ? {} : { timeoutSeconds: options.timeoutSeconds }),
            now: ctx.now
          },
          ports,
          (n) => {
            whatIfRequests += n
          }
        )
  // A what-if holds one slot for its whole evaluation (its own requests are counted apart).
  const whatIf = evaluate && ((model: string, version: string) => limit.run(() => evaluate(model, version)))
  const results = await collectPosture({ reader, limit, ctx, ...(whatIf ? { whatIf } : {}) })
  const redact = ports.redact ?? ((text: string) => text)
  const report = redactStrings(
    redact,
    postureReport(results, ctx, { count: reader.requestCount + whatIfRequests, maxInFlight: limit.peak })
  )
  // posture.json is the command's own file: a page of that name from the site is never written.
  function* siteFiles(): Generator<readonly [string, string]> {
    yield [POSTURE_JSON, renderPostureJson(report)]
    for (const entry of postureSiteFiles(report)) if (entry[0] !== POSTURE_JSON) yield entry
  }
  const files = await writeSiteAtomic(out, siteFiles(), POSTURE_JSON)
  return { report, out, files }
}
