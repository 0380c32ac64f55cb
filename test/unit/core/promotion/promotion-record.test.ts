import { describe, expect, it } from 'vitest'
import {
  appendHistory,
  historyTag,
  holderStatus,
  planRollback,
  readHistory
} from '../../../../src/core/promotion/promotion-record.js'

const tags = (history: unknown) => ({
  [historyTag('champion')]: typeof history === 'string' ? history : JSON.stringify(history)
})

describe('promotion history', () => {
  it('reads only exactly the format aims-gate writes (a forged or damaged history is no history)', () => {
    expect(readHistory(tags(['1', '2']), 'champion')).toEqual(['1', '2'])
    expect(readHistory({}, 'champion')).toBeUndefined()
    for (const forged of [
      'not json',
      '{"0":"1"}',
      '[1,2]',
      '["1","../x"]',
      '["1", null]',
      JSON.stringify(Array.from({ length: 51 }, (_, i) => String(i + 1)))
    ]) {
      expect(readHistory(tags(forged), 'champion'), forged).toBeUndefined()
    }
  })

  it('keeps the last 50 entries', () => {
    const long = Array.from({ length: 50 }, (_, i) => String(i + 1))
    expect(appendHistory(long, '51')).toEqual([...long.slice(1), '51'])
  })

  it('a holder that is not the last promoted version is reported as moved outside the gate', () => {
    expect(holderStatus('m', 'champion', { champion: '2' }, tags(['1', '2']))).toEqual({
      alias: 'champion',
      holder: '2',
      recorded: true
    })
    expect(holderStatus('m', 'champion', {}, {})).toEqual({ alias: 'champion', holder: null, recorded: true })
    const moved = holderStatus('m', 'champion', { champion: '3' }, tags(['1', '2']))
    expect(moved.recorded).toBe(false)
    expect(moved.warning).toContain(
      'points at version 3, which has no promotion record (the gate last promoted version 2)'
    )
    expect(holderStatus('m', 'champion', { champion: '3' }, tags('garbage')).recorded).toBe(false)
  })

  it('plans a rollback to the entry before the holder, and refuses every case without one', () => {
    expect(planRollback('m', 'champion', '2', tags(['1', '2']))).toEqual({ ok: true, target: '1', history: ['1'] })
    const reasons = [
      planRollback('m', 'champion', '2', {}),
      planRollback('m', 'champion', '2', tags('garbage')),
      planRollback('m', 'champion', '3', tags(['1', '2'])),
      planRollback('m', 'champion', null, tags(['1', '2'])),
      planRollback('m', 'champion', '1', tags(['1']))
    ].map((plan) => (plan.ok ? 'ok' : plan.reason))
    expect(reasons[0]).toContain('has no promotion history')
    expect(reasons[1]).toContain('has an unreadable promotion history')
    expect(reasons[2]).toContain('moved outside the gate')
    expect(reasons[3]).toContain('points at no version')
    expect(reasons[4]).toContain('no recorded previous holder')
  })
})
