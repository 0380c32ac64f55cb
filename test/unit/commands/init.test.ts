/**
 * `aims-gate init` through the CLI entry with a store built in memory: the three files, no
 * overwrite without --force (nothing written, exit 2 naming the file), --force, a version target
 * and a model name the workflow cannot hold.
 */
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import type { CommandIO } from '../../../src/commands/command.js'
import { createInitCommand } from '../../../src/commands/init.js'
import type { MlflowStore, RunRecord } from '../../../src/collect/mlflow/store.js'
import type { ModelVersionEvidence } from '../../../src/core/evidence/types.js'
import { main } from '../../../src/entry/cli.js'

const T0 = Date.parse('2026-05-20T09:00:00Z')

function version(name: string, number: string, runId: string, aliases: string[]): ModelVersionEvidence {
  return {
    name,
    version: number,
    aliases,
    description: '',
    source: `runs:/${runId}/model`,
    runId,
    status: 'READY',
    creationTimestamp: T0 + 60_000,
    userId: 'ml-engineer',
    tags: {}
  }
}

function run(runId: string, metrics: Record<string, number>): RunRecord {
  return {
    runId,
    experimentId: '1',
    user: 'trainer',
    status: 'FINISHED',
    startTime: T0,
    endTime: T0 + 1000,
    artifactUri: `mlflow-artifacts:/1/${runId}/artifacts`,
    params: {},
    tags: {},
    outputModelIds: [],
    metrics: Object.entries(metrics).map(([key, value]) => ({ key, value, step: 0, timestamp: T0 })),
    datasets: [
      {
        name: 'train',
        digest: 'd1',
        sourceType: 'local',
        source: '{"uri": "data/train.csv"}',
        context: 'training',
        tags: {}
      }
    ]
  }
}

/** A read-only store holding one model with a challenger (v2) and a champion (v1). */
function fakeStore(name: string): MlflowStore {
  const versions = { '1': version(name, '1', 'r1', ['champion']), '2': version(name, '2', 'r2', ['challenger']) }
  const runs: Record<string, RunRecord> = { r1: run('r1', { roc_auc: 0.9 }), r2: run('r2', { roc_auc: 0.92 }) }
  const byAlias: Record<string, '1' | '2'> = { champion: '1', challenger: '2' }
  return {
    writable: false,
    requestCount: undefined,
    close: () => undefined,
    info: async () => ({ uri: 'sqlite:///fake.db', kind: 'sqlite' }),
    getRegisteredModel: async () => ({ name, description: '', tags: {}, aliases: { champion: '1', challenger: '2' } }),
    getModelVersion: async (_, number) => versions[number as '1' | '2'],
    getModelVersionByAlias: async (_, alias) => {
      const number = byAlias[alias]
      return number === undefined ? undefined : versions[number]
    },
    getRun: async (runId) => runs[runId],
    getLoggedModel: async () => undefined,
    listArtifacts: async () => [],
    readArtifact: async () => {
      throw new Error('no artifacts in the fake store')
    }
  }
}

let folder = ''
beforeEach(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'aims-gate-init-test-'))
})
afterEach(async () => {
  await rm(folder, { recursive: true, force: true })
})

async function init(argv: string[], name = 'credit-risk') {
  const out = { stdout: '', stderr: '' }
  const io: CommandIO = {
    stdout: (t) => (out.stdout += t),
    stderr: (t) => (out.stderr += t),
    env: {},
    cwd: folder,
    isTTY: false
  }
  const command = createInitCommand({ openStore: async () => fakeStore(name) })
  const code = await main(['init', '--model', name, '--tracking-uri', 'sqlite:///fake.db', ...argv], io, [command])
  return { code, ...out }
}

const FILES = ['policies/credit-risk.yml', 'model-cards/credit-risk.md', '.github/workflows/aims-gate.yml']

describe('aims-gate init', () => {
  it('writes the policy, the card source and the workflow', async () => {
    const result = await init(['--alias', 'challenger'])
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    for (const file of FILES) expect(result.stdout).toContain(`wrote ${file}`)
    const policy = parse(await readFile(path.join(folder, FILES[0] ?? ''), 'utf8'))
    expect(policy.profiles['pull-request'].requirements[0]).toMatchObject({ metric: 'roc_auc', min: 0.81 })
    const workflow = parse(await readFile(path.join(folder, FILES[2] ?? ''), 'utf8'))
    expect(workflow.jobs.gate.steps[1].with).toMatchObject({
      model: 'credit-risk',
      alias: 'challenger',
      policy: FILES[0],
      profile: 'pull-request',
      'card-source': FILES[1]
    })
  })

  it('never replaces an existing file without --force, and then writes nothing at all', async () => {
    await mkdir(path.join(folder, 'model-cards'), { recursive: true })
    await writeFile(path.join(folder, FILES[1] ?? ''), 'mine\n')
    const result = await init(['--alias', 'challenger'])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain(`${path.join(folder, FILES[1] ?? '')} already exists; nothing was written.`)
    expect(result.stderr).toContain('pass --force to replace it')
    expect(await readFile(path.join(folder, FILES[1] ?? ''), 'utf8')).toBe('mine\n')
    await expect(readFile(path.join(folder, FILES[0] ?? ''))).rejects.toThrow(/ENOENT/)
    const forced = await init(['--alias', 'challenger', '--force'])
    expect(forced.code).toBe(0)
    expect(await readFile(path.join(folder, FILES[1] ?? ''), 'utf8')).toContain('## Intended use')
  })

  it('writes under --out, and a --version target into the workflow', async () => {
    expect((await init(['--version', '2', '--out', 'repo'])).code).toBe(0)
    const workflow = parse(await readFile(path.join(folder, 'repo', FILES[2] ?? ''), 'utf8'))
    expect(workflow.jobs.gate.steps[1].with).toMatchObject({ version: '2' })
    expect(workflow.jobs.gate.steps[1].with.alias).toBeUndefined()
  })

  it('refuses a model name GitHub would evaluate as an expression (exit 2)', async () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the GitHub expression is the hostile input
    const result = await init(['--alias', 'challenger'], 'm${{ secrets.TOKEN }}')
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/holds "\$\{\{", which GitHub would evaluate/)
  })

  it('refuses a missing target before opening the store', async () => {
    const result = await init([])
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/neither --version nor --alias/)
  })
})
