/**
 * The project's Python environments (`.venvs/<flavour>`, built by `npm run python-envs`): the one
 * place tests find an interpreter or a program in them and run a script. Only the oracle and
 * integration projects use it; a missing environment fails with the command that builds it.
 */
import { execFile, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'

export const REPO_ROOT = path.resolve(import.meta.dirname, '../..')

/**
 * mlflow2 and mlflow3 hold the MLflow releases (and scikit-learn, fairlearn, pandas); models the
 * exporters (skl2onnx, onnxmltools, LightGBM, XGBoost); audit the bundle verifiers; oracles the rest.
 */
export type Venv = 'mlflow2' | 'mlflow3' | 'oracles' | 'audit' | 'models'

export interface PythonRunOptions {
  input?: string
  cwd?: string
  env?: NodeJS.ProcessEnv
  timeout?: number
  maxBuffer?: number
}

/** A program in a venv below `root`, whether or not it exists (servers started under another root). */
export function venvBin(root: string, venv: Venv, program: string): string {
  return path.join(root, '.venvs', venv, 'bin', program)
}

/** A program in one of this repository's venvs; throws naming `npm run python-envs` when it is missing. */
export function venvProgram(venv: Venv, program = 'python'): string {
  const bin = venvBin(REPO_ROOT, venv, program)
  if (!existsSync(bin)) {
    throw new Error(`${path.relative(REPO_ROOT, bin)} is missing: run \`npm run python-envs\` first.`)
  }
  return bin
}

/** A script in test/python. */
export const pythonScript = (name: string): string => path.join(REPO_ROOT, 'test', 'python', name)

const MAX_BUFFER = 256 * 1024 * 1024

/** Runs Python from a venv with `args` (a script and its arguments, or `-c` code); its stdout. */
export function runPython(venv: Venv, args: string[], options: PythonRunOptions = {}): string {
  const run = spawnSync(venvProgram(venv), args, {
    cwd: options.cwd ?? REPO_ROOT,
    input: options.input,
    env: options.env,
    timeout: options.timeout,
    encoding: 'utf8',
    maxBuffer: options.maxBuffer ?? MAX_BUFFER
  })
  if (run.error !== undefined) throw run.error
  if (run.status !== 0) {
    const how = run.status === null ? `signal ${run.signal}` : `exit ${run.status}`
    throw new Error(`python ${args[0] ?? ''} in .venvs/${venv} failed (${how}): ${run.stderr}`)
  }
  return run.stdout
}

/** `runPython` without blocking the worker (for tests that serve or time something meanwhile). */
export async function runPythonAsync(
  venv: Venv,
  args: string[],
  options: Omit<PythonRunOptions, 'input'> = {}
): Promise<string> {
  const { stdout } = await promisify(execFile)(venvProgram(venv), args, {
    cwd: options.cwd ?? REPO_ROOT,
    env: options.env,
    timeout: options.timeout,
    encoding: 'utf8',
    maxBuffer: options.maxBuffer ?? MAX_BUFFER
  })
  return stdout
}

/** Rewrites a CSV file as Parquet with pandas/pyarrow (a third-party writer), `rowGroupSize` rows a group. */
export async function pandasParquet(csv: string, parquet: string, rowGroupSize: number): Promise<void> {
  const code =
    'import sys, pandas as pd; ' +
    'pd.read_csv(sys.argv[1]).to_parquet(sys.argv[2], index=False, row_group_size=int(sys.argv[3]))'
  await runPythonAsync('mlflow3', ['-c', code, csv, parquet, String(rowGroupSize)])
}
