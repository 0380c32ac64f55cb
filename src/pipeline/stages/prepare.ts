/**
 * Everything that can be refused before a single request is sent: the policy (the governing
 * version, read from git or GitHub when it is not the working tree's), the profile, the card
 * template and the tracking URI. Any problem here is exit 2 (nothing evaluated), except a base
 * policy GitHub failed to give, which blocks (exit 1) like any evidence that cannot be fetched.
 */
import { classifyTrackingUri, resolveTrackingUri } from '../../collect/mlflow/tracking-uri.js'
import { localStoreRefusal } from '../../collect/mlflow/sqlite/file-store.js'
import { nonRegularFile } from '../../collect/read-input-file.js'
import { readSigningKey } from '../../collect/read-signing-key.js'
import { invalid } from '../../core/errors.js'
import { resolveModelRef } from '../../core/model-ref.js'
import { assertEvaluationConfigured } from '../../core/policy/evaluation-required.js'
import { policyNeeds } from '../../core/policy/policy-needs.js'
import { resolveProfile } from '../../core/policy/resolve-profile.js'
import { loadCardTemplate } from '../../publish/load-card-template.js'
import path from 'node:path'
import type { GateOptions } from '../gate-options.js'
import { loadGoverningPolicy } from '../governing-policy.js'
import type { Env, PullRequestBasePort } from '../ports.js'
import type { PreparedRun } from '../prepared-run.js'

export async function prepareRun(
  options: GateOptions,
  env: Env,
  cwd: string,
  pullRequestBase?: PullRequestBasePort
): Promise<PreparedRun> {
  const ref = resolveModelRef({ model: options.model, version: options.version, alias: options.alias })
  if (ref.version === undefined && ref.alias === undefined) {
    throw invalid(
      `no version chosen for model ${ref.model}; fix: pass --version N or --alias ` +
        `NAME (or a models:/${ref.model}@alias URI)`
    )
  }
  const trackingUri = resolveTrackingUri(options.trackingUri, env)
  const target = classifyTrackingUri(trackingUri)
  if (target.kind === 'file') {
    // Refused before the policy is read, with the same message every command gives.
    throw localStoreRefusal(target.display, target.path)
  }
  if (options.writeBack && target.kind !== 'rest') {
    throw invalid(
      'write-back needs an MLflow tracking server (http:// or https://); a local ' +
        'sqlite:/// store is read-only for aims-gate. Fix: turn write-back off or point ' +
        '--tracking-uri at a server'
    )
  }
  const { policy, governance } = await loadGoverningPolicy(options, {
    cwd,
    ...(pullRequestBase ? { pullRequestBase } : {})
  })
  const profile = options.profile === undefined ? resolveProfile(policy) : resolveProfile(policy, options.profile)
  assertEvaluationConfigured(policy, profile)
  if (options.evalDataPath !== undefined) {
    // A FIFO or device would block or never end the recompute: refused before anything runs.
    const type = await nonRegularFile(path.resolve(cwd, options.evalDataPath))
    if (type !== undefined)
      throw invalid(
        `--eval-data ${options.evalDataPath} is ${type}, not a regular file; fix: pass a CSV or Parquet file`
      )
  }
  const signingKey = await bundleSigningKey(options, cwd)
  const template = await loadCardTemplate({
    cwd,
    ...(options.cardTemplatePath ? { templatePath: options.cardTemplatePath } : {})
  })
  return {
    ref: { ...ref, model: ref.model },
    trackingUri,
    storeKind: target.kind,
    policy,
    governance,
    profile,
    needs: policyNeeds(profile.requirements),
    template,
    ...(signingKey === undefined ? {} : { signingKey })
  }
}

/** A key that cannot sign is refused here (exit 2), so a bad key never leaves a half-written run. */
async function bundleSigningKey(options: GateOptions, cwd: string) {
  if (options.signKeyPath === undefined) return undefined
  // A key with nothing to sign would be ignored silently; the user meant to get a signed bundle.
  if (options.bundleDir === undefined) {
    throw invalid(
      'the signing key signs the evidence bundle, which is not asked for; ' +
        'fix: give the bundle folder too (--bundle DIR, input bundle)'
    )
  }
  return readSigningKey(path.resolve(cwd, options.signKeyPath), 'private', 'the signing key')
}
