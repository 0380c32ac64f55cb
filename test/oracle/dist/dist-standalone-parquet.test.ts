/**
 * The bundle copied alone into an empty folder reads a Parquet evaluation file written by
 * pandas/pyarrow (hyparquet is imported lazily, which a bundle can get wrong while the sources work).
 */
import { readFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { pandasParquet } from '../../support/python.js'
import { exampleCheck, node, run, standaloneDist } from '../../support/standalone-dist.js'

const dist = standaloneDist()

describe('dist/ copied alone to an empty folder', () => {
  it('recomputes from a Parquet evaluation file: the AUC equals the one MLflow evaluate computed', async () => {
    const store = resolve('examples/credit-risk')
    const manifest = JSON.parse(await readFile(join(store, 'seed-manifest.json'), 'utf8')) as {
      models: Record<
        string,
        { versions: { aliases: string[]; runId: string; evaluatedMetrics: Record<string, number> }[] }
      >
    }
    const challenger = manifest.models['credit-risk']!.versions.find((v) => v.aliases.includes('challenger'))!
    // The run's own evaluation CSV, rewritten as Parquet by pandas/pyarrow (several row groups).
    const csv = join(store, 'mlartifacts', challenger.runId, 'artifacts/eval/evaluation.csv')
    const parquet = join(dist.folder, 'evaluation.parquet')
    await pandasParquet(csv, parquet, 700)
    const { stdout } = await run(
      node,
      exampleCheck(dist.folder, store, 'out-parquet', '--eval-data', parquet, '--json'),
      { cwd: dist.folder, env: { PATH: process.env.PATH ?? '' } }
    )
    const report = JSON.parse(stdout) as {
      requirements: { id: string; status: string; message: string; details?: Record<string, unknown> }[]
    }
    const auc = report.requirements.find((r) => r.id === 'auc-reconciled')!
    expect(auc.status, auc.message).toBe('pass')
    expect(Math.abs((auc.details?.recomputed as number) - challenger.evaluatedMetrics.roc_auc!)).toBeLessThan(1e-6)
    const fairness = report.requirements.find((r) => r.id === 'equal-opportunity-sex')!
    expect(fairness.status, fairness.message).toBe('pass')
  })
})
