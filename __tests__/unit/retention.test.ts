import { applyRetention, describePolicy, describeReason, isoWeek, type RetentionItem } from '../../src/retention.js'

const HOUR = 3_600_000
const DAY = 24 * HOUR
const at = (iso: string): number => Date.parse(iso)
const item = (iso: string, pinned?: string): RetentionItem => ({ id: iso, createdAt: at(iso), pinned })
const NOW = at('2026-03-20T12:00:00Z')

/** The ids of the kept items, newest first. */
function kept(items: RetentionItem[], policy: Parameters<typeof applyRetention>[1], now = NOW): string[] {
  return applyRetention(items, policy, now)
    .filter((decision) => decision.keep)
    .map((decision) => decision.item.id)
}

describe('retention policy', () => {
  it('keep-last keeps the N newest, whatever order the items come in', () => {
    const items = ['2026-03-01T00:00:00Z', '2026-03-05T00:00:00Z', '2026-03-03T00:00:00Z', '2026-03-04T00:00:00Z']
    expect(
      kept(
        items.map((iso) => item(iso)),
        { keepLast: 2 }
      )
    ).toEqual(['2026-03-05T00:00:00Z', '2026-03-04T00:00:00Z'])
  })

  it('keep-last larger than the history keeps everything', () => {
    const items = [item('2026-03-01T00:00:00Z'), item('2026-03-02T00:00:00Z')]
    expect(kept(items, { keepLast: 10 })).toHaveLength(2)
  })

  it('keep-daily keeps the newest of each day, counting only days that have items (as borg and restic do)', () => {
    const items = [
      item('2026-03-10T23:59:59Z'),
      item('2026-03-10T08:00:00Z'),
      item('2026-03-07T12:00:00Z'),
      item('2026-03-07T11:00:00Z'),
      item('2026-03-01T00:00:00Z'),
      item('2026-02-20T00:00:00Z')
    ]
    // Three days with items are the three most recent "days", though they span nine calendar days.
    expect(kept(items, { keepDaily: 3 })).toEqual([
      '2026-03-10T23:59:59Z',
      '2026-03-07T12:00:00Z',
      '2026-03-01T00:00:00Z'
    ])
  })

  it('buckets by UTC, not by local time', () => {
    // 23:30 and 00:30 UTC are different days even where they are the same local evening.
    const items = [item('2026-03-11T00:30:00Z'), item('2026-03-10T23:30:00Z')]
    expect(kept(items, { keepDaily: 2 })).toHaveLength(2)
    expect(kept(items, { keepHourly: 1 })).toEqual(['2026-03-11T00:30:00Z'])
  })

  it('keep-hourly keeps the newest of each hour', () => {
    const items = [
      item('2026-03-10T10:59:00Z'),
      item('2026-03-10T10:01:00Z'),
      item('2026-03-10T09:30:00Z'),
      item('2026-03-10T07:00:00Z')
    ]
    expect(kept(items, { keepHourly: 2 })).toEqual(['2026-03-10T10:59:00Z', '2026-03-10T09:30:00Z'])
  })

  it('keep-weekly uses ISO weeks (Monday to Sunday)', () => {
    const items = [
      item('2026-03-16T00:00:00Z'), // Monday, W12
      item('2026-03-15T23:59:59Z'), // Sunday, W11
      item('2026-03-09T00:00:00Z'), // Monday, W11
      item('2026-03-08T12:00:00Z') // Sunday, W10
    ]
    expect(kept(items, { keepWeekly: 3 })).toEqual([
      '2026-03-16T00:00:00Z',
      '2026-03-15T23:59:59Z',
      '2026-03-08T12:00:00Z'
    ])
  })

  it('names ISO weeks across year boundaries', () => {
    expect(isoWeek(at('2026-01-01T00:00:00Z'))).toBe('2026-W01') // a Thursday
    expect(isoWeek(at('2025-12-29T00:00:00Z'))).toBe('2026-W01') // Monday of that week
    expect(isoWeek(at('2025-12-28T23:59:59Z'))).toBe('2025-W52')
    expect(isoWeek(at('2021-01-03T12:00:00Z'))).toBe('2020-W53') // a Sunday in a 53-week year
    expect(isoWeek(at('2021-01-04T00:00:00Z'))).toBe('2021-W01')
    expect(isoWeek(at('2024-12-30T00:00:00Z'))).toBe('2025-W01')
  })

  it('keeps an item kept by any rule, with every rule that kept it', () => {
    const items = [item('2026-03-10T10:00:00Z'), item('2026-03-09T10:00:00Z'), item('2026-03-01T10:00:00Z')]
    const decisions = applyRetention(items, { keepLast: 1, keepDaily: 2, keepWeekly: 2 }, NOW)
    expect(decisions.map((decision) => decision.reasons.map(describeReason))).toEqual([
      ['keep-last (1 of 1)', 'keep-daily (2026-03-10)', 'keep-weekly (2026-W11)'],
      ['keep-daily (2026-03-09)'],
      ['keep-weekly (2026-W09)']
    ])
    expect(decisions.every((decision) => decision.keep)).toBe(true)
  })

  it('deletes what no rule keeps', () => {
    const items = [item('2026-03-10T10:00:00Z'), item('2026-03-10T09:00:00Z'), item('2026-03-10T08:00:00Z')]
    const decisions = applyRetention(items, { keepDaily: 5 }, NOW)
    expect(decisions.map((decision) => decision.keep)).toEqual([true, false, false])
    expect(decisions[1].reasons).toEqual([])
  })

  it('older-than alone deletes only what is older, and keeps an item exactly that old', () => {
    const items = [
      item(new Date(NOW - 6 * DAY).toISOString()),
      item(new Date(NOW - 7 * DAY).toISOString()),
      item(new Date(NOW - 7 * DAY - 1).toISOString()),
      item(new Date(NOW - 30 * DAY).toISOString())
    ]
    const decisions = applyRetention(items, { olderThanMs: 7 * DAY }, NOW)
    expect(decisions.map((decision) => decision.keep)).toEqual([true, true, false, false])
    expect(describeReason(decisions[0].reasons[0])).toBe('younger than 1w (older-than)')
  })

  it('with older-than and keep rules, the rules still see every item and keep old ones too', () => {
    const items = [
      item(new Date(NOW - 1 * DAY).toISOString()),
      item(new Date(NOW - 2 * DAY).toISOString()),
      item(new Date(NOW - 10 * DAY).toISOString()),
      item(new Date(NOW - 11 * DAY).toISOString()),
      item(new Date(NOW - 12 * DAY).toISOString())
    ]
    // keep-last 3 keeps the two recent ones and the newest old one; older-than protects the two recent ones.
    expect(kept(items, { keepLast: 3, olderThanMs: 7 * DAY })).toEqual(items.slice(0, 3).map((each) => each.id))
  })

  it('keeps pinned items whatever the rules say, and counts them in the rules', () => {
    const items = [item('2026-03-10T10:00:00Z', 'protected branch'), item('2026-03-09T10:00:00Z')]
    const decisions = applyRetention(items, { keepLast: 1 }, NOW)
    expect(decisions.map((decision) => decision.keep)).toEqual([true, false])
    expect(decisions[0].reasons.map(describeReason)).toEqual(['keep-last (1 of 1)', 'protected branch'])
    const old = applyRetention([item('2020-01-01T00:00:00Z', 'default branch')], { olderThanMs: DAY }, NOW)
    expect(old[0]).toMatchObject({ keep: true, reasons: [{ rule: 'pinned', bucket: 'default branch' }] })
  })

  it('orders items created at the same moment by id, so a rerun decides the same', () => {
    const same = at('2026-03-10T10:00:00Z')
    const items = [
      { id: 'b', createdAt: same },
      { id: 'a', createdAt: same },
      { id: 'c', createdAt: same }
    ]
    expect(kept(items, { keepLast: 1 })).toEqual(['a'])
    expect(kept([...items].reverse(), { keepLast: 1 })).toEqual(['a'])
    expect(kept(items, { keepDaily: 5 })).toEqual(['a'])
  })

  it('refuses a policy without rules (it would delete everything)', () => {
    expect(() => applyRetention([item('2026-03-10T10:00:00Z')], {}, NOW)).toThrow(/at least one rule/)
    expect(() => applyRetention([], { keepLast: 0, keepDaily: 0 }, NOW)).toThrow(/at least one rule/)
  })

  it('handles an empty history', () => {
    expect(applyRetention([], { keepLast: 3 }, NOW)).toEqual([])
  })

  it('agrees with a straightforward reading of the rules on random histories', () => {
    let seed = 42
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
    for (let round = 0; round < 200; round++) {
      const items = Array.from({ length: Math.floor(random() * 60) }, (_, index) => ({
        id: `i${index}`,
        createdAt: NOW - Math.floor(random() * 60 * DAY)
      }))
      const policy = {
        keepLast: Math.floor(random() * 4),
        keepHourly: Math.floor(random() * 4),
        keepDaily: Math.floor(random() * 8),
        keepWeekly: Math.floor(random() * 5),
        olderThanMs: random() < 0.5 ? undefined : Math.floor(random() * 30) * DAY + DAY
      }
      if (Object.values(policy).every((value) => !value)) continue
      expect(new Set(kept(items, policy))).toEqual(reference(items, policy))
    }
  })

  it('describes a policy as it is written in the inputs', () => {
    expect(describePolicy({ keepLast: 3, keepDaily: 7, olderThanMs: 7 * DAY })).toBe(
      'keep-last 3, keep-daily 7, older-than 1w'
    )
    expect(describePolicy({ keepWeekly: 4, olderThanMs: 36 * HOUR })).toBe('keep-weekly 4, older-than 36h')
  })
})

