/**
 * The digest checks of `verify`, over the bundle's files as read (pure). Three witnesses agree
 * on every file: its bytes, the manifest's digest and the statement's digest, so when exactly
 * one of them was changed the odd one out is named (the file itself, manifest.json or
 * statement.json). The manifest must also be exactly the bytes aims-gate writes for these
 * files, so a change to its spacing, sizes or inputs is caught too.
 */
import { createHash } from 'node:crypto'
import { buildManifest } from './build-bundle.js'
import { MANIFEST_FILE, manifestSchema, type Manifest } from './manifest.js'
import { STATEMENT_FILE, statementSchema, type Statement } from './statement.js'
import { DSSE_FILE } from './dsse.js'

export interface Finding {
  /** The bundle file (or fact) that does not match. */
  subject: string
  message: string
}

export type DigestCheck = { ok: true; manifest: Manifest; statement: Statement } | { ok: false; findings: Finding[] }

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex')

function parseJson<T>(
  bytes: Buffer | undefined,
  schema: {
    safeParse(
      v: unknown
    ): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } }
  }
): T | string {
  if (bytes === undefined) return 'is missing'
  let value: unknown
  try {
    value = JSON.parse(bytes.toString('utf8'))
  } catch {
    return 'is not valid JSON'
  }
  const parsed = schema.safeParse(value)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]
  const where = issue ? `${issue.path.map(String).join('.')}: ${issue.message}` : 'unknown'
  return `does not have the expected shape (${where})`
}

/** Files not covered by the statement: itself, its envelope and the manifest. */
const OUTSIDE_STATEMENT = new Set([STATEMENT_FILE, DSSE_FILE, MANIFEST_FILE])

export function checkDigests(files: ReadonlyMap<string, Buffer>): DigestCheck {
  const manifest = parseJson(files.get(MANIFEST_FILE), manifestSchema)
  if (typeof manifest === 'string')
    return { ok: false, findings: [{ subject: MANIFEST_FILE, message: `${MANIFEST_FILE} ${manifest}` }] }
  const statement = parseJson(files.get(STATEMENT_FILE), statementSchema)
  const findings: Finding[] = []
  const listed = new Map(manifest.files.map((f) => [f.path, f.sha256]))
  const signed =
    typeof statement === 'string'
      ? new Map<string, string>()
      : new Map(Object.entries(statement.predicate.files).map(([p, d]) => [p, d.sha256]))
  let manifestChanged = false
  let statementChanged = false
  const names = new Set([...files.keys(), ...listed.keys(), ...signed.keys()])
  for (const name of [...names].sort()) {
    if (name === MANIFEST_FILE) continue
    const bytes = files.get(name)
    const actual = bytes === undefined ? undefined : sha256(bytes)
    const inManifest = listed.get(name)
    const inStatement = OUTSIDE_STATEMENT.has(name) ? undefined : signed.get(name)
    if (actual === undefined) {
      findings.push({ subject: name, message: `${name} is listed in the bundle but missing from the folder` })
    } else if (inManifest === undefined && inStatement === undefined) {
      findings.push({
        subject: name,
        message: `${name} is not part of the bundle (in neither ${MANIFEST_FILE} nor ${STATEMENT_FILE})`
      })
    } else if (actual !== inManifest) {
      if (inStatement !== undefined && inStatement === actual) manifestChanged = true
      else
        findings.push({
          subject: name,
          message: `${name} changed: its SHA-256 is ${actual}, the manifest says ${inManifest ?? 'nothing'}`
        })
    } else if (!OUTSIDE_STATEMENT.has(name) && inStatement !== actual && typeof statement !== 'string') {
      statementChanged = true
    }
  }
  if (typeof statement === 'string' && !findings.some((f) => f.subject === STATEMENT_FILE)) {
    findings.push({ subject: STATEMENT_FILE, message: `${STATEMENT_FILE} ${statement}` })
  } else if (statementChanged) {
    findings.push({
      subject: STATEMENT_FILE,
      message: `${STATEMENT_FILE} does not give the digests the files and the manifest agree on`
    })
  }
  if (manifestChanged)
    findings.push({
      subject: MANIFEST_FILE,
      message: `${MANIFEST_FILE} changed: its digests disagree with the files and with ${STATEMENT_FILE}`
    })
  if (findings.length > 0 || typeof statement === 'string') return { ok: false, findings }
  // Everything agrees digest by digest: the manifest must also be exactly what these files give.
  const expected = buildManifest(
    new Map([...files].filter(([n]) => n !== MANIFEST_FILE)),
    manifest.inputs,
    manifest.tool.version
  )
  if (!expected.equals(files.get(MANIFEST_FILE)!)) {
    return {
      ok: false,
      findings: [
        {
          subject: MANIFEST_FILE,
          message: `${MANIFEST_FILE} changed: it is not the manifest of these files (sizes, inputs or layout differ)`
        }
      ]
    }
  }
  if (JSON.stringify(manifest.inputs) !== JSON.stringify(statement.predicate.inputs)) {
    return {
      ok: false,
      findings: [
        {
          subject: MANIFEST_FILE,
          message: `${MANIFEST_FILE} and ${STATEMENT_FILE} list different model files or evaluation data`
        }
      ]
    }
  }
  return { ok: true, manifest, statement }
}
