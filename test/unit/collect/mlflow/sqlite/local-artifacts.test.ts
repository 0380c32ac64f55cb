/** Local-store reads follow no symlink out of the store (docs/local-store.md, "Containment"). */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type ArtifactRootContext,
  resolveArtifactRoot
} from '../../../../../src/collect/mlflow/sqlite/artifact-root.js'
import {
  copyLocalArtifact,
  listLocalArtifacts,
  readLocalArtifact
} from '../../../../../src/collect/mlflow/sqlite/local-artifacts.js'
import { makeTemp, removeTemp } from '../../../../support/repo-temp.js'

let temp: string
let context: ArtifactRootContext
const RUN = 'c'.repeat(32)
const OTHER = 'd'.repeat(32)
const rootUri = `mlflow-artifacts:/1/${RUN}/artifacts`

beforeAll(() => {
  temp = makeTemp('containment')
  const store = join(temp, 'store')
  const artifacts = join(store, 'mlartifacts', '1', RUN, 'artifacts')
  mkdirSync(join(artifacts, 'eval'), { recursive: true })
  mkdirSync(join(temp, 'outside', 'docs'), { recursive: true })
  writeFileSync(join(temp, 'outside', 'secret.txt'), 'Reviewed: 2026-11-01\n')
  writeFileSync(join(temp, 'outside', 'docs', 'impact.md'), 'Reviewed: 2026-11-01\n')
  writeFileSync(join(artifacts, 'real.md'), 'Reviewed: 2026-11-01\n')
  symlinkSync(join(temp, 'outside', 'secret.txt'), join(artifacts, 'impact_assessment.md'))
  symlinkSync(join(temp, 'outside', 'docs'), join(artifacts, 'docs'))
  symlinkSync(join(temp, 'outside', 'secret.txt'), join(artifacts, 'eval', 'evaluation.csv'))
  symlinkSync('real.md', join(artifacts, 'alias.md'))
  // A whole run folder that is a link to a folder outside the store.
  mkdirSync(join(temp, 'outside', 'run', 'artifacts'), { recursive: true })
  writeFileSync(join(temp, 'outside', 'run', 'artifacts', 'impact_assessment.md'), 'Reviewed: 2026-11-01\n')
  symlinkSync(join(temp, 'outside', 'run'), join(store, 'mlartifacts', '1', OTHER))
  context = {
    storeDir: store,
    artifactsDestination: join(store, 'mlartifacts'),
    loggedModelLocation: () => undefined,
    runArtifactUri: () => undefined
  }
})

afterAll(() => {
  if (temp) removeTemp(temp)
})

describe('local artifacts never lead out of the store', () => {
  const root = () => resolveArtifactRoot(rootUri, context)
  it('refuses to read a symlinked file, a file in a symlinked folder, or a symlinked evaluation file', () => {
    for (const path of ['impact_assessment.md', 'docs/impact.md', 'eval/evaluation.csv']) {
      expect(() => readLocalArtifact(root(), rootUri, path)).toThrow(
        /leads outside the store's artifact folder .* through a symbolic link/
      )
    }
    expect(() => copyLocalArtifact(root(), rootUri, 'eval/evaluation.csv', join(temp, 'copy.csv'))).toThrow(
      /symbolic link/
    )
  })
  it('refuses a run whose artifact folder is itself a link out of the store', () => {
    const uri = `mlflow-artifacts:/1/${OTHER}/artifacts`
    expect(() => readLocalArtifact(resolveArtifactRoot(uri, context), uri, 'impact_assessment.md')).toThrow(
      /symbolic link/
    )
  })
  it('still reads a file, and a symlink that stays inside the store', () => {
    expect(new TextDecoder().decode(readLocalArtifact(root(), rootUri, 'alias.md'))).toContain('Reviewed')
  })
  it('lists links that lead out with the reason, and does not follow them', () => {
    const listed = listLocalArtifacts(root(), rootUri, '')
    expect(listed.find((f) => f.path === 'impact_assessment.md')).toMatchObject({
      isDir: false,
      outside: expect.stringContaining('symbolic link')
    })
    expect(listed.find((f) => f.path === 'docs')).toMatchObject({
      isDir: false,
      outside: expect.stringContaining('outside the store')
    })
    expect(listed.find((f) => f.path === 'alias.md')).toEqual({ path: 'alias.md', isDir: false, size: 21 })
    expect(listLocalArtifacts(root(), rootUri, 'eval')[0]).toMatchObject({
      path: 'eval/evaluation.csv',
      outside: expect.any(String)
    })
  })
})
