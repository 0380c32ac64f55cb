/**
 * The HTML card as an auditor's browser shows it: headless Chromium (Debian's, driven by
 * playwright-core) opens the file the bundled CLI wrote, from file://, for the demo's passing
 * card and for a blocked one. Layout facts, not pixels: the verdict banner is on screen without
 * scrolling, the page never scrolls sideways (wide tables scroll in their own box), print layout
 * does not overflow either and prints to an A4 PDF, axe-core finds no serious or critical
 * accessibility violation, and the page asks for nothing beyond its own file. Screenshots and
 * PDFs are kept under .tmp/card-html/ to look at.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import axe from 'axe-core'
import { chromium, type Browser, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ROOT } from '../../support/action-runner.js'
import { assertBundleFresh, runCli } from '../../support/cli-runner.js'

const ARTIFACTS = path.join(ROOT, '.tmp', 'card-html')
// The demo's arguments (`npm run demo`), with the card written to a folder of this test.
const DEMO = [
  'check',
  '--tracking-uri',
  'sqlite:///examples/credit-risk/mlflow.db',
  '--model',
  'credit-risk',
  '--alias',
  'challenger',
  '--profile',
  'production',
  '--card-source',
  'examples/credit-risk/model-cards/credit-risk.md'
]

let work: string
let browser: Browser
const cards: Record<'pass' | 'blocked', string> = { pass: '', blocked: '' }

/** The HTML path from the CLI's own output line. */
function htmlPath(stdout: string): string {
  const shown = /^HTML: +(.+)$/m.exec(stdout)?.[1]
  if (shown === undefined) throw new Error(`no HTML line in the CLI's output:\n${stdout}`)
  return path.resolve(ROOT, shown)
}

beforeAll(async () => {
  await assertBundleFresh()
  await mkdir(ARTIFACTS, { recursive: true })
  work = await mkdtemp(path.join(ARTIFACTS, 'run-'))
  const pass = await runCli(
    [...DEMO, '--policy', 'examples/credit-risk/policy.yml', '--card-dir', path.join(work, 'pass')],
    { cwd: ROOT }
  )
  expect(pass.code, pass.stderr).toBe(0)
  cards.pass = htmlPath(pass.stdout)
  // The same model against a bar it cannot meet: a blocked card from the same evidence.
  const policy = (await readFile(path.join(ROOT, 'examples/credit-risk/policy.yml'), 'utf8')).replace(
    'min: 0.80',
    'min: 0.99'
  )
  expect(policy).toContain('min: 0.99')
  await writeFile(path.join(work, 'strict-policy.yml'), policy)
  const blocked = await runCli(
    [...DEMO, '--policy', path.join(work, 'strict-policy.yml'), '--card-dir', path.join(work, 'blocked')],
    { cwd: ROOT }
  )
  expect(blocked.code, blocked.stderr).toBe(1)
  cards.blocked = htmlPath(blocked.stdout)
  expect(cards.blocked.endsWith(path.join('credit-risk', '2.html'))).toBe(true)
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] })
}, 240_000)

afterAll(async () => {
  await browser?.close()
  if (work !== undefined) await rm(work, { recursive: true, force: true })
})

/** Opens the card; every request the page makes is recorded (only its own file is allowed). */
async function open(
  file: string,
  viewport: { width: number; height: number },
  bypassCSP = false
): Promise<{ page: Page; requests: string[] }> {
  const page = await browser.newPage({ viewport, bypassCSP })
  const requests: string[] = []
  page.on('request', (request) => requests.push(request.url()))
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' })
  return { page, requests }
}

// Code run in the page is given as source text: the project's types are Node's, not the DOM's.
const horizontalOverflow = (page: Page): Promise<{ scrollWidth: number; clientWidth: number }> =>
  page.evaluate(
    '({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth })'
  )

