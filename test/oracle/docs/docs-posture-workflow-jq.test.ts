/**
 * The documented production-posture workflow's failing step (docs/github.md), run as GitHub runs
 * it (`bash -e -o pipefail`) with the real jq against posture.json files: it fails on a production
 * alias that was never gated, blocked, gated under a stale policy or moved by hand; passes when
 * only other findings (or other aliases) remain; fails closed on a missing or malformed file; and
 * registry text in the log can never start a workflow command.
 */
import { spawnSync } from 'node:child_process'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import type { PostureReport } from '../../../src/core/posture/types.js'
import { postureFixture } from '../../support/posture-site-fixture.js'

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..')
const STEP = 'Fail on production aliases without a current passing verdict'

async function documentedStep(): Promise<string> {
  const text = await readFile(path.join(ROOT, 'docs', 'github.md'), 'utf8')
  for (const [, body] of text.matchAll(/^```yaml\n([\s\S]*?)^```/gm)) {
    const workflow = parse(body as string) as { name?: string; jobs?: Record<string, { steps?: unknown[] }> }
    if (workflow?.name !== 'production-posture') continue
    const steps = Object.values(workflow.jobs ?? {}).flatMap((job) => job.steps ?? []) as Array<{
      name?: string
      run?: string
    }>
    const run = steps.find((s) => s.name === STEP)?.run
    if (run !== undefined) return run
  }
  throw new Error(`docs/github.md has no production-posture workflow with a step "${STEP}"`)
}

let script: string
let work: string
beforeAll(async () => {
  script = await documentedStep()
  work = await mkdtemp(path.join(tmpdir(), 'aims-gate-posture-jq-'))
})
afterAll(async () => {
  await rm(work, { recursive: true, force: true })
})

/** Runs the step in a fresh folder holding `posture/posture.json` (when given). */
async function runStep(posture: string | undefined): Promise<{ code: number | null; stdout: string }> {
  const dir = await mkdtemp(path.join(work, 'run-'))
  await mkdir(path.join(dir, 'posture'))
  if (posture !== undefined) await writeFile(path.join(dir, 'posture', 'posture.json'), posture)
  const result = spawnSync('bash', ['--noprofile', '--norc', '-e', '-o', 'pipefail', '-c', script], {
    cwd: dir,
    encoding: 'utf8'
  })
  if (result.error !== undefined) throw result.error
  return { code: result.status, stdout: result.stdout }
}

const only = (report: PostureReport, keep: (kind: string, alias?: string) => boolean): PostureReport => ({
  ...report,
  findings: report.findings.filter((f) => keep(f.kind, f.alias))
})

describe('the documented production-posture check', () => {
  it('fails on each production finding of the four kinds, listing them one JSON object per line', async () => {
    const { code, stdout } = await runStep(JSON.stringify(postureFixture()))
    expect(code).toBe(1)
    const listed = stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { kind: string; model: string })
    expect(listed.map((f) => `${f.kind} ${f.model}`).sort()).toEqual([
      'alias-moved pricing-model',
      'blocked fraud-detector',
      'never-gated churn-forecast',
      'stale-policy support-triage'
    ])
    expect(stdout).toContain('::error title=Production posture::4 production alias(es)')
  })

  it.each(['never-gated', 'blocked', 'stale-policy', 'alias-moved'])('fails on a %s finding alone', async (kind) => {
    const { code } = await runStep(JSON.stringify(only(postureFixture(), (k) => k === kind)))
    expect(code).toBe(1)
  })

  it('passes when only other kinds of finding, or other aliases, remain', async () => {
    const report = only(postureFixture(), (k) => k === 'waiver-expiring')
    expect(report.findings).toHaveLength(1)
    const staging = postureFixture()
    staging.findings = staging.findings.map((f) => ({ ...f, alias: 'staging' }))
    for (const posture of [report, staging]) {
      const { code, stdout } = await runStep(JSON.stringify(posture))
      expect(code).toBe(0)
      expect(stdout).toContain('Every production alias points at a version with a current passing verdict.')
    }
  })

  it('fails closed when posture.json is missing, malformed or of another shape', async () => {
    for (const posture of [
      undefined,
      '{"schemaVersion": 1, "findings": ',
      '{"schemaVersion": 2, "findings": []}',
      '[]'
    ]) {
      const { code } = await runStep(posture)
      expect(code, String(posture)).not.toBe(0)
    }
  })

  it('keeps registry text from starting a workflow command in the log (forgery)', async () => {
    const report = only(postureFixture(), (k) => k === 'blocked')
    const forged = report.findings[0]!
    forged.reason = 'fine\n::add-mask::hide-me\n::error::all good'
    forged.model = '::stop-commands::x'
    const { code, stdout } = await runStep(JSON.stringify(report))
    expect(code).toBe(1)
    const commands = stdout.split('\n').filter((line) => line.startsWith('::'))
    expect(commands).toEqual([
      '::error title=Production posture::1 production alias(es) lack a current passing verdict'
    ])
  })
})
