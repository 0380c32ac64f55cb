/**
 * Every file of an evidence bundle, as bytes, from one gate run (pure). The layout and what each
 * file proves are documented in docs/auditors.md. The statement lists the digest of every file
 * but itself, its envelope and the manifest; the manifest lists every file but itself.
 */
import { createHash } from 'node:crypto'
import type { ChangeContext, Evidence } from '../evidence/types.js'
import type { PolicyGovernance } from '../policy/governance.js'
import { externalInputs, MANIFEST_FILE, MANIFEST_VERSION, type ExternalInput, type Manifest } from './manifest.js'
import { RUN_CONTEXT_VERSION, type RunContext } from './run-context.js'
import { snapshotFiles } from './snapshot.js'
import { buildStatement, REPORT_FILE, STATEMENT_FILE } from './statement.js'

export const BUNDLE_FILES = {
  report: REPORT_FILE,
  card: 'card.md',
  policy: 'policy.yml',
  soaMarkdown: 'soa.md',
  soaCsv: 'soa.csv',
  cardSource: 'card-source.md',
  cardTemplate: 'card-template.json',
  run: 'run.json',
  oscal: 'oscal-assessment-results.json'
} as const

export interface BundleInput {
  toolVersion: string
  evidence: Evidence
  verdict: 'pass' | 'fail'
  profile: string
  policy: { name: string; file: string; sha256: string; text: string }
  now: Date
  change: ChangeContext
  governance: PolicyGovernance
  promotion?: Record<string, unknown>
  baselineAlias?: string
  template: { name: string; source: string; partials: Record<string, string> }
  reportJson: string
  card: string
  soa: { markdown: string; csv: string }
  oscal?: string
}

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`
const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex')

/** Path → bytes, the statement included, the manifest and any envelope not yet. */
export function bundleContents(input: BundleInput): { files: Map<string, Buffer>; statement: Buffer } {
  const context: RunContext = {
    schemaVersion: RUN_CONTEXT_VERSION,
    tool: { name: 'aims-gate', version: input.toolVersion },
    now: input.now.toISOString(),
    profile: input.profile,
    policyFile: input.policy.file,
    policySha256: input.policy.sha256,
    ...(input.baselineAlias === undefined ? {} : { baselineAlias: input.baselineAlias }),
    change: { ...input.change },
    governance: { ...input.governance },
    ...(input.promotion === undefined ? {} : { promotion: { ...input.promotion } })
  }
  const texts: Record<string, string> = {
    [BUNDLE_FILES.report]: input.reportJson,
    [BUNDLE_FILES.card]: input.card,
    [BUNDLE_FILES.policy]: input.policy.text,
    [BUNDLE_FILES.soaMarkdown]: input.soa.markdown,
    [BUNDLE_FILES.soaCsv]: input.soa.csv,
    [BUNDLE_FILES.cardTemplate]: json(input.template),
    [BUNDLE_FILES.run]: json(context),
    ...snapshotFiles(input.evidence)
  }
  const source = input.evidence.cardSource
  if (source.kind === 'present') texts[BUNDLE_FILES.cardSource] = source.value.text
  if (input.oscal !== undefined) texts[BUNDLE_FILES.oscal] = input.oscal
  const files = new Map<string, Buffer>()
  for (const name of Object.keys(texts).sort()) files.set(name, Buffer.from(texts[name]!, 'utf8'))
  const version = input.evidence.candidate.modelVersion.value
  const statement = buildStatement({
    verdict: input.verdict,
    model: { name: version.name, version: version.version },
    profile: input.profile,
    evaluatedAt: input.now.toISOString(),
    policy: input.policy,
    toolVersion: input.toolVersion,
    files: Object.fromEntries([...files].map(([name, bytes]) => [name, sha256(bytes)])),
    inputs: externalInputs(input.evidence)
  })
  const statementBytes = Buffer.from(json(statement), 'utf8')
  files.set(STATEMENT_FILE, statementBytes)
  return { files, statement: statementBytes }
}

/** The manifest over every file given (sorted by path). */
export function buildManifest(
  files: ReadonlyMap<string, Buffer>,
  inputs: ExternalInput[],
  toolVersion: string
): Buffer {
  const manifest: Manifest = {
    schemaVersion: MANIFEST_VERSION,
    tool: { name: 'aims-gate', version: toolVersion },
    files: [...files.keys()]
      .filter((p) => p !== MANIFEST_FILE)
      .sort()
      .map((p) => ({ path: p, sha256: sha256(files.get(p)!), size: files.get(p)!.length })),
    inputs
  }
  return Buffer.from(json(manifest), 'utf8')
}
