/** The options only `aims-gate posture` has, part of the option table (option-table.ts). */
import { z } from 'zod'
import { option } from './option-spec.js'

const POSTURE = ['posture'] as const

export const POSTURE_OPTIONS = {
  postureOut: option({
    flag: 'out',
    placeholder: 'DIR',
    kind: 'string',
    schema: z.string().min(1).optional(),
    help: 'folder the site and posture.json are written to (replaced as a whole; required)',
    commands: POSTURE
  }),
  postureAliases: option({
    flag: 'alias',
    placeholder: 'A',
    kind: 'list',
    schema: z.array(z.string().regex(/^[\w-]+$/, 'an alias has letters, digits, _ and - only')).default([]),
    help: 'alias to judge (repeatable; default: every alias; a model with none set is judged by its latest version)',
    commands: POSTURE
  }),
  maxInFlight: option({
    flag: 'max-in-flight',
    placeholder: 'N',
    kind: 'string',
    default: '8',
    schema: z.coerce.number().int('must be a whole number').min(1, 'must be at least 1').max(64, 'must be at most 64'),
    example: '8',
    help: 'most MLflow requests in flight at once (default 8)',
    commands: POSTURE
  }),
  approvalMaxAgeDays: option({
    flag: 'approval-max-age',
    placeholder: 'DAYS',
    kind: 'string',
    default: '180',
    schema: z.coerce.number().int('must be a whole number of days').min(1, 'must be at least 1 day'),
    example: '180',
    help: 'report approvals older than this many days (default 180)',
    commands: POSTURE
  })
} as const
