/**
 * The posture site as a reader's browser shows it: headless Chromium (Debian's, driven by
 * playwright-core) opens the site rendered from a posture report with six models in distinct
 * states (passing, blocked, never gated, alias moved by hand, stale policy, expiring waiver) and
 * one hostile model, from file://. Every seeded finding is on screen; links lead to the model
 * pages and back; the keyboard reaches the filters and a filter shows only its kind; the page
 * reads the same with JavaScript off; nothing but the site's own files is requested, no script
 * exists and no dialog opens; axe-core finds no serious or critical violation; print shows
 * everything. Screenshots (1280×800, 390×844, print) are kept under .tmp/posture-site/.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import axe from 'axe-core'
import { type Browser, type BrowserContextOptions, chromium, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PostureReport } from '../../../../src/core/posture/types.js'
import { renderPostureSite } from '../../../../src/render/posture/site.js'
import { ROOT } from '../../../support/action-runner.js'
import { HOSTILE_NAME, HOSTILE_TEXT, postureFixture } from '../../../support/posture-site-fixture.js'

const ARTIFACTS = path.join(ROOT, '.tmp', 'posture-site')
const DESKTOP = { width: 1280, height: 800 }
const PHONE = { width: 390, height: 844 }

let report: PostureReport
let dir: string
let browser: Browser
const dialogs: string[] = []

beforeAll(async () => {
  report = postureFixture({ hostile: true })
  await mkdir(ARTIFACTS, { recursive: true })
  dir = await mkdtemp(path.join(ARTIFACTS, 'site-'))
  for (const [file, text] of renderPostureSite(report)) {
    const target = path.resolve(dir, file)
    // No registry text becomes a path: every file lands inside the site folder.
    expect(target.startsWith(`${dir}${path.sep}`)).toBe(true)
    await mkdir(path.dirname(target), { recursive: true })
    await writeFile(target, text)
  }
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] })
}, 120_000)

afterAll(async () => {
  await browser?.close()
  if (dir !== undefined) await rm(dir, { recursive: true, force: true })
})

/** Registry text as the page shows it: bidi controls made visible (escape.ts's cleanText). */
const shown = (text: string): string => text.replace('\u202E', '[U+202E]')

const indexUrl = (): string => pathToFileURL(path.join(dir, 'index.html')).href

/** Opens a page of the site; records every request and every dialog (a script come alive). */
async function open(
  url: string,
  options: BrowserContextOptions = {}
): Promise<{ page: Page; requests: string[]; close: () => Promise<void> }> {
  const context = await browser.newContext({ viewport: DESKTOP, ...options })
  const page = await context.newPage()
  const requests: string[] = []
  page.on('request', (request) => requests.push(request.url()))
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message())
    void dialog.dismiss()
  })
  await page.goto(url, { waitUntil: 'load' })
  return { page, requests, close: () => context.close() }
}

/** The findings whose section is displayed (the filters hide the others). */
const shownFindings = (page: Page): Promise<number> =>
  page.evaluate<number>('[...document.querySelectorAll("li.finding")].filter((li) => li.offsetParent !== null).length')

