import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { controlsCommand } from '../../../src/commands/controls.js'
import { policyCommand } from '../../../src/commands/policy-validate.js'
import type { CommandIO } from '../../../src/commands/command.js'
import { main } from '../../../src/entry/cli.js'

/** Through the CLI entry, which reports a command's errors (policy problems as file:line lines). */
const policy = (argv: string[], value: CommandIO) => main(['policy', ...argv], value, [policyCommand])
const controls = (argv: string[], value: CommandIO) => main(['controls', ...argv], value, [controlsCommand])

function io() {
  const out = { stdout: '', stderr: '' }
  const value: CommandIO = {
    stdout: (t) => (out.stdout += t),
    stderr: (t) => (out.stderr += t),
    env: {},
    cwd: process.cwd(),
    isTTY: false
  }
  return { io: value, out }
}

describe('aims-gate policy validate', () => {
  it('accepts the shipped policies and summarises the profiles', async () => {
    const { io: i, out } = io()
    expect(await policy(['validate', 'examples/credit-risk/policy.yml'], i)).toBe(0)
    expect(out.stdout).toContain('examples/credit-risk/policy.yml: valid policy "credit-risk-release"')
    expect(out.stdout).toContain('production (extends staging): 9 requirements')
    expect(out.stdout).toMatch(
      /production \(extends staging\): 9 requirements covering \d+ controls \(\d+ can be satisfied, \d+ only supp/
    )
  })
  it('prints every problem with file:line, path and fix, exit 2', async () => {
    const { io: i, out } = io()
    expect(await policy(['validate', 'test/fixtures/policies/invalid.yml'], i)).toBe(2)
    const lines = out.stderr.trim().split('\n')
    // The inheritance problem comes in the same run as the schema problems, not after they are fixed.
    expect(lines).toEqual([
      'test/fixtures/policies/invalid.yml:4: profiles.production.extends: extends ' +
        'unknown profile "staging"; fix: name one of production',
      expect.stringMatching(
        /^test\/fixtures\/policies\/invalid.yml:10: profiles.production.requirements\[0\].min: .*without quotes/
      ),
      expect.stringMatching(
        /^test\/fixtures\/policies\/invalid.yml:11: profiles.production.requirements\[0\].controls\[0\]: .*A.6.2.8/
      )
    ])
  })
  it('reports a missing file and bad usage with exit 2', async () => {
    const missing = io()
    expect(await policy(['validate', 'nope.yml'], missing.io)).toBe(2)
    expect(missing.out.stderr).toContain('nope.yml: policy file does not exist; fix:')
    const usage = io()
    expect(await policy(['check'], usage.io)).toBe(2)
    expect(usage.out.stderr).toContain('aims-gate policy validate')
  })
})

describe('aims-gate policy validate: control claims', () => {
  it('prints a note for each claim it lowers, and still accepts the policy', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'claims-'))
    const file = path.join(folder, 'p.yml')
    await writeFile(
      file,
      `version: 1
name: t
profiles:
  p:
    requirements:
      - { id: fair, check: fairness, metric: demographic_parity_difference, sensitiveFeatures: [sex], max: 0.1,
          controls: [A.5.4, A.6.2.4] }
evaluation: { data: { path: eval.csv }, label: y, task: binary }
`
    )
    const { io: i, out } = io()
    expect(await policy(['validate', file], i)).toBe(0)
    expect(out.stdout).toMatch(/p: 1 requirements covering 2 controls \(1 can be satisfied, 1 only supported\)/)
    expect(out.stdout).toMatch(/note: .*p\.yml:6: p\/fair: A\.5\.4 is counted as supported, not satisfied: /)
    await rm(folder, { recursive: true, force: true })
  })
})

