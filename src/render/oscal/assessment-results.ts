/**
 * OSCAL 1.1 assessment results (https://pages.nist.gov/OSCAL/resources/concepts/layer/assessment/assessment-results/)
 * of one gate run: one result; one observation per requirement with its evidence; one finding
 * per assessed Annex A control, satisfied only when the control is satisfied (supported, waived,
 * failing or missing evidence is not-satisfied: fail closed), with its crosswalk as props; the
 * Statement of Applicability as the reviewed controls, exclusions with their justification. Hashed
 * inputs (policy, report, model files, evaluation data, documents) are back-matter resources with
 * their SHA-256. Pure.
 */
import { createHash } from 'node:crypto'
import type { Evidence } from '../../core/evidence/types.js'
import { externalInputs } from '../../core/bundle/manifest.js'
import type { Report } from '../report-schema.js'
import { AIMS_GATE_NAMESPACE, uuid5 } from './uuid5.js'

export const OSCAL_VERSION = '1.1.3'
const NS = 'https://aims-gate.dev/ns/oscal'

export interface OscalInput {
  report: Report
  evidence: Evidence
  reportJson: string
}

interface Resource {
  uuid: string
  title: string
  rlinks: { href: string; 'media-type'?: string; hashes: { algorithm: 'SHA-256'; value: string }[] }[]
}

/** Control ids as OSCAL tokens: `A.6.2.4` → `a.6.2.4` (the catalog convention of lower-case ids). */
const controlId = (id: string): string => id.toLowerCase()
const prop = (name: string, value: string) => ({ name, ns: NS, value })
/** OSCAL strings may not be empty or padded; evidence text is untrusted and may be either. */
const text = (value: string, fallback: string): string => value.trim() || fallback

function resources(input: OscalInput, id: (name: string) => string): Resource[] {
  const { report, evidence } = input
  const hashed: { title: string; href: string; sha256: string; media?: string }[] = [
    {
      title: `Governing policy ${report.policy.name}`,
      href: report.policy.file,
      sha256: report.policy.sha256,
      media: 'application/yaml'
    },
    {
      title: 'aims-gate report',
      href: 'report.json',
      sha256: createHash('sha256').update(input.reportJson).digest('hex'),
      media: 'application/json'
    }
  ]
  for (const item of externalInputs(evidence))
    hashed.push({
      title: item.kind === 'model-file' ? 'Model file' : 'Evaluation data',
      href: item.uri,
      sha256: item.sha256
    })
  for (const [file, doc] of Object.entries(evidence.candidate.documents)) {
    if (doc.kind === 'present')
      hashed.push({ title: `Run document ${file}`, href: doc.provenance.uri, sha256: doc.value.sha256 })
  }
  return hashed.map((h) => ({
    uuid: id(`resource:${h.href}:${h.sha256}`),
    title: h.title,
    rlinks: [
      {
        href: h.href,
        ...(h.media ? { 'media-type': h.media } : {}),
        hashes: [{ algorithm: 'SHA-256' as const, value: h.sha256 }]
      }
    ]
  }))
}

type ReportControl = Report['controls'][number]

/**
 * Only `satisfied` is claimed satisfied. `supported` (partial evidence: a check that can only
 * support the control, or a waived requirement beside passing ones) is not-satisfied with the
 * reason `other` and remarks saying what the gate holds, so no reader of the export takes partial
 * evidence for a met control; failing, missing and waived evidence are not-satisfied too.
 */
function findingStatus(c: ReportControl): { state: 'satisfied' | 'not-satisfied'; reason?: string; remarks?: string } {
  if (c.status === 'satisfied') return { state: 'satisfied' }
  const waived = c.waived.length === 0 ? '' : ` Waived (an approved exception, not evidence): ${c.waived.join(', ')}.`
  if (c.status === 'supported') {
    return {
      state: 'not-satisfied',
      reason: 'other',
      remarks:
        'Supported, not satisfied: the gate holds only part of the evidence this control needs ' +
        `(${c.requirements.join(', ')} passed; satisfying requirements: ` +
        `${c.satisfiedBy.length === 0 ? 'none' : c.satisfiedBy.join(', ')}). The rest is for the ` +
        `organisation's own records.${waived}`
    }
  }
  return waived === ''
    ? { state: 'not-satisfied' }
    : { state: 'not-satisfied', reason: 'other', remarks: waived.trim() }
}

