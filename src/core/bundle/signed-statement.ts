/**
 * Whether a signed in-toto payload (from a Sigstore bundle made by actions/attest) is this
 * bundle's statement: the same statement type, predicate type and predicate, and the same
 * subjects in any order (actions/attest lists them in the order of its checksums file). JSON key
 * order and whitespace may differ; every value must be equal. Pure.
 */
import type { Finding } from './check-digests.js'
import { STATEMENT_FILE, type Statement } from './statement.js'

export const SIGSTORE_SUBJECT = 'sigstore bundle'

/** JSON with object keys sorted at every level: equal values give equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
  }
  return JSON.stringify(value)
}

const subjectsOf = (subjects: unknown): string[] =>
  (Array.isArray(subjects) ? subjects : [subjects]).map((s) => canonicalJson(s)).sort()

const nameOf = (s: unknown): string =>
  s !== null && typeof s === 'object' && typeof (s as { name?: unknown }).name === 'string'
    ? (s as { name: string }).name
    : '?'

/** Other artifacts altogether, or the same artifacts with other digests (changed after signing). */
function subjectMismatch(signedSubjects: unknown, statement: Statement): string {
  const signed = Array.isArray(signedSubjects) ? signedSubjects : []
  const names = (list: unknown[]) => JSON.stringify(list.map(nameOf).sort())
  if (names(signed) !== names(statement.subject)) {
    return (
      `it signs a statement about other artifacts (${signed.map(nameOf).join(', ') || 'none'}) than ` +
      `${STATEMENT_FILE} (${statement.subject.map((s) => s.name).join(', ')}): another model's or bundle's attestation`
    )
  }
  const want = new Map(statement.subject.map((s) => [s.name, canonicalJson(s)]))
  const changed = signed.filter((s) => want.get(nameOf(s)) !== canonicalJson(s)).map(nameOf)
  return (
    `the digests of ${changed.join(', ')} in the signed statement differ from ${STATEMENT_FILE}: ` +
    'the bundle was changed after signing, or the signature is of another run'
  )
}

export function signedStatementFindings(payload: Buffer, statement: Statement): Finding[] {
  const mismatch = (message: string): Finding[] => [{ subject: SIGSTORE_SUBJECT, message }]
  let signed: Record<string, unknown>
  try {
    const parsed = JSON.parse(payload.toString('utf8')) as unknown
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object')
    signed = parsed as Record<string, unknown>
  } catch {
    return mismatch('the signed payload is not a JSON in-toto statement')
  }
  if (signed._type !== statement._type || signed.predicateType !== statement.predicateType) {
    return mismatch(
      `it signs a statement of another type (${String(signed.predicateType)}), not the ${STATEMENT_FILE} ` +
        `predicate ${statement.predicateType}`
    )
  }
  if (JSON.stringify(subjectsOf(signed.subject)) !== JSON.stringify(subjectsOf(statement.subject))) {
    return mismatch(subjectMismatch(signed.subject, statement))
  }
  if (canonicalJson(signed.predicate) !== canonicalJson(statement.predicate)) {
    return mismatch(
      `it signs a different statement than ${STATEMENT_FILE}: the subjects agree but the predicate ` +
        '(verdict, policy, evidence or file digests) differs, so the bundle was changed after signing'
    )
  }
  const extra = Object.keys(signed).filter((k) => !['_type', 'subject', 'predicateType', 'predicate'].includes(k))
  if (extra.length > 0)
    return mismatch(`the signed statement has fields ${STATEMENT_FILE} does not: ${extra.join(', ')}`)
  return []
}
