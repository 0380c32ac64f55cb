/**
 * How policy mistakes are reported: one line each, naming the file (and line), the path in the
 * YAML, what is wrong and the fix. All problems of a file are collected so one run of
 * `aims-gate policy validate` shows every mistake, not just the first.
 */
import type { z } from 'zod'
import { GateError } from '../errors.js'
import { closestMatch, didYouMean } from '../text/closest-match.js'

export type YamlPath = readonly (string | number)[]

export interface PolicyProblem {
  file: string
  /** 1-based line of the offending node, when the YAML has one. */
  line?: number
  /** Dotted path in the YAML (`profiles.production.requirements[2].min`). */
  path: string
  /** What is wrong and how to fix it. */
  message: string
}

export function formatProblem(problem: PolicyProblem): string {
  const where = problem.line === undefined ? problem.file : `${problem.file}:${problem.line}`
  return problem.path === '' ? `${where}: ${problem.message}` : `${where}: ${problem.path}: ${problem.message}`
}

/** An invalid policy: exit code 2, one line per problem. */
export class PolicyError extends GateError {
  readonly problems: readonly PolicyProblem[]

  constructor(problems: readonly PolicyProblem[]) {
    // In file order, so the messages read top to bottom like the file.
    const sorted = [...problems].sort((a, b) => (a.line ?? 0) - (b.line ?? 0))
    super('invalid', sorted.map(formatProblem).join('\n'))
    this.problems = sorted
    this.name = 'PolicyError'
  }
}

/** `profiles.production.requirements[2].min`; keys with dots or spaces are quoted (`controls["A.9.3"]`). */
export function formatYamlPath(path: YamlPath): string {
  let text = ''
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`
    else if (/^[A-Za-z0-9_$-]+$/.test(segment)) text += text === '' ? segment : `.${segment}`
    else text += `[${JSON.stringify(segment)}]`
  }
  return text
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing'
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'object') return 'a mapping'
  if (typeof value === 'string')
    return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`
  return `${typeof value} ${String(value)}`
}

function valueAt(root: unknown, path: YamlPath): unknown {
  let node = root
  for (const segment of path) {
    if (node === null || typeof node !== 'object') return undefined
    node = (node as Record<string | number, unknown>)[segment]
  }
  return node
}

const EXAMPLE_BY_TYPE: Record<string, string> = {
  number: '0.8',
  string: '"text"',
  boolean: 'true',
  array: '[first, second]',
  object: 'a mapping of key: value'
}

/** Examples a user can keep for the keys whose values must be of a known set (a placeholder would not validate). */
const EXAMPLE_BY_KEY: Record<string, string> = {
  controls: '[A.6.2.4] (Annex A control ids: aims-gate controls lists them)',
  contexts: '[training, evaluation]',
  sections: '[intended_use, limitations]',
  sensitiveFeatures: '[sex]',
  require: '[digest, source]'
}

function exampleFor(key: string | number | undefined, expected: string): string {
  return (typeof key === 'string' ? EXAMPLE_BY_KEY[key] : undefined) ?? EXAMPLE_BY_TYPE[expected] ?? '…'
}

/** Turns a zod issue into a problem whose message says what is wrong and the fix. */
export function problemFromIssue(
  issue: z.core.$ZodIssue,
  raw: unknown,
  knownKeys: readonly string[]
): { path: YamlPath; message: string } {
  const path = issue.path.filter((segment): segment is string | number => typeof segment !== 'symbol')
  const key = path.at(-1)
  const actual = valueAt(raw, path)
  switch (issue.code) {
    case 'invalid_type': {
      if (actual === undefined) {
        return {
          path,
          message:
            `required key "${String(key)}" is missing; fix: ` + `add ${String(key)}: ${exampleFor(key, issue.expected)}`
        }
      }
      if (!issue.message.startsWith('Invalid input'))
        return { path, message: `got ${describeValue(actual)}, ${issue.message}` }
      const quotedNumber =
        issue.expected === 'number' &&
        typeof actual === 'string' &&
        actual.trim() !== '' &&
        !Number.isNaN(Number(actual))
      const fix = quotedNumber
        ? `write ${actual.trim()} without quotes`
        : `write a ${issue.expected === 'array' ? 'list' : issue.expected} value, ` +
          `e.g. ${exampleFor(key, issue.expected)}`
      return {
        path,
        message:
          `expected ${issue.expected === 'array' ? 'a list' : `a ${issue.expected}`}, ` +
          `got ${describeValue(actual)}; fix: ${fix}`
      }
    }
    case 'unrecognized_keys': {
      const keys = issue.keys
      // JSON quoting: a YAML complex key may hold newlines, and each problem must stay on one line.
      const hints = keys.map((unknown) => `${JSON.stringify(unknown)}${didYouMean(unknown, knownKeys)}`).join(', ')
      return { path: [...path, keys[0] ?? ''], message: `unknown key ${hints}; fix: remove it or correct the spelling` }
    }
    case 'invalid_union': {
      if ('discriminator' in issue && issue.discriminator !== undefined) {
        const options = ((issue as { options?: unknown[] }).options ?? []).map(String)
        const suggestion = typeof actual === 'string' ? closestMatch(actual, options) : undefined
        const fix =
          actual === undefined
            ? `add ${issue.discriminator}: <one of ${options.join(', ')}>`
            : suggestion === undefined
              ? `use one of ${options.join(', ')}`
              : `did you mean "${suggestion}"? (one of ${options.join(', ')})`
        const got =
          actual === undefined
            ? `required key "${issue.discriminator}" is missing`
            : `unknown ${issue.discriminator} ` +
              `${typeof actual === 'string' ? JSON.stringify(actual) : describeValue(actual)}`
        return { path, message: `${got}; fix: ${fix}` }
      }
      return { path, message: `${issue.message}; fix: see schemas/policy.schema.json for the accepted forms` }
    }
    case 'invalid_value': {
      const options = issue.values.map(String)
      if (options.length === 1)
        return {
          path,
          message: `must be ${options[0]}, got ${describeValue(actual)}; fix: write ${String(key)}: ${options[0]}`
        }
      const suggestion = typeof actual === 'string' ? closestMatch(actual, options) : undefined
      const fix =
        suggestion === undefined
          ? `use one of ${options.join(', ')}`
          : `did you mean "${suggestion}"? (one of ${options.join(', ')})`
      return {
        path,
        message:
          `${typeof actual === 'string' ? JSON.stringify(actual) : describeValue(actual)} ` +
          `is not allowed; fix: ${fix}`
      }
    }
    case 'too_small':
      if (issue.origin === 'array' || issue.origin === 'string') {
        return {
          path,
          message: issue.message.startsWith('Too small')
            ? `must not be empty; fix: give at ` +
              `least ${String(issue.minimum)} ${issue.origin === 'array' ? 'entry' : 'character'}`
            : issue.message
        }
      }
      return {
        path,
        message:
          `${describeValue(actual)} is too small; fix: use a ` +
          `value ${issue.inclusive ? '≥' : '>'} ${String(issue.minimum)}`
      }
    case 'too_big':
      return {
        path,
        message:
          `${describeValue(actual)} is too big; fix: use a ` +
          `value ${issue.inclusive ? '≤' : '<'} ${String(issue.maximum)}`
      }
    default:
      return { path, message: issue.message }
  }
}
