/**
 * The action runs `dist/` as committed, with no `npm install`: copied alone into an empty folder,
 * the bundle must gate the example store, load the vendored onnxruntime-node and read Parquet
 * (hyparquet is imported lazily, which a bundle can get wrong while the sources work; the Parquet
 * case is in test/oracle/dist, as pandas writes its file).
 */
import { readFile, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { exampleCheck, node, run, standaloneDist } from '../support/standalone-dist.js'

const dist = standaloneDist()

describe('dist/ copied alone to an empty folder', () => {
  it('runs the CLI on the example store and writes the card', async () => {
    const store = resolve('examples/credit-risk')
    const { stdout } = await run(node, exampleCheck(dist.folder, store, 'out'), {
      cwd: dist.folder,
      env: { PATH: process.env.PATH ?? '' }
    })
    expect(stdout).toContain('RELEASE ALLOWED')
    const card = await readFile(join(dist.folder, 'out/credit-risk/2.md'), 'utf8')
    expect(card).toContain('# Model card: credit-risk v2')
  })

  it('uses the shipped default policy and templates from dist/assets', async () => {
    const { stdout } = await run(
      node,
      [join(dist.folder, 'dist/cli.js'), 'policy', 'validate', join(dist.folder, 'dist/assets/policies/default.yml')],
      { cwd: dist.folder }
    )
    expect(stdout).toMatch(/iso42001-baseline/)
  })

  it('loads the vendored onnxruntime-node and runs a model', async () => {
    const manifest = JSON.parse(await readFile(resolve('examples/credit-risk/seed-manifest.json'), 'utf8')) as {
      models: Record<string, { versions: { source: string; onnx: { path: string } }[] }>
    }
    const version = manifest.models['credit-risk']!.versions[0]!
    const modelId = version.source.replace('models:/', '')
    const modelFile = resolve('examples/credit-risk/mlartifacts/models', modelId, 'artifacts', version.onnx.path)
    const probe = join(dist.folder, 'dist', 'probe.mjs')
    await writeFile(
      probe,
      `import ort from 'onnxruntime-node'\nconst s = await ` +
        `ort.InferenceSession.create(${JSON.stringify(modelFile)})\nconsole.log(JSON.stringify(s.inputNames.length ` +
        `> 0 && s.outputNames))\n`
    )
    const { stdout } = await run(node, [probe], { cwd: dist.folder })
    expect(JSON.parse(stdout)).toEqual(expect.arrayContaining(['label', 'probabilities']))
  })
})
