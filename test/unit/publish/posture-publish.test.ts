/**
 * The posture's adapters that need no server: the in-flight bound, the atomic site swap (never
 * empties a folder of other files, leaves nothing behind), and posture.json against its schema.
 */
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { InFlightLimit } from '../../../src/collect/posture/in-flight.js'
import { reportFacts } from '../../../src/collect/posture/read-report.js'
import type { PostureReport } from '../../../src/core/posture/types.js'
import { writeSiteAtomic } from '../../../src/publish/write-site-atomic.js'
import { type PostureJson, postureSchema } from '../../../src/render/posture/posture-schema.js'

const work = path.resolve(import.meta.dirname, '../../../.tmp', `posture-unit-${process.pid}`)
afterAll(() => rm(work, { recursive: true, force: true }))

// Compile-time: the published schema describes exactly the contract type, both ways.
const toJson = (report: PostureReport): PostureJson => report
const toReport = (json: PostureJson): PostureReport => json
void toJson
void toReport

describe('InFlightLimit', () => {
  it('never runs more than the bound and remembers the peak', async () => {
    const limit = new InFlightLimit(3)
    let running = 0
    let seen = 0
    await limit.all([...Array(20).keys()], async () => {
      running++
      seen = Math.max(seen, running)
      await new Promise((resolve) => setTimeout(resolve, 2))
      running--
    })
    expect(seen).toBe(3)
    expect(limit.peak).toBe(3)
    expect(() => new InFlightLimit(0)).toThrow(RangeError)
  })
})

describe('writeSiteAtomic', () => {
  const files = new Map([
    ['posture.json', '{}\n'],
    ['models/a.html', '<p>a</p>\n']
  ])

  it('writes into a new folder, replaces an earlier site whole, and leaves no staging folder', async () => {
    const out = path.join(work, 'site')
    await writeSiteAtomic(out, files, 'posture.json')
    await writeFile(path.join(out, 'stale.html'), 'old')
    await writeSiteAtomic(out, new Map([['posture.json', '{"n":2}\n']]), 'posture.json')
    expect((await readdir(out)).sort()).toEqual(['posture.json'])
    expect(await readFile(path.join(out, 'posture.json'), 'utf8')).toBe('{"n":2}\n')
    expect((await readdir(work)).filter((n) => n.startsWith('.'))).toEqual([])
  })

  it('refuses a folder of other files (exit 2) and names that cannot stay inside the site', async () => {
    const foreign = path.join(work, 'foreign')
    await mkdir(foreign, { recursive: true })
    await writeFile(path.join(foreign, 'keep.txt'), 'mine')
    await expect(writeSiteAtomic(foreign, files, 'posture.json')).rejects.toMatchObject({ kind: 'invalid' })
    expect(await readFile(path.join(foreign, 'keep.txt'), 'utf8')).toBe('mine')
    const names = new Map([
      ['models/été & co.html', 'x'],
      ['models/%2E%2E.html', 'y'],
      ['posture.json', '{}']
    ])
    await writeSiteAtomic(path.join(work, 'names'), names, 'posture.json')
    expect((await readdir(path.join(work, 'names', 'models'))).sort()).toEqual(['%2E%2E.html', 'été & co.html'])
    for (const bad of ['../x.html', '/abs.html', 'a/../../b', 'a\\b', 'c:x', 'a\nb', 'a//b']) {
      await expect(writeSiteAtomic(path.join(work, 'bad'), new Map([[bad, 'x']]), 'posture.json')).rejects.toThrow()
    }
    expect((await readdir(work)).filter((n) => n.startsWith('.'))).toEqual([])
  })
})

describe('reading an uploaded report', () => {
  it('is unreadable when not UTF-8 JSON or not a report; the digest is over the exact bytes', () => {
    expect(reportFacts(new Uint8Array([0xff, 0xfe]))).toMatchObject({ kind: 'unreadable' })
    expect(reportFacts(Buffer.from('{"verdict":"pass"}'))).toMatchObject({ kind: 'unreadable' })
    expect(reportFacts(Buffer.from('[]')).kind).toBe('unreadable')
  })

  it('the schema refuses a finding link that is not http(s)', () => {
    const link = { label: 'x', href: 'javascript:alert(1)' }
    const finding = { id: 'a', kind: 'blocked', severity: 'high', model: 'm', reason: 'r', links: [link] }
    const parsed = postureSchema.shape.findings.safeParse([finding])
    expect(parsed.success).toBe(false)
  })
})
