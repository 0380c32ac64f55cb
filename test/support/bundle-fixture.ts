/**
 * Evidence bundles of the example model (the committed local store, no server), written by the
 * bundled CLI, and the byte-level tools the bundle tests tamper with them. Hashing here uses
 * node:crypto directly, never the project's bundle code, so a forgery is built the way an
 * attacker would build it.
 */
import { createHash } from 'node:crypto'
import { cp, mkdtemp, readdir, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { ROOT } from './action-runner.js'
import { runCli, type CliRun } from './cli-runner.js'

/** The demo's arguments (`npm run demo`) without the output folders. */
export const EXAMPLE = [
  'check',
  '--tracking-uri',
  `sqlite:///${path.join(ROOT, 'examples/credit-risk/mlflow.db')}`,
  '--model',
  'credit-risk',
  '--alias',
  'challenger',
  '--policy',
  path.join(ROOT, 'examples/credit-risk/policy.yml'),
  '--profile',
  'production',
  '--card-source',
  path.join(ROOT, 'examples/credit-risk/model-cards/credit-risk.md')
]
/** Clocks at which the example passes (after its approval) and is blocked (its documents "in the future"). */
export const PASSING_NOW = '2027-01-01T00:00:00Z'
export const BLOCKED_NOW = '2026-01-31T12:00:00Z'

export async function scratch(name: string): Promise<string> {
  return await mkdtemp(path.join(tmpdir(), `aims-gate-${name}-`))
}

export async function checkWithBundle(
  work: string,
  name: string,
  extra: string[] = [],
  env: Record<string, string> = {}
): Promise<CliRun & { bundle: string; cards: string }> {
  const bundle = path.join(work, name)
  const cards = path.join(work, `${name}-cards`)
  const run = await runCli([...EXAMPLE, '--card-dir', cards, '--bundle', bundle, ...extra], { cwd: work, env })
  return { ...run, bundle, cards }
}

/** Every file under `dir`, by `/`-separated relative path. */
export async function filesOf(dir: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>()
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue
    const full = path.join(entry.parentPath, entry.name)
    out.set(path.relative(dir, full).split(path.sep).join('/'), await readFile(full))
  }
  return out
}

export async function copyBundle(from: string, work: string): Promise<string> {
  const to = await mkdtemp(path.join(work, 'copy-'))
  await cp(from, to, { recursive: true })
  return to
}

export const sha256 = (bytes: Buffer | string): string => createHash('sha256').update(bytes).digest('hex')
