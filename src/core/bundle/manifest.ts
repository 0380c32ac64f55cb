/**
 * `manifest.json`: the SHA-256 of every other file in the bundle, and of every input too large
 * to include (model files, evaluation data) with the URI it was read from. Sorted by path, so
 * the same bundle always has the same manifest bytes.
 */
import { z } from 'zod'
import type { Evidence } from '../evidence/types.js'

export const MANIFEST_FILE = 'manifest.json'
export const MANIFEST_VERSION = 1 as const
const sha256 = z.string().regex(/^[0-9a-f]{64}$/)

/** A path inside the bundle: relative, `/`-separated, no `.`/`..` segments. */
export const bundlePathSchema = z
  .string()
  .regex(/^(?!\/)[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/, 'a relative path of letters, digits, . _ -')
  .refine((p) => p.split('/').every((segment) => segment !== '.' && segment !== '..'), 'no . or .. segments')

export const manifestSchema = z.strictObject({
  schemaVersion: z.literal(MANIFEST_VERSION),
  tool: z.strictObject({ name: z.literal('aims-gate'), version: z.string() }),
  files: z.array(z.strictObject({ path: bundlePathSchema, sha256, size: z.number().int().nonnegative() })),
  inputs: z.array(
    z.strictObject({
      kind: z.enum(['model-file', 'evaluation-data']),
      uri: z.string(),
      sha256,
      size: z.number().int().nonnegative().optional(),
      rows: z.number().int().nonnegative().optional()
    })
  )
})

export type Manifest = z.infer<typeof manifestSchema>
export type ExternalInput = Manifest['inputs'][number]

/** `models:/m-1/model.onnx`: a model file under the URI its directory was downloaded from. */
export function modelFileUri(sourceUri: string, file: string): string {
  return `${sourceUri.replace(/\/+$/, '')}/${file}`
}

/** The inputs the checks read that the bundle binds by digest only. */
export function externalInputs(evidence: Evidence): ExternalInput[] {
  const inputs: ExternalInput[] = []
  const model = evidence.candidate.model
  if (model.kind === 'present') {
    for (const file of model.value.files) {
      inputs.push({
        kind: 'model-file',
        uri: modelFileUri(model.value.sourceUri, file.path),
        sha256: file.sha256,
        size: file.size
      })
    }
  }
  const recomputed = evidence.candidate.recomputed
  if (recomputed?.kind === 'present') {
    const { dataset } = recomputed.value
    inputs.push({ kind: 'evaluation-data', uri: dataset.uri, sha256: dataset.sha256, rows: dataset.rows })
  }
  return inputs.sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0))
}