/** The rules read literally: group by bucket, take the newest item of the N newest buckets. */
function reference(
  items: RetentionItem[],
  policy: { keepLast: number; keepHourly: number; keepDaily: number; keepWeekly: number; olderThanMs?: number }
): Set<string> {
  const newestFirst = [...items].sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? -1 : 1))
  const keep = new Set(newestFirst.slice(0, policy.keepLast).map((each) => each.id))
  const buckets: [number, (time: number) => string][] = [
    [policy.keepHourly, (time) => new Date(time).toISOString().slice(0, 13)],
    [policy.keepDaily, (time) => new Date(time).toISOString().slice(0, 10)],
    [policy.keepWeekly, isoWeek]
  ]
  for (const [count, bucketOf] of buckets) {
    const newestOfBucket = new Map<string, RetentionItem>()
    for (const each of newestFirst)
      if (!newestOfBucket.has(bucketOf(each.createdAt))) newestOfBucket.set(bucketOf(each.createdAt), each)
    const keys = [...newestOfBucket.keys()].sort().reverse().slice(0, count)
    for (const key of keys) keep.add(newestOfBucket.get(key)!.id)
  }
  if (policy.olderThanMs !== undefined) {
    for (const each of items) if (NOW - each.createdAt <= policy.olderThanMs) keep.add(each.id)
  }
  return keep
}
