/** Text from the policy in the policy-change warning stays inert under GitHub's renderer (cmark-gfm). */
import { describe, expect, it } from 'vitest'
import { policyWarningMarkdown } from '../../../src/render/policy-change-markdown.js'
import { mentions, renderGfm } from '../../support/gfm-oracle.js'
import { entry, HOSTILE_CHANGE, section } from '../../support/policy-change-fixtures.js'

describe('policy change rendering', () => {
  it('keeps text from the policy inert (HTML, mentions, a line break starting a heading)', () => {
    const md = policyWarningMarkdown(section([entry(HOSTILE_CHANGE)]))
    expect(mentions(renderGfm([md])[0] ?? '')).toEqual([])
  })
})
