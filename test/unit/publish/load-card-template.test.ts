import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { GateError } from '../../../src/core/errors.js'
import { findDefaultTemplateDir, loadCardTemplate } from '../../../src/publish/load-card-template.js'
import { buildCardModel } from '../../../src/render/card/card-model.js'
import { renderCard } from '../../../src/render/card/render-card.js'
import {
  FIXTURE_GENERATED_AT,
  FIXTURE_POLICY,
  fixtureDocumentation,
  fixtureEvidence,
  fixtureVerdict
} from '../../support/card-fixtures.js'

const root = path.resolve(import.meta.dirname, '../../..')
let dir: string
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'aims-gate-template-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const view = () =>
  buildCardModel({
    evidence: fixtureEvidence(),
    verdict: fixtureVerdict(),
    documentation: fixtureDocumentation(),
    policy: FIXTURE_POLICY,
    generatedAt: FIXTURE_GENERATED_AT
  })

describe('card templates', () => {
  it('finds the bundled default template from the module location', () => {
    expect(findDefaultTemplateDir()).toBe(path.join(root, 'model-cards', 'default'))
  })

  it('renders a custom template with the same view model, its partials overriding the defaults', async () => {
    await mkdir(path.join(dir, 'partials'))
    await writeFile(path.join(dir, 'mine.md.hbs'), '# {{title}}\n{{> identity}}\n{{> waivers}}\n')
    await writeFile(
      path.join(dir, 'partials', 'identity.hbs'),
      'Model {{#each identity}}{{#if @first}}{{value}}{{/if}}{{/each}}\n'
    )
    const template = await loadCardTemplate({
      cwd: dir,
      templatePath: 'mine.md.hbs',
      defaultDir: path.join(root, 'model-cards/default')
    })
    const card = renderCard(view(), template)
    expect(card).toBe(
      '# credit-risk v3\nModel credit-risk\n## Waivers in force\n\n| Requirement | ' +
        'Reason | Approved by | Expires |\n|---|---|---|---|\n| docs-complete | Card ' +
        'migration in progress | cto | 2027-01-31 |\n'
    )
  })

  it('reports a missing template file as an invalid invocation', async () => {
    await expect(
      loadCardTemplate({ cwd: dir, templatePath: 'nope.hbs', defaultDir: path.join(root, 'model-cards/default') })
    ).rejects.toThrow(/Card template nope\.hbs could not be read \(ENOENT\)/)
  })

  it('reports an unknown partial as an error naming the template', async () => {
    await writeFile(path.join(dir, 'bad.md.hbs'), '{{> nosuchpartial}}')
    const template = await loadCardTemplate({
      cwd: dir,
      templatePath: 'bad.md.hbs',
      defaultDir: path.join(root, 'model-cards/default')
    })
    expect(() => renderCard(view(), template)).toThrow(GateError)
    expect(() => renderCard(view(), template)).toThrow(
      /bad\.md\.hbs could not be rendered: The partial nosuchpartial could not be found/
    )
  })
})
