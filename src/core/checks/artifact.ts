/**
 * `check: artifact` — a document (impact assessment, …) must be among the run's artifacts and be a
 * written text document: UTF-8 (the collector refuses anything else), no binary control
 * characters, not an HTML page, at most 1 MiB, not blank. With `maxAgeDays` it must carry its own
 * `Reviewed: YYYY-MM-DD` line with a real date, not in the future and not older than the limit;
 * nothing else (front matter, a date in the prose, the run's start time) stands in for it. With
 * `requiredHeadings` every listed Markdown heading must be present. A `document: deployment-plan`
 * must also have the plan's own headings (rollout, rollback, release criteria), each with text
 * under it that is not a placeholder: headings alone are a template, not a plan.
 */
import { isPlaceholder } from '../documentation/parse-card-source.js'
import { headingBodies } from '../documents/heading-sections.js'
import { markdownHeadings, normaliseHeading } from '../documents/markdown-headings.js'
import { reviewDate } from '../documents/review-date.js'
import { notATextDocument } from '../documents/text-document.js'
import { DEPLOYMENT_PLAN_HEADINGS, type ArtifactRequirement } from '../policy/requirement-schemas.js'
import { daysBetween, isoDay, problemsResult, resultFor, type Check } from './check.js'

/** The headings a document must have: the policy's, plus a deployment plan's own. */
function headingsOf(req: ArtifactRequirement): string[] {
  const own = req.document === 'deployment-plan' ? [...DEPLOYMENT_PLAN_HEADINGS] : []
  const all = [...own, ...(req.requiredHeadings ?? [])]
  return all.filter((h, i) => all.findIndex((other) => normaliseHeading(other) === normaliseHeading(h)) === i)
}

/** A deployment plan's sections that are headings only: nothing, or only a placeholder, under them. */
function emptyPlanSections(req: ArtifactRequirement, text: string): string[] {
  if (req.document !== 'deployment-plan') return []
  const bodies = headingBodies(text)
  return DEPLOYMENT_PLAN_HEADINGS.filter((h) => {
    const body = bodies.get(normaliseHeading(h))
    return body !== undefined && isPlaceholder(body)
  })
}

function expectedText(req: ArtifactRequirement): string {
  const parts = [
    req.maxAgeDays === undefined
      ? `${req.path}: a text document`
      : `${req.path}: a text document with "Reviewed:" within ${req.maxAgeDays} days`
  ]
  const headings = headingsOf(req)
  if (req.document === 'deployment-plan') parts[0] = `${parts[0]}: a deployment plan`
  if (headings.length > 0) parts.push(`headings ${headings.join(', ')}`)
  return parts.join('; ')
}

export const checkArtifact: Check<ArtifactRequirement> = (req, evidence, ctx) => {
  const expected = expectedText(req)
  const document = evidence.candidate.documents[req.path]
  if (document === undefined) {
    return resultFor(req, {
      status: 'missing',
      observed: 'not collected',
      expected,
      message:
        `The pipeline did not fetch ${req.path} from the run's artifacts; it must be ` +
        `listed in policyNeeds().documents.`
    })
  }
  if (document.kind === 'missing') {
    // The collector's detail is a sentence of its own, often with its fix: end it once, add a fix only if it has none.
    const detail = document.detail.trim().replace(/\.+$/, '')
    const fix = /\bfix:/i.test(detail) ? '' : ` Fix: log it with mlflow.log_artifact("${req.path}").`
    return resultFor(req, { status: 'missing', observed: 'absent', expected, message: `${req.path}: ${detail}.${fix}` })
  }
  const refs = [{ label: `artifact ${req.path}`, provenance: document.provenance }]
  const details: Record<string, unknown> = { path: req.path, size: document.value.size, sha256: document.value.sha256 }
  const { text, size } = document.value
  const unusable = notATextDocument(text, size)
  if (unusable !== undefined) {
    // Not a document at all: there is no evidence to judge, so missing rather than fail.
    return resultFor(req, {
      status: 'missing',
      observed: 'not a text document',
      expected,
      message:
        `${req.path} is not usable evidence: ${unusable}. Fix: log the written document ` +
        `itself (UTF-8 Markdown or text) with mlflow.log_artifact.`,
      evidence: refs,
      details
    })
  }
  if (text.trim() === '') {
    return resultFor(req, {
      status: 'fail',
      observed: 'empty file',
      expected,
      message: `${req.path} is empty; write the document before releasing.`,
      evidence: refs,
      details
    })
  }
  const failures: string[] = []
  let observed = 'present'
  const required = headingsOf(req)
  if (required.length > 0) {
    const present = new Set(markdownHeadings(text))
    const absent = required.filter((heading) => !present.has(normaliseHeading(heading)))
    details.missingHeadings = absent
    if (absent.length > 0)
      failures.push(
        `${req.path} lacks the ` +
          `heading${absent.length > 1 ? 's' : ''} ${absent.map((h) => `"${h}"`).join(', ')}; add ` +
          `${absent.length > 1 ? 'them' : 'it'} as Markdown headings (e.g. "## ${absent[0] ?? ''}")`
      )
  }
  const hollow = emptyPlanSections(req, text)
  if (hollow.length > 0) {
    details.emptySections = hollow
    failures.push(
      `${req.path} is a deployment plan with nothing under ${hollow.map((h) => `"${h}"`).join(', ')}; ` +
        'write the plan under each heading (a heading, a placeholder or a TODO is not a plan)'
    )
  }
  if (req.maxAgeDays !== undefined) {
    const reviewed = reviewDate(text)
    if (!reviewed.ok) {
      observed = reviewed.problem === 'no-line' ? 'no "Reviewed:" line' : 'unusable "Reviewed:" line'
      details.reviewProblem = reviewed.problem
      failures.push(
        `${req.path} has no usable review date: ${reviewed.detail}; put one line ` +
          `"Reviewed: YYYY-MM-DD" with the date of the last review in the document`
      )
    } else {
      const age = daysBetween(reviewed.date, ctx.now)
      Object.assign(details, { date: reviewed.day, dateLine: reviewed.line, ageDays: age, maxAgeDays: req.maxAgeDays })
      observed = `reviewed ${reviewed.day} (${age} days old)`
      if (reviewed.day > isoDay(ctx.now)) {
        observed = `reviewed ${reviewed.day} (in the future)`
        failures.push(
          `${req.path} says it was reviewed on ${reviewed.day}, which is in the future ` +
            `(today is ${isoDay(ctx.now)}); write the date the review actually happened`
        )
      } else if (age > req.maxAgeDays) {
        failures.push(
          `${req.path} was last reviewed ${age} days ago (${reviewed.day}), more ` +
            `than ${req.maxAgeDays}; review it and update the "Reviewed:" line`
        )
      }
    }
  }
  if (failures.length > 0) return problemsResult(req, 'fail', failures, { observed, expected, evidence: refs, details })
  const age =
    details.ageDays === undefined ? '' : `, reviewed ${String(details.date)} (${String(details.ageDays)} days ago)`
  return resultFor(req, {
    status: 'pass',
    observed,
    expected,
    message: `${req.path} is a text document (${size} bytes${age}).`,
    evidence: refs,
    details
  })
}
