/**
 * The parts of a policy that passed the schema, for the semantic checks (inheritance, duplicate ids,
 * waiver references, evaluation blocks) when other parts did not: `policy validate` then reports
 * every problem in one run. Each piece is validated on its own; a piece that fails is left out, and
 * the profiles it leaves incomplete are named, so a check that reasons from absence ("no blocking
 * requirement", "waives an unknown requirement") is not run where the absence may be a failed piece.
 */
import { evaluationSchema } from './evaluation-schema.js'
import { profileSchema, requirementSchema, waiverSchema, policySchema } from './schema.js'
import type { LocatedRequirement, Policy, PolicyProfile, SourceLocation } from './types.js'

export interface PartialPolicy {
  policy: Policy
  /** Profiles with a piece that failed the schema (a requirement, `extends`, the profile itself). */
  incomplete: ReadonlySet<string>
  /** False when an `evaluation:` block is written but invalid: "no evaluation block" would be false. */
  evaluationKnown: boolean
}

type At = (path: (string | number)[]) => SourceLocation | undefined

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value)

function partialProfile(name: string, raw: unknown, at: At, incomplete: Set<string>): PolicyProfile {
  const location = at(['profiles', name])
  if (!isRecord(raw)) {
    incomplete.add(name)
    return { requirements: [], ...(location === undefined ? {} : { location }) }
  }
  if (!profileSchema.safeParse(raw).success) incomplete.add(name)
  const parent = profileSchema.shape.extends.safeParse(raw.extends)
  const requirements: LocatedRequirement[] = []
  const list = Array.isArray(raw.requirements) ? raw.requirements : []
  list.forEach((entry: unknown, index) => {
    const parsed = requirementSchema.safeParse(entry)
    if (parsed.success) requirements.push({ ...parsed.data, location: at(['profiles', name, 'requirements', index]) })
  })
  return {
    ...(parent.success && parent.data !== undefined ? { extends: parent.data } : {}),
    requirements,
    ...(location === undefined ? {} : { location })
  }
}

/** Undefined when not even the profiles are a mapping: nothing semantic can be said then. */
export function partialPolicy(
  raw: Record<string, unknown>,
  file: string,
  sha256: string,
  at: At
): PartialPolicy | undefined {
  if (!isRecord(raw.profiles)) return undefined
  const incomplete = new Set<string>()
  const profiles: Record<string, PolicyProfile> = {}
  for (const [name, profile] of Object.entries(raw.profiles))
    profiles[name] = partialProfile(name, profile, at, incomplete)
  const shape = policySchema.shape
  const evaluation = raw.evaluation === undefined ? undefined : evaluationSchema.safeParse(raw.evaluation)
  const defaultProfile = shape.defaultProfile.safeParse(raw.defaultProfile)
  const controls = shape.controls.safeParse(raw.controls)
  const parsedWaivers = (Array.isArray(raw.waivers) ? raw.waivers : []).map((entry: unknown) =>
    waiverSchema.safeParse(entry)
  )
  // All or none: the waiver checks name waivers by position, which a left-out one would shift.
  const waivers = parsedWaivers.every((parsed) => parsed.success)
    ? parsedWaivers.map((parsed, index) => ({ ...parsed.data, location: at(['waivers', index]) }))
    : []
  const policy: Policy = {
    file,
    sha256,
    name: typeof raw.name === 'string' ? raw.name : '',
    ...(defaultProfile.success && defaultProfile.data !== undefined ? { defaultProfile: defaultProfile.data } : {}),
    ...(evaluation?.success ? { evaluation: evaluation.data } : {}),
    profiles,
    controls: controls.success ? controls.data : {},
    waivers
  }
  return { policy, incomplete, evaluationKnown: evaluation === undefined || evaluation.success }
}
