/**
 * The bundle decodes evaluation data in dist/decode-worker.js, a worker thread started from
 * beside dist/cli.js: the recompute from CSV and Parquet gives MLflow's AUC; a malformed file, or a
 * decoder thread that crashes, makes the recompute requirement `missing` with the reason and the
 * CLI exit 1 (blocked) promptly — never a pass, never a hang.
 */
import { execFile } from 'node:child_process'
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { venvProgram } from '../../support/python.js'

const PYTHON = venvProgram('mlflow3')

const run = promisify(execFile)
const node = resolve('node_modules/.bin/node')
const store = resolve('examples/credit-risk')
let folder: string
let csv: string
let aucLogged: number

interface Report {
  requirements: { id: string; status: string; message: string; details?: Record<string, unknown> }[]
}

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'aims-gate-dist-worker-'))
  await cp(resolve('dist'), join(folder, 'dist'), { recursive: true })
  const manifest = JSON.parse(await readFile(join(store, 'seed-manifest.json'), 'utf8')) as {
    models: Record<
      string,
      { versions: { aliases: string[]; runId: string; evaluatedMetrics: Record<string, number> }[] }
    >
  }
  const challenger = manifest.models['credit-risk']!.versions.find((v) => v.aliases.includes('challenger'))!
  csv = join(store, 'mlartifacts', challenger.runId, 'artifacts/eval/evaluation.csv')
  aucLogged = challenger.evaluatedMetrics.roc_auc!
})
afterAll(async () => {
  await rm(folder, { recursive: true, force: true })
})

/** `dist/cli.js check --json` of the example challenger on `evalData`, from the copied dist in `distDir`. */
async function check(
  evalData: string,
  distDir = 'dist'
): Promise<{ code: number; auc: Report['requirements'][number] }> {
  const args = [
    join(folder, distDir, 'cli.js'),
    'check',
    '--tracking-uri',
    `sqlite:///${store}/mlflow.db`,
    '--model',
    'credit-risk',
    '--alias',
    'challenger',
    '--policy',
    join(store, 'policy.yml'),
    '--card-source',
    join(store, 'model-cards/credit-risk.md'),
    '--card-dir',
    join(folder, `out-${distDir}`),
    '--eval-data',
    evalData,
    '--json'
  ]
  const result = await run(node, args, { cwd: folder, env: { PATH: process.env.PATH ?? '' }, timeout: 120_000 }).then(
    ({ stdout }) => ({ code: 0, stdout }),
    (error: { code?: number; stdout?: string }) => ({ code: error.code ?? -1, stdout: error.stdout ?? '' })
  )
  const report = JSON.parse(result.stdout) as Report
  return { code: result.code, auc: report.requirements.find((r) => r.id === 'auc-reconciled')! }
}

describe('dist/decode-worker.js', () => {
  it('is bundled beside the CLI and the action', async () => {
    const worker = await readFile(join(folder, 'dist/decode-worker.js'), 'utf8')
    expect(worker).toContain('parentPort')
  })

  it.each(['csv', 'parquet'])(
    'recomputes from %s in the worker: the AUC equals the logged one',
    { timeout: 180_000 },
    async (format) => {
      let data = csv
      if (format === 'parquet') {
        data = join(folder, 'evaluation.parquet')
        await run(PYTHON, [
          '-c',
          'import sys, pandas as pd; pd.read_csv(sys.argv[1]).to_parquet(sys.argv[2], index=False, row_group_size=300)',
          csv,
          data
        ])
      }
      const { code, auc } = await check(data)
      expect(auc.status, auc.message).toBe('pass')
      expect(code).toBe(0)
      expect(Math.abs((auc.details?.recomputed as number) - aucLogged)).toBeLessThan(1e-6)
    }
  )

  it('many batches: the worker scores some of them too, and the numbers equal the main thread alone', {
    timeout: 300_000
  }, async () => {
    // The evaluation rows 200 times over: ~8 batches of 65,536, more than the worker may hold
    // back unscored, so it runs the model on some batches itself; the same rows repeated have
    // the same AUC. Without dist/decode-worker.js the main thread decodes and scores everything.
    const [header, ...rows] = (await readFile(csv, 'utf8')).trimEnd().split('\n')
    const body = `${rows.join('\n')}\n`
    const many = join(folder, 'many.csv')
    await writeFile(many, `${header}\n${body.repeat(Math.ceil(520_000 / rows.length))}`)
    await cp(join(folder, 'dist'), join(folder, 'dist-inline'), { recursive: true })
    await rm(join(folder, 'dist-inline/decode-worker.js'))
    const shared = await check(many)
    const alone = await check(many, 'dist-inline')
    expect(shared.auc.status, shared.auc.message).toBe('pass')
    expect(shared.code).toBe(0)
    const recomputed = shared.auc.details?.recomputed as number
    expect(Math.abs(recomputed - aucLogged)).toBeLessThan(1e-6)
    expect(Math.abs(recomputed - (alone.auc.details?.recomputed as number))).toBeLessThan(1e-12)
  })

  it('a malformed CSV is missing with the line and column, exit 1', { timeout: 180_000 }, async () => {
    const lines = (await readFile(csv, 'utf8')).split('\n')
    const header = lines[0]!.split(',')
    const cells = lines[5]!.split(',')
    const feature = header.findIndex(
      (name) => !['label', 'sex', 'race', 'default'].includes(name) && /^-?\d/.test(cells[header.indexOf(name)] ?? '')
    )
    cells[feature] = 'lots'
    lines[5] = cells.join(',')
    const bad = join(folder, 'malformed.csv')
    await writeFile(bad, lines.join('\n'))
    const { code, auc } = await check(bad)
    expect(code).toBe(1)
    expect(auc.status).toBe('missing')
    expect(auc.message).toContain(`column '${header[feature]}' line 6 holds 'lots', which is not a number`)
  })

  it('a truncated Parquet file is missing with the reason, exit 1', { timeout: 180_000 }, async () => {
    const parquet = join(folder, 'evaluation.parquet')
    const bytes = await readFile(parquet)
    const footerLength = bytes.readUInt32LE(bytes.length - 8)
    const footer = bytes.subarray(bytes.length - 8 - footerLength)
    const cut = join(folder, 'cut.parquet')
    await writeFile(cut, Buffer.concat([Buffer.from('PAR1'), Buffer.alloc(bytes.length - 12 - footerLength), footer]))
    const { code, auc } = await check(cut)
    expect(code).toBe(1)
    expect(auc.status).toBe('missing')
    expect(auc.message).toMatch(/cut\.parquet: column '[^']+' has an unreadable page header/)
  })

  it('a decoder thread that crashes is missing with the reason, exit 1, without hanging', {
    timeout: 180_000
  }, async () => {
    await cp(join(folder, 'dist'), join(folder, 'dist-crash'), { recursive: true })
    await writeFile(join(folder, 'dist-crash/decode-worker.js'), `throw new Error('simulated decoder crash')\n`)
    const { code, auc } = await check(csv, 'dist-crash')
    expect(code).toBe(1)
    expect(auc.status).toBe('missing')
    expect(auc.message).toMatch(/data decoder thread failed \(simulated decoder crash\)/)
  })
})
