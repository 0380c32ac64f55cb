/** Building findings: deterministic ids, links that are only ever http(s), one order for every list. */
import type { PostureContext } from './collected.js'
import type { FindingKind, PostureFinding, PostureLink } from './types.js'

export interface FindingInput {
  kind: FindingKind
  severity: PostureFinding['severity']
  model: string
  version?: string
  alias?: string
  /** Makes the id unique when one version has several findings of a kind (a requirement id). */
  detail?: string
  reason: string
  observed?: string
  expected?: string
  links: PostureLink[]
}

export function finding(input: FindingInput): PostureFinding {
  const id =
    `${input.kind}:${input.model}` +
    `${input.version === undefined ? '' : `:${input.version}`}` +
    `${input.alias === undefined ? '' : `@${input.alias}`}` +
    `${input.detail === undefined ? '' : `:${input.detail}`}`
  const out: PostureFinding = {
    id,
    kind: input.kind,
    severity: input.severity,
    model: input.model,
    reason: input.reason,
    links: input.links
  }
  if (input.version !== undefined) out.version = input.version
  if (input.alias !== undefined) out.alias = input.alias
  if (input.observed !== undefined) out.observed = input.observed
  if (input.expected !== undefined) out.expected = input.expected
  return out
}

/** A registry value used as a link only when it is an absolute http(s) URL (no javascript:, data:…). */
export function safeHref(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined
  let url: URL
  try {
    url = new URL(raw.trim())
  } catch {
    return undefined
  }
  return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined
}

/** The model version's page in the MLflow UI, then the CI run that decided (when its tag is a real URL). */
export function versionLinks(ctx: PostureContext, model: string, version: string, runUrl?: string): PostureLink[] {
  const links: PostureLink[] = []
  if (ctx.uiBase !== undefined) {
    const href = `${ctx.uiBase}/#/models/${encodeURIComponent(model)}/versions/${encodeURIComponent(version)}`
    links.push({ label: `MLflow: ${model} version ${version}`, href })
  }
  const ci = safeHref(runUrl)
  if (ci !== undefined) links.push({ label: 'CI run of the gate', href: ci })
  return links
}

export const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)
const SEVERITY_ORDER = { high: 0, medium: 1, low: 2 } as const

/** Severity, then model, then id: the order `posture.json` and the site list findings in. */
export function compareFindings(a: PostureFinding, b: PostureFinding): number {
  return (
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || compareText(a.model, b.model) || compareText(a.id, b.id)
  )
}

/** Version numbers compare as numbers ("10" after "9"); anything else as text. */
export function compareVersions(a: string, b: string): number {
  const [x, y] = [Number(a), Number(b)]
  return Number.isFinite(x) && Number.isFinite(y) && x !== y ? x - y : compareText(a, b)
}