describe('the posture site in Chromium', () => {
  it('shows every seeded finding at 1280×800, loads only its own files, runs nothing', async () => {
    const { page, requests, close } = await open(indexUrl())
    for (const finding of report.findings) {
      const item = page.locator('li.finding', { has: page.getByText(finding.reason, { exact: true }) })
      await expect(item.count(), finding.id).resolves.toBe(1)
      await expect(item.isVisible(), finding.id).resolves.toBe(true)
      await expect(item.textContent()).resolves.toContain(shown(finding.model))
    }
    // The stylesheet applied (the skip link is moved off screen until focused).
    const skipLeft = await page.evaluate<string>('getComputedStyle(document.querySelector(".skip-link")).left')
    expect(skipLeft).toBe('-10000px')
    expect(requests.sort()).toEqual([indexUrl(), pathToFileURL(path.join(dir, 'style.css')).href].sort())
    await expect(page.evaluate('document.querySelectorAll("script, img, iframe").length')).resolves.toBe(0)
    // Hostile text shows as the characters logged.
    const text = (await page.textContent('main')) ?? ''
    expect(text).toContain(HOSTILE_TEXT)
    expect(text).toContain(shown(HOSTILE_NAME))
    expect(dialogs).toEqual([])
    await page.screenshot({ path: path.join(ARTIFACTS, 'index-1280x800.png') })
    await page.screenshot({ path: path.join(ARTIFACTS, 'index-1280-full.png'), fullPage: true })
    await close()
  })

  it('follows a finding to its model page and back', async () => {
    const { page, close } = await open(indexUrl())
    await page.locator('#kind-blocked').getByRole('link', { name: 'fraud-detector', exact: true }).click()
    await page.waitForLoadState('load')
    expect(page.url()).toMatch(/\/models\/fraud-detector-[0-9a-f]{8}\.html$/)
    await expect(page.locator('h1').textContent()).resolves.toBe('fraud-detector')
    await expect(page.getByText('auc and fairness-gap failed', { exact: false }).isVisible()).resolves.toBe(true)
    await expect(page.locator('svg.timeline').count()).resolves.toBe(1)
    await expect(page.locator('.state-badge').textContent()).resolves.toContain('blocked')
    await page.screenshot({ path: path.join(ARTIFACTS, 'model-1280-full.png'), fullPage: true })
    await page.getByRole('link', { name: 'Compliance posture', exact: true }).click()
    await page.waitForLoadState('load')
    expect(page.url()).toBe(indexUrl())
    // The hostile model's page exists and its name is inert text there too.
    await page
      .getByRole('link', { name: shown(HOSTILE_NAME) })
      .first()
      .click()
    await page.waitForLoadState('load')
    expect(page.url()).toMatch(/\/models\/etc-script-alert-x-script-evil-[0-9a-f]{8}\.html$/)
    await expect(page.locator('h1').textContent()).resolves.toBe(shown(HOSTILE_NAME))
    await expect(page.evaluate('document.querySelectorAll("script").length')).resolves.toBe(0)
    expect(dialogs).toEqual([])
    await close()
  })

  it('lets the keyboard reach the filters, and a filter shows only its kind', async () => {
    const { page, close } = await open(indexUrl())
    await page.keyboard.press('Tab')
    await expect(page.evaluate('document.activeElement.textContent')).resolves.toBe('Skip to the content')
    let reached = false
    for (let i = 0; i < 40 && !reached; i++) {
      await page.keyboard.press('Tab')
      reached = await page.evaluate<boolean>(
        'document.activeElement.closest(".filters") !== null && document.activeElement.textContent.startsWith("Stale")'
      )
    }
    expect(reached).toBe(true)
    const outline = await page.evaluate<string>('getComputedStyle(document.activeElement).outlineStyle')
    expect(outline).toBe('solid')
    await page.keyboard.press('Enter')
    expect(page.url()).toBe(`${indexUrl()}#kind-stale-policy`)
    await expect(shownFindings(page)).resolves.toBe(1)
    await expect(page.locator('#kind-stale-policy').isVisible()).resolves.toBe(true)
    await expect(page.locator('#kind-blocked').isVisible()).resolves.toBe(false)
    await page.getByRole('link', { name: /^All findings/ }).click()
    await expect(shownFindings(page)).resolves.toBe(report.findings.length)
    await close()
  })

  it('reads the same with JavaScript disabled, filters included', async () => {
    const { page, close } = await open(indexUrl(), { javaScriptEnabled: false })
    for (const finding of report.findings) {
      await expect(page.getByText(finding.reason, { exact: true }).isVisible()).resolves.toBe(true)
    }
    await page.getByRole('link', { name: /^Never gated \(1\)/ }).click()
    await expect(page.locator('#kind-never-gated').isVisible()).resolves.toBe(true)
    await expect(page.locator('#kind-alias-moved').isVisible()).resolves.toBe(false)
    await close()
  })

  it('does not scroll sideways on a 390×844 phone: the matrix scrolls in its own box', async () => {
    const { page, close } = await open(indexUrl(), { viewport: PHONE })
    const widths = await page.evaluate<{ scroll: number; client: number }>(
      '({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth })'
    )
    expect(widths.scroll).toBeLessThanOrEqual(widths.client)
    const scrolling = await page.$$eval(
      '.table-scroll',
      (boxes) => boxes.filter((b) => b.scrollWidth > b.clientWidth).length
    )
    expect(scrolling).toBeGreaterThan(0)
    await page.screenshot({ path: path.join(ARTIFACTS, 'index-390x844.png') })
    await page.screenshot({ path: path.join(ARTIFACTS, 'index-390-full.png'), fullPage: true })
    await close()
  })

  it('prints every finding, even with a filter chosen, without navigation or filters', async () => {
    const { page, close } = await open(`${indexUrl()}#kind-blocked`, { viewport: { width: 794, height: 1123 } })
    await page.emulateMedia({ media: 'print' })
    await expect(shownFindings(page)).resolves.toBe(report.findings.length)
    await expect(page.locator('.filters').isVisible()).resolves.toBe(false)
    // Nothing sticks out of the page: not the page, not the 38-column matrix.
    const widths = await page.evaluate<{ scroll: number; client: number; wider: number }>(
      '({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth, ' +
        'wider: [...document.querySelectorAll("table")].filter((t) => ' +
        't.getBoundingClientRect().right > document.documentElement.clientWidth + 1).length })'
    )
    expect(widths.scroll).toBeLessThanOrEqual(widths.client)
    expect(widths.wider).toBe(0)
    const background = await page.evaluate<string>(
      'getComputedStyle(document.querySelector("td.st-pass")).backgroundColor'
    )
    expect(background).toBe('rgba(0, 0, 0, 0)')
    await page.screenshot({ path: path.join(ARTIFACTS, 'index-print.png'), fullPage: true })
    await close()
  })

  it.each(['index', 'model page'])(
    '%s: axe-core finds no serious or critical violation',
    async (which) => {
      // The site's CSP forbids every script, axe's too: this context lets the test inject it.
      const fraud = [...renderPostureSite(report).keys()].find((f) => f.startsWith('models/fraud-detector-')) ?? ''
      const url = which === 'index' ? indexUrl() : pathToFileURL(path.join(dir, fraud)).href
      const { page, close } = await open(url, { bypassCSP: true })
      await page.addScriptTag({ content: axe.source })
      const result = await page.evaluate<{
        passes: number
        violations: { id: string; impact: string | null; nodes: number; help: string }[]
      }>(
        'axe.run(document).then((r) => ({ passes: r.passes.length, violations: r.violations.map((v) => ' +
          '({ id: v.id, impact: v.impact ?? null, nodes: v.nodes.length, help: v.help })) }))'
      )
      // axe really looked (colour contrast, table headers, landmarks, link names…).
      expect(result.passes).toBeGreaterThan(10)
      expect(result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([])
      await close()
    },
    120_000
  )
})
