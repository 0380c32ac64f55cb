/**
 * The gate's options (GateOptions) out of what an entry read from the option table: the table's
 * keys are GateOptions' keys, so this only drops what is not the gate's (output format,
 * promotion checks, the action's GitHub settings) and requires the model.
 */
import type { GateOptions } from '../pipeline/gate-options.js'

const GATE_KEYS = [
  'trackingUri',
  'model',
  'version',
  'alias',
  'policyPath',
  'policyRef',
  'profile',
  'cardSourcePath',
  'cardDir',
  'cardTemplatePath',
  'reportPath',
  'artifactsDestination',
  'evalDataPath',
  'timeoutSeconds',
  'deadlineSeconds',
  'writeBack',
  'promoteTo',
  'now',
  'sourceDateEpoch',
  'bundleDir',
  'signKeyPath',
  'oscalPath',
  'sarifPath'
] as const satisfies readonly (keyof GateOptions)[]

/** What an entry read, as far as the gate is concerned (the model may still be missing). */
export type GateValues = { [K in (typeof GATE_KEYS)[number]]?: GateOptions[K] } & { writeBack: boolean }

export function gateOptions(values: GateValues, model: string): GateOptions {
  const picked: Record<string, unknown> = {}
  for (const key of GATE_KEYS) if (values[key] !== undefined) picked[key] = values[key]
  // Each value was checked by its option's schema when it was read; the model is given here.
  return { ...(picked as Omit<GateOptions, 'model'>), model }
}
