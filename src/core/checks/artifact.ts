/**
 * `check: artifact` — a document (impact assessment, …) must be among the run's artifacts, be
 * non-empty and, with `maxAgeDays`, be fresh. Its age comes from a `Reviewed: YYYY-MM-DD` line or
 * `date:` front matter in the document; without one, from the run's start time. The result says
 * which date was used.
 */
import { isCalendarDate } from '../policy/schema.js'
import type { ArtifactRequirement } from '../policy/schema.js'
import { daysBetween, isoDay, resultFor, type Check } from './check.js'

/** The review date written in a document, if any (`Reviewed: 2026-03-01`, front matter `date:`). */
export function documentDate(text: string): { date: Date; from: string } | undefined {
  const frontMatter = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text)?.[1]
  const candidates: { day: string | undefined; from: string }[] = [
    { day: /^[\s>*_-]*(?:last\s+)?reviewed(?:\s+on)?[*_]*\s*:[*_]*\s*(\d{4}-\d{2}-\d{2})/im.exec(text)?.[1], from: '"Reviewed:" line' },
    { day: frontMatter === undefined ? undefined : /^date\s*:\s*["']?(\d{4}-\d{2}-\d{2})/m.exec(frontMatter)?.[1], from: 'front matter date' }
  ]
  for (const { day, from } of candidates) {
    if (day !== undefined && isCalendarDate(day)) return { date: new Date(`${day}T00:00:00Z`), from }
  }
  return undefined
}

export const checkArtifact: Check<ArtifactRequirement> = (req, evidence, ctx) => {
  const expected = req.maxAgeDays === undefined ? `${req.path} present` : `${req.path} reviewed within ${req.maxAgeDays} days`
  const document = evidence.candidate.documents[req.path]
  if (document === undefined) {
    return resultFor(req, { status: 'missing', observed: 'not collected', expected, message: `The pipeline did not fetch ${req.path} from the run's artifacts; it must be listed in policyNeeds().documents.` })
  }
  if (document.kind === 'missing') {
    return resultFor(req, { status: 'missing', observed: 'absent', expected, message: `${req.path}: ${document.detail}. Log it with mlflow.log_artifact("${req.path}").` })
  }
  const refs = [{ label: `artifact ${req.path}`, provenance: document.provenance }]
  const details: Record<string, unknown> = { path: req.path, size: document.value.size, sha256: document.value.sha256 }
  if (document.value.text.trim() === '') {
    return resultFor(req, { status: 'fail', observed: 'empty file', expected, message: `${req.path} is empty; write the document before releasing.`, evidence: refs, details })
  }
  if (req.maxAgeDays === undefined) {
    return resultFor(req, { status: 'pass', observed: 'present', expected, message: `${req.path} is present (${document.value.size} bytes).`, evidence: refs, details })
  }
  const written = documentDate(document.value.text)
  const run = evidence.candidate.run
  const dated = written ?? (run.kind === 'present' ? { date: new Date(run.value.startTime), from: 'run start time (no "Reviewed:" line in the document)' } : undefined)
  if (dated === undefined) {
    return resultFor(req, { status: 'missing', observed: 'no date', expected, message: `${req.path} has no "Reviewed: YYYY-MM-DD" line and the run's start time is unavailable; add the line.`, evidence: refs, details })
  }
  const age = daysBetween(dated.date, ctx.now)
  Object.assign(details, { date: isoDay(dated.date), dateFrom: dated.from, ageDays: age, maxAgeDays: req.maxAgeDays })
  const observed = `${isoDay(dated.date)} (${age} days old, from ${dated.from})`
  if (age < 0) {
    return resultFor(req, { status: 'fail', observed, expected, message: `${req.path} is dated ${isoDay(dated.date)}, in the future; correct the review date.`, evidence: refs, details })
  }
  if (age > req.maxAgeDays) {
    return resultFor(req, { status: 'fail', observed, expected, message: `${req.path} was last reviewed ${age} days ago (${isoDay(dated.date)}, from ${dated.from}), more than ${req.maxAgeDays}; review it and update the date.`, evidence: refs, details })
  }
  return resultFor(req, { status: 'pass', observed, expected, message: `${req.path} is ${age} days old (${dated.from}).`, evidence: refs, details })
}
