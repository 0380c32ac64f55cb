/**
 * Hostile input files for the loaders and the bundled CLI: YAML alias bombs, an alias without an
 * anchor, a named pipe, a folder, a policy over the size limit.
 */
import { execFileSync } from 'node:child_process'
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'

/** Nine levels of nine aliases: 9^9 (387 million) copies of "lol" if expanded. */
export function billionLaughs(levels = 9, width = 9): string {
  const lines = ['version: 1', 'a0: &a0 [lol]']
  for (let i = 1; i <= levels; i++)
    lines.push(`a${i}: &a${i} [${Array.from({ length: width }, () => `*a${i - 1}`).join(', ')}]`)
  lines.push(`name: *a${levels}`, 'profiles: {}')
  return `${lines.join('\n')}\n`
}

export const UNDEFINED_ALIAS = `version: 1
name: credit-risk-release
profiles:
  production:
    requirements:
      - { id: auc, check: metric, metric: roc_auc, min: 0.8, controls: *missing-controls }
`

/** Valid YAML, a comment pushing it past `bytes` (so only the size can refuse it). */
export function oversizedPolicy(bytes: number): string {
  const head = 'version: 1\nname: big\nprofiles:\n  p:\n    requirements: []\n'
  return `${head}# ${'x'.repeat(bytes)}\n`
}

/** A named pipe with no writer: reading it blocks forever. */
export function makeFifo(file: string): void {
  execFileSync('mkfifo', [file])
}

export async function makeFolder(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true })
  await writeFile(path.join(dir, 'inside.yml'), 'version: 1\n')
}