describe.each(['pass', 'blocked'] as const)('the %s card in Chromium', (kind) => {
  it('shows the verdict banner, in words, without scrolling at 1280×800, and loads nothing else', async () => {
    const { page, requests } = await open(cards[kind], { width: 1280, height: 800 })
    const banner = page.locator('section.verdict')
    await expect(banner.isVisible()).resolves.toBe(true)
    const box = await banner.boundingBox()
    expect(box).not.toBeNull()
    expect(box!.x).toBeGreaterThanOrEqual(0)
    expect(box!.y).toBeGreaterThanOrEqual(0)
    expect(box!.x + box!.width).toBeLessThanOrEqual(1280)
    expect(box!.y + box!.height).toBeLessThanOrEqual(800)
    const text = await banner.textContent()
    if (kind === 'pass') expect(text).toContain('PASS: release allowed')
    else expect(text).toMatch(/BLOCKED: release not allowed[\s\S]*Blocked by requirement: auc\b/)
    const { scrollWidth, clientWidth } = await horizontalOverflow(page)
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth)
    expect(requests).toEqual([pathToFileURL(cards[kind]).href])
    await page.screenshot({ path: path.join(ARTIFACTS, `${kind}-1280x800.png`) })
    await page.screenshot({ path: path.join(ARTIFACTS, `${kind}-1280-full.png`), fullPage: true })
    await page.close()
  })

  it('does not scroll sideways on a 390×844 phone: wide tables scroll inside their own box', async () => {
    const { page } = await open(cards[kind], { width: 390, height: 844 })
    const { scrollWidth, clientWidth } = await horizontalOverflow(page)
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth)
    // The requirement table is wider than a phone: it is its container that scrolls.
    const scrolling = await page.$$eval(
      '.table-scroll',
      (boxes) => boxes.filter((b) => b.scrollWidth > b.clientWidth).length
    )
    expect(scrolling).toBeGreaterThan(0)
    await expect(page.locator('section.verdict').isVisible()).resolves.toBe(true)
    await page.screenshot({ path: path.join(ARTIFACTS, `${kind}-390x844.png`) })
    await page.close()
  })

  it('prints without overflow and to an A4 PDF', async () => {
    // About A4's width at 96 dpi, as a print preview lays it out.
    const { page } = await open(cards[kind], { width: 794, height: 1123 })
    await page.emulateMedia({ media: 'print' })
    const { scrollWidth, clientWidth } = await horizontalOverflow(page)
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth)
    // No table sticks out of the page in print: their containers do not scroll there.
    const wider = await page.evaluate<number>(
      '[...document.querySelectorAll("table")].filter((t) => ' +
        't.getBoundingClientRect().right > document.documentElement.clientWidth + 1).length'
    )
    expect(wider).toBe(0)
    const background = await page.evaluate<string>(
      'getComputedStyle(document.querySelector("section.verdict")).backgroundColor'
    )
    expect(background).toBe('rgba(0, 0, 0, 0)')
    await page.screenshot({ path: path.join(ARTIFACTS, `${kind}-print.png`), fullPage: true })
    const pdf = await page.pdf({ format: 'A4', path: path.join(ARTIFACTS, `${kind}.pdf`) })
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    expect(pdf.length).toBeGreaterThan(10_000)
    await page.close()
  }, 120_000)

  it('has no serious or critical accessibility violation (axe-core)', async () => {
    // The card's CSP forbids every script, axe's too: this one page lets the test inject it.
    const { page } = await open(cards[kind], { width: 1280, height: 800 }, true)
    await page.addScriptTag({ content: axe.source })
    const violations = await page.evaluate<{ id: string; impact: string | null; nodes: number; help: string }[]>(
      'axe.run(document).then((r) => r.violations.map((v) => ({ id: v.id, impact: ' +
        'v.impact ?? null, nodes: v.nodes.length, help: v.help })))'
    )
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([])
    await page.close()
  }, 120_000)
})
