import { describe, expect, it } from 'vitest'
import { parsePolicy } from '../../../../src/core/policy/parse-policy.js'

const policy = (profiles: string) => `version: 1\nname: p\nprofiles:\n${profiles}`
const AUC = '      - { id: auc, check: metric, metric: roc_auc, min: 0.8, controls: [A.6.2.4] }\n'
const WARN = '      - { id: auc, check: metric, metric: roc_auc, min: 0.8, severity: warn, controls: [A.6.2.4] }\n'

describe('profiles that cannot block', () => {
  it('refuses a profile with no requirements, naming it and the fix', () => {
    expect(() => parsePolicy(policy('  production:\n    requirements: []\n'), 'p.yml')).toThrow(
      new RegExp(
        String.raw`^p\.yml:4: profiles\.production\.requirements: profile "production" has no` +
          String.raw` blocking requirement, so it would allow any version; fix: add a requirement` +
          String.raw` with severity: block`
      )
    )
  })
  it('refuses a profile whose requirements are all warnings, after extends', () => {
    expect(() =>
      parsePolicy(policy(`  base:\n    requirements:\n${WARN}  production:\n    extends: base\n`), 'p.yml')
    ).toThrow(
      new RegExp(
        String.raw`profiles\.production\.requirements: profile "production" has no blocking` +
          String.raw` requirement \(after extends: base → production\): all 1 are severity: warn`
      )
    )
  })
  it('accepts a profile that inherits a blocking requirement', () => {
    expect(() =>
      parsePolicy(policy(`  base:\n    requirements:\n${AUC}  production:\n    extends: base\n`), 'p.yml')
    ).not.toThrow()
  })
})
