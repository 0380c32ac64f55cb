/**
 * Policy text → validated `Policy`. Pure: the caller reads the file and passes its text and name.
 * Every problem (YAML syntax, schema, inheritance, cross-references) is collected and thrown
 * together as one PolicyError (exit code 2), each line naming file:line, the YAML path and the fix.
 */
import { LineCounter, parseDocument } from 'yaml'
import { claimProblems } from './claim-problems.js'
import { PolicyError, formatYamlPath, problemFromIssue, type PolicyProblem } from './policy-problems.js'
import { evaluationProblems } from './evaluation-required.js'
import { partialPolicy } from './partial-policy.js'
import { profileProblems } from './resolve-profile.js'
import { KNOWN_KEYS, policySchema } from './schema.js'
import type { Policy, PolicyProfile } from './types.js'
import { lineOf } from './yaml-locations.js'
import { expandPacks, type PackLibrary, policyDigest } from './packs.js'
import { rememberPolicyText } from './policy-text.js'
import { yamlToData } from './yaml-to-data.js'

export interface ParseOptions {
  /** Also refuse what `check` refuses for any profile (no evaluation block for a recompute): policy validate. */
  everyProfileRunnable?: boolean
  /** Shipped packs that `extends: pack:<name>/<profile>` may name (read by the caller). */
  packs?: PackLibrary
}

export function parsePolicy(text: string, file: string, options: ParseOptions = {}): Policy {
  const lineCounter = new LineCounter()
  // logLevel 'error': the library's warnings go to process warnings (stderr), quoting policy text raw.
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true, logLevel: 'error' })
  if (doc.errors.length > 0) {
    throw new PolicyError(
      doc.errors.map((error) => ({
        file,
        line: error.linePos?.[0].line,
        path: '',
        message:
          `YAML syntax ` +
          `error: ${(error.message.split('\n')[0] ?? error.code).replace(/ at line \d+, column \d+:?$/, '')}; fix: ` +
          `correct the YAML (indentation, quotes, a missing ":")`
      }))
    )
  }
  const data = yamlToData(doc, lineCounter, file)
  if (data.kind === 'problem') throw new PolicyError([data.problem])
  const raw = data.value
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new PolicyError([
      {
        file,
        line: 1,
        path: '',
        message:
          'a policy must be a YAML mapping starting with version: 1; fix: see policies/default.yml for an example'
      }
    ])
  }
  const record = raw as Record<string, unknown>
  const profilesRaw = record.profiles
  const expansion =
    typeof profilesRaw === 'object' && profilesRaw !== null && !Array.isArray(profilesRaw)
      ? expandPacks(profilesRaw as Record<string, unknown>, options.packs, file)
      : undefined
  if (expansion !== undefined) record.profiles = expansion.profiles
  const packProblems = expansion?.problems ?? []
  const sha256 = policyDigest(text, expansion?.used ?? {})
  const at = (path: (string | number)[]) => {
    const line = lineOf(doc, lineCounter, path)
    return line === undefined ? undefined : { file, line }
  }
  const semantic = (policy: Policy, incomplete?: ReadonlySet<string>, evaluationKnown = true): PolicyProblem[] => [
    ...packProblems,
    ...profileProblems(policy, incomplete),
    ...claimProblems(policy, incomplete),
    ...(options.everyProfileRunnable && evaluationKnown ? evaluationProblems(policy) : [])
  ]
  const parsed = policySchema.safeParse(raw)
  if (!parsed.success) {
    const problems: PolicyProblem[] = parsed.error.issues.map((issue) => {
      const { path, message } = problemFromIssue(issue, raw, KNOWN_KEYS)
      return { file, line: lineOf(doc, lineCounter, path), path: formatYamlPath(path), message }
    })
    // The semantic checks run on what did parse, so one run reports every problem.
    const partial = partialPolicy(raw as Record<string, unknown>, file, sha256, at)
    // A misspelt top-level key may be the evaluation block: "no evaluation block" would then be false.
    const unknownTopKey = parsed.error.issues.some(
      (issue) => issue.code === 'unrecognized_keys' && issue.path.length === 0
    )
    if (partial !== undefined) {
      problems.push(...semantic(partial.policy, partial.incomplete, partial.evaluationKnown && !unknownTopKey))
    }
    throw new PolicyError(problems)
  }
  const document = parsed.data
  const profiles: Record<string, PolicyProfile> = {}
  for (const [name, profile] of Object.entries(document.profiles)) {
    profiles[name] = {
      ...(profile.description === undefined ? {} : { description: profile.description }),
      ...(profile.extends === undefined ? {} : { extends: profile.extends }),
      ...(profile.objectives === undefined ? {} : { objectives: profile.objectives }),
      requirements: profile.requirements.map((requirement, index) => ({
        ...requirement,
        location: at(['profiles', name, 'requirements', index])
      })),
      location: at(['profiles', name])
    }
  }
  const policy: Policy = {
    file,
    sha256,
    name: document.name,
    ...(document.description === undefined ? {} : { description: document.description }),
    ...(document.defaultProfile === undefined ? {} : { defaultProfile: document.defaultProfile }),
    ...(document.evaluation === undefined ? {} : { evaluation: document.evaluation }),
    profiles,
    controls: document.controls,
    waivers: document.waivers.map((waiver, index) => ({ ...waiver, location: at(['waivers', index]) })),
    identities: document.identities,
    waiverRules: {
      maxWaiverDays: document.maxWaiverDays,
      ...(document.waiverApprovers === undefined ? {} : { approvers: document.waiverApprovers })
    }
  }
  const problems = semantic(policy)
  if (problems.length > 0) throw new PolicyError(problems)
  rememberPolicyText(policy, text)
  return policy
}