describe('aims-gate controls', () => {
  it('lists all 38 controls with applicability and mapped requirements (default policy)', async () => {
    const { io: i, out } = io()
    expect(await controls(['--json'], i)).toBe(0)
    const parsed = JSON.parse(out.stdout) as {
      profile: string
      controls: { id: string; applicable: boolean; requirements: { id: string }[] }[]
    }
    expect(parsed.profile).toBe('production')
    expect(parsed.controls).toHaveLength(38)
    expect(parsed.controls.find((c) => c.id === 'A.6.2.4')?.requirements.map((r) => r.id)).toEqual([
      'auc',
      'auc-vs-champion'
    ])
  })
  it('shows SoA exclusions of the chosen policy and profile as text', async () => {
    const { io: i, out } = io()
    expect(await controls(['--policy', 'examples/credit-risk/policy.yml', '--profile', 'pull-request'], i)).toBe(0)
    expect(out.stdout).toMatch(/A\.9\.3 .*not applicable: Responsible-use/)
    expect(out.stdout).toMatch(/A\.7\.5 .*provenance/)
    expect(out.stdout).not.toContain('release-approval')
  })
  it('marks requirements that only support a control, counting controls that can never be satisfied', async () => {
    const { io: i, out } = io()
    expect(await controls(['--policy', 'examples/credit-risk/policy.yml', '--json'], i)).toBe(0)
    const rows = (
      JSON.parse(out.stdout) as {
        controls: { id: string; coverage: string; requirements: { id: string; level: string }[] }[]
      }
    ).controls
    const row = (id: string) => rows.find((r) => r.id === id)
    expect(row('A.6.2.5')).toMatchObject({
      coverage: 'supported-only',
      requirements: [{ id: 'release-approval', level: 'supports' }]
    })
    expect(row('A.5.4')?.coverage).toBe('supported-only')
    expect(row('A.6.2.4')?.coverage).toBe('assessed')
    const text = io()
    expect(await controls(['--policy', 'examples/credit-risk/policy.yml'], text.io)).toBe(0)
    expect(text.out.stdout).toMatch(/A\.6\.2\.5 .*release-approval \(supports\)/)
    expect(text.out.stdout).toMatch(/\d+ supported only \(can never read satisfied\)/)
  })
  it('prints the NIST AI RMF crosswalk with its source, and the EU AI Act one as an interpretation', async () => {
    const nist = io()
    expect(await controls(['--crosswalk', 'nist-ai-rmf'], nist.io)).toBe(0)
    expect(nist.out.stdout).toMatch(/^A\.3\.2 +AI roles and responsibilities +GOVERN 2\.1/m)
    expect(nist.out.stdout).toContain('https://airc.nist.gov/docs/NIST_AI_RMF_to_ISO_IEC_42001_Crosswalk.pdf')
    expect(nist.out.stdout.split('\n').filter((l) => /^A\.\d/.test(l))).toHaveLength(38)
    const eu = io()
    expect(await controls(['--crosswalk', 'eu-ai-act', '--json'], eu.io)).toBe(0)
    const parsed = JSON.parse(eu.out.stdout) as {
      interpretation: boolean
      entries: { control: string; targets: string[] }[]
    }
    expect(parsed.interpretation).toBe(true)
    expect(parsed.entries).toHaveLength(38)
    expect(parsed.entries.find((e) => e.control === 'A.6.2.8')?.targets).toEqual(['Art. 12'])
    const text = io()
    expect(await controls(['--crosswalk', 'eu-ai-act'], text.io)).toBe(0)
    expect(text.out.stdout).toContain("aims-gate's interpretation: no official crosswalk exists")
  })
  it('refuses an unknown crosswalk with exit 2', async () => {
    const { io: i, out } = io()
    expect(await controls(['--crosswalk', 'iso-27001'], i)).toBe(2)
    expect(out.stderr).toContain('--crosswalk')
  })
  it('rejects an unknown profile with exit 2 and a suggestion', async () => {
    const { io: i, out } = io()
    expect(await controls(['--profile', 'prod'], i)).toBe(2)
    expect(out.stderr).toContain('did you mean "production"')
  })
})