/** The control in the shipped crosswalks, one prop per subcategory or article. */
function crosswalkProps(crosswalk: ReportControl['crosswalk']) {
  return [
    ...crosswalk['nist-ai-rmf'].map((v) => ({
      ...prop('nist-ai-rmf-subcategory', v),
      remarks: "From NIST's AI RMF to ISO/IEC 42001 crosswalk."
    })),
    ...crosswalk['eu-ai-act'].map((v) => ({
      ...prop('eu-ai-act-article', v),
      remarks: "aims-gate's interpretation; no official mapping exists."
    }))
  ]
}

export function renderOscal(input: OscalInput): string {
  const { report } = input
  const digest = createHash('sha256').update(input.reportJson).digest('hex')
  const id = (name: string): string => uuid5(AIMS_GATE_NAMESPACE, `${digest}:${name}`)
  const back = resources(input, id)
  const byHref = new Map(back.map((r) => [r.rlinks[0]!.href, r.uuid]))
  const observations = report.requirements.map((r) => {
    const evidence = r.evidence.map((e) => {
      const resource = byHref.get(e.uri)
      return {
        href: resource === undefined ? e.uri : `#${resource}`,
        description: text(`${e.label} (${e.source}): ${e.uri}`, e.uri)
      }
    })
    return {
      uuid: id(`observation:${r.id}`),
      title: text(r.id, 'requirement'),
      description: text(`${r.check} check, ${r.severity}: ${r.message}`, r.check),
      props: [
        prop('requirement-status', r.status),
        prop('observed', text(r.observed, 'none')),
        prop('expected', text(r.expected, 'none'))
      ],
      methods: ['TEST'],
      collected: report.evaluatedAt,
      ...(evidence.length === 0 ? {} : { 'relevant-evidence': evidence })
    }
  })
  const observationOf = new Map(report.requirements.map((r) => [r.id, id(`observation:${r.id}`)]))
  const assessed = report.controls.filter((c) => c.applicable && c.requirements.length > 0)
  const findings = assessed.map((c) => ({
    uuid: id(`finding:${c.id}`),
    title: `${c.id} ${c.title}`,
    description: `Annex A ${c.id} is ${c.status} on the evidence of ${c.requirements.join(', ')}.`,
    props: crosswalkProps(c.crosswalk),
    target: {
      type: 'objective-id',
      'target-id': controlId(c.id),
      status: findingStatus(c)
    },
    'related-observations': c.requirements.flatMap((r) =>
      observationOf.has(r) ? [{ 'observation-uuid': observationOf.get(r)! }] : []
    )
  }))
  const excluded = report.controls.filter((c) => !c.applicable)
  // All of Annex A is reviewed; each exclusion carries its justification as a prop's remarks.
  const selection = {
    description: 'ISO/IEC 42001:2023 Annex A, less the controls the Statement of Applicability excludes.',
    ...(excluded.length === 0
      ? {}
      : {
          props: excluded.map((c) => ({
            ...prop('excluded-control', controlId(c.id)),
            remarks: `Not applicable: ${text(c.justification ?? '', 'no justification recorded')}`
          }))
        }),
    'include-all': {},
    ...(excluded.length === 0 ? {} : { 'exclude-controls': excluded.map((c) => ({ 'control-id': controlId(c.id) })) })
  }
  const model = `${report.model.name} version ${report.model.version}`
  const document = {
    'assessment-results': {
      uuid: id('assessment-results'),
      metadata: {
        title: `aims-gate assessment of ${model} (profile ${report.profile})`,
        'last-modified': report.evaluatedAt,
        version: report.generator.version,
        'oscal-version': OSCAL_VERSION,
        props: [prop('verdict', report.verdict), prop('report-sha256', digest)]
      },
      'import-ap': {
        href: `#${back[0]!.uuid}`,
        remarks:
          'The policy profile is the assessment plan: it names every check ' +
          'and the Annex A controls each gives evidence for.'
      },
      results: [
        {
          uuid: id('result'),
          title: `Release gate for ${model}`,
          description:
            `Verdict ${report.verdict} against policy ${report.policy.name} ` +
            `(SHA-256 ${report.policy.sha256}), profile ${report.profile}.`,
          start: report.evaluatedAt,
          end: report.evaluatedAt,
          'reviewed-controls': { 'control-selections': [selection] },
          ...(observations.length === 0 ? {} : { observations }),
          ...(findings.length === 0 ? {} : { findings })
        }
      ],
      'back-matter': { resources: back }
    }
  }
  return `${JSON.stringify(document, null, 2)}\n`
}
