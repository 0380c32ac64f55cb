/** The artifact-root rules of docs/local-store.md, on folders made in the test. */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { GateError } from '../../../../../src/core/errors.js'
import {
  artifactPath,
  type ArtifactRootContext,
  resolveArtifactRoot
} from '../../../../../src/collect/mlflow/sqlite/artifact-root.js'
import { makeTemp, removeTemp } from '../../../../support/repo-temp.js'

let temp: string
let context: ArtifactRootContext
const RUN = 'a'.repeat(32)
const MODEL = `m-${'b'.repeat(32)}`

beforeAll(() => {
  temp = makeTemp('artifact-root')
  const store = join(temp, 'store')
  mkdirSync(join(store, 'mlruns', '1', RUN, 'artifacts', 'model'), { recursive: true })
  mkdirSync(join(store, 'mlruns', '1', 'models', MODEL, 'artifacts'), { recursive: true })
  mkdirSync(join(store, 'mlartifacts', '2', RUN, 'artifacts'), { recursive: true })
  mkdirSync(join(temp, 'elsewhere', 'artifacts'), { recursive: true })
  context = {
    storeDir: store,
    artifactsDestination: join(store, 'mlartifacts'),
    loggedModelLocation: (id) => (id === MODEL ? `/gone/project/mlruns/1/models/${MODEL}/artifacts` : undefined),
    runArtifactUri: (id) => (id === RUN ? `file:///gone/project/mlruns/1/${RUN}/artifacts` : undefined)
  }
})

afterAll(() => {
  if (temp) removeTemp(temp)
})

describe('resolveArtifactRoot', () => {
  it('maps mlflow-artifacts:/ onto the artifacts destination', () => {
    const dir = join(temp, 'store', 'mlartifacts', '2', RUN, 'artifacts')
    expect(resolveArtifactRoot(`mlflow-artifacts:/2/${RUN}/artifacts`, context).dir).toBe(dir)
    expect(resolveArtifactRoot(`mlflow-artifacts://127.0.0.1:5000/2/${RUN}/artifacts`, context).dir).toBe(dir)
  })

  it('uses an existing absolute path or file: URI as is', () => {
    const dir = join(temp, 'elsewhere', 'artifacts')
    expect(resolveArtifactRoot(dir, context).dir).toBe(dir)
    expect(resolveArtifactRoot(pathToFileURL(dir).href, context).dir).toBe(dir)
    expect(resolveArtifactRoot(`file:${dir}`, context).dir).toBe(dir)
  })

  it('relocates a vanished absolute path below the store folder, from the mlruns component on', () => {
    const expected = join(temp, 'store', 'mlruns', '1', RUN, 'artifacts')
    expect(resolveArtifactRoot(`/old/machine/home/mlruns/1/${RUN}/artifacts`, context).dir).toBe(expected)
    expect(resolveArtifactRoot(`file:///old/machine/home/mlruns/1/${RUN}/artifacts`, context).dir).toBe(expected)
    // No mlruns component (a server's artifact folder): the experiment id anchors the suffix,
    // tried below the store folder, its mlruns/ and the artifacts destination.
    expect(resolveArtifactRoot(`/srv/artifact-store/2/${RUN}/artifacts`, context).dir).toBe(
      join(temp, 'store', 'mlartifacts', '2', RUN, 'artifacts')
    )
  })

  it('follows models:/m-… and runs:/ through the store', () => {
    expect(resolveArtifactRoot(`models:/${MODEL}`, context).dir).toBe(
      join(temp, 'store', 'mlruns', '1', 'models', MODEL, 'artifacts')
    )
    expect(resolveArtifactRoot(`runs:/${RUN}/model`, context).dir).toBe(
      join(temp, 'store', 'mlruns', '1', RUN, 'artifacts', 'model')
    )
    expect(() => resolveArtifactRoot(`models:/m-${'c'.repeat(32)}`, context)).toThrow(GateError)
  })

  it('leaves a root that exists nowhere where it was recorded (listed as empty)', () => {
    expect(resolveArtifactRoot('/gone/mlruns/9/x/artifacts', context).dir).toBe('/gone/mlruns/9/x/artifacts')
  })

  it('refuses remote roots as evidence that cannot be read here (exit 1)', () => {
    let error: unknown
    try {
      resolveArtifactRoot('s3://bucket/mlruns/1/x/artifacts', context)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(GateError)
    expect((error as GateError).exitCode).toBe(1)
    expect((error as GateError).message).toMatch(/remote \(s3\)/)
  })

  it('keeps reads inside the root', () => {
    const root = resolveArtifactRoot(`mlflow-artifacts:/2/${RUN}/artifacts`, context)
    expect(artifactPath(root, 'model/MLmodel', 'x')).toBe(join(root.dir, 'model', 'MLmodel'))
    expect(() => artifactPath(root, '../../other', 'x')).toThrow(/outside its artifact root/)
    expect(() => artifactPath(root, '/etc/passwd', 'x')).toThrow(/outside its artifact root/)
    expect(() => resolveArtifactRoot('mlflow-artifacts:/../../etc', context)).toThrow(/outside its artifact root/)
  })
})
