/**
 * The in-toto Statement v1 of a bundle (https://github.com/in-toto/attestation/blob/main/spec/v1/statement.md):
 * subjects are the model files and the report; the predicate (type GATE_PREDICATE_TYPE,
 * documented in docs/auditors.md) carries the verdict, the policy digest, the digest of every
 * evidence and bundle file, and the tool version. Signing the statement (DSSE, or actions/attest)
 * therefore signs every byte of the bundle except the manifest, which only indexes them.
 */
import { z } from 'zod'
import type { ExternalInput } from './manifest.js'

export const STATEMENT_FILE = 'statement.json'
export const STATEMENT_TYPE = 'https://in-toto.io/Statement/v1'
export const GATE_PREDICATE_TYPE = 'https://aims-gate.dev/attestation/gate-verdict/v1'
export const REPORT_FILE = 'report.json'

const digest = z.strictObject({ sha256: z.string().regex(/^[0-9a-f]{64}$/) })

export const statementSchema = z.strictObject({
  _type: z.literal(STATEMENT_TYPE),
  subject: z.array(z.strictObject({ name: z.string(), digest })).min(1),
  predicateType: z.literal(GATE_PREDICATE_TYPE),
  predicate: z.strictObject({
    verdict: z.enum(['pass', 'fail']),
    model: z.strictObject({ name: z.string(), version: z.string() }),
    profile: z.string(),
    evaluatedAt: z.string(),
    policy: z.strictObject({ name: z.string(), file: z.string(), digest }),
    tool: z.strictObject({ name: z.literal('aims-gate'), version: z.string() }),
    /** Every file of the bundle but the statement, its envelope and the manifest: path → digest. */
    files: z.record(z.string(), digest),
    /** The snapshot files among them (evidence/…), listed again for readers of the predicate. */
    evidence: z.record(z.string(), digest),
    inputs: z.array(z.record(z.string(), z.unknown()))
  })
})

export type Statement = z.infer<typeof statementSchema>

export interface StatementInput {
  verdict: 'pass' | 'fail'
  model: { name: string; version: string }
  profile: string
  evaluatedAt: string
  policy: { name: string; file: string; sha256: string }
  toolVersion: string
  /** Bundle path → SHA-256 (hex), the statement, envelope and manifest excluded. */
  files: Record<string, string>
  inputs: ExternalInput[]
}

export function buildStatement(input: StatementInput): Statement {
  const paths = Object.keys(input.files).sort()
  const files = Object.fromEntries(paths.map((p) => [p, { sha256: input.files[p]! }]))
  const evidence = Object.fromEntries(
    paths.filter((p) => p.startsWith('evidence/')).map((p) => [p, { sha256: input.files[p]! }])
  )
  const report = input.files[REPORT_FILE]
  if (report === undefined) throw new Error('a bundle statement needs the report')
  const models = input.inputs
    .filter((i) => i.kind === 'model-file')
    .map((i) => ({ name: i.uri, digest: { sha256: i.sha256 } }))
  return {
    _type: STATEMENT_TYPE,
    subject: [...models, { name: REPORT_FILE, digest: { sha256: report } }],
    predicateType: GATE_PREDICATE_TYPE,
    predicate: {
      verdict: input.verdict,
      model: input.model,
      profile: input.profile,
      evaluatedAt: input.evaluatedAt,
      policy: { name: input.policy.name, file: input.policy.file, digest: { sha256: input.policy.sha256 } },
      tool: { name: 'aims-gate', version: input.toolVersion },
      files,
      evidence,
      inputs: input.inputs.map((i) => ({ ...i }))
    }
  }
}
