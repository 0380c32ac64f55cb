import { describe, expect, it } from 'vitest'
import { checkArtifact } from '../../../../src/core/checks/artifact.js'
import { markdownHeadings } from '../../../../src/core/documents/markdown-headings.js'
import { reviewDate } from '../../../../src/core/documents/review-date.js'
import { MAX_DOCUMENT_BYTES, notATextDocument } from '../../../../src/core/documents/text-document.js'
import { EvidenceBuilder, NOW } from '../../../support/evidence-builder.js'
import { requirement } from '../../../support/requirement-builder.js'

const ctx = { now: NOW }
const impact = requirement({
  check: 'artifact',
  id: 'impact',
  path: 'impact_assessment.md',
  maxAgeDays: 365,
  requiredHeadings: ['Affected groups', ' risks and MITIGATIONS '],
  controls: ['A.5.3']
})
const GOOD = '# Impact\n\n## Affected groups\nEveryone.\n\n## Risks and mitigations\n- drift\n\nReviewed: 2026-03-01\n'
const run = (text: string, req = impact) =>
  checkArtifact(req, EvidenceBuilder.passing().document('impact_assessment.md', text).build(), ctx)

describe('artifact check: the document must be a written text document', () => {
  it('passes a dated Markdown document with the required headings', () => {
    const result = run(GOOD)
    expect(result.status).toBe('pass')
    expect(result.details).toMatchObject({ date: '2026-03-01', missingHeadings: [] })
  })
  it.each([
    [
      'an HTML login page',
      '<!DOCTYPE html>\n<html><head><title>Sign in</title></head><body><form>Reviewed: 2026-03-01</form></body></html>',
      'HTML page'
    ],
    [
      'an <html> page without doctype',
      '<html lang="en">\n<body>## Affected groups\nReviewed: 2026-03-01</body></html>',
      'HTML page'
    ],
    [
      'a body that is mostly tags',
      '<div><span><b><i>x</i></b></span></div><div class="a-long-class-name"><p><a ' +
        'href="/very/long/link">y</a></p></div>',
      'HTML tags'
    ],
    ['a NUL byte', `${GOOD}\u0000\u0001binary`, 'NUL'],
    ['a control character', `${GOOD}\u001b[31m`, 'control character']
  ])('is missing for %s', (_what, text, says) => {
    const result = run(text)
    expect(result.status).toBe('missing')
    expect(result.observed).toBe('not a text document')
    expect(result.message).toContain(says)
  })
  it('refuses more than 1 MiB and says the limit', () => {
    expect(notATextDocument('x', MAX_DOCUMENT_BYTES + 1)).toContain('1 MiB')
    expect(notATextDocument('Markdown with <b>some</b> inline HTML and a <br> tag is still prose.', 80)).toBeUndefined()
  })
})

describe('artifact check: the review date', () => {
  it.each([
    ['no Reviewed line', GOOD.replace('Reviewed: 2026-03-01\n', ''), 'no "Reviewed: YYYY-MM-DD" line'],
    [
      'the date only in prose',
      GOOD.replace('Reviewed: 2026-03-01\n', 'The board reviewed this on 2026-03-01.\n'),
      'no "Reviewed: YYYY-MM-DD" line'
    ],
    ['an impossible calendar date', GOOD.replace('2026-03-01', '2026-02-30'), 'not a real calendar date'],
    ['a date that is not a date', GOOD.replace('2026-03-01', 'soon'), 'not a real calendar date'],
    ['a date in the future', GOOD.replace('2026-03-01', '2026-06-02'), 'in the future'],
    ['two different review dates', `${GOOD}Reviewed: 2020-01-01\n`, 'different dates'],
    ['an old review', GOOD.replace('2026-03-01', '2025-05-01'), 'more than 365']
  ])('fails %s', (_what, text, says) => {
    const result = run(text)
    expect(result.status).toBe('fail')
    expect(result.message).toContain(says)
  })
  it('accepts today and the usual spellings of the line', () => {
    expect(run(GOOD.replace('2026-03-01', '2026-06-01')).status).toBe('pass')
    expect(reviewDate('- **Last reviewed on:** 2026-01-02 by the board')).toMatchObject({ ok: true, day: '2026-01-02' })
    expect(reviewDate('> Reviewed: 2026-01-02\n')).toMatchObject({ ok: true, line: 1 })
  })
})

describe('artifact check: required headings', () => {
  it('fails naming each absent heading; headings in code fences and comments do not count', () => {
    const text = 'Reviewed: 2026-03-01\n```\n## Affected groups\n```\n<!-- ## Risks and mitigations -->\n'
    const result = run(text)
    expect(result.status).toBe('fail')
    // The schema trims each heading; the comparison ignores case.
    expect(result.message).toContain('lacks the headings "Affected groups", "risks and MITIGATIONS"')
  })
  it('reads ATX and setext headings of any level', () => {
    expect(markdownHeadings('# One #\nTwo\n===\n### Three  \n  ####   Four   spaced\nnot\n')).toEqual([
      'one',
      'two',
      'three',
      'four spaced'
    ])
  })
})
