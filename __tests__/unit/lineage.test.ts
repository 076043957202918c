/** src/lineage.ts: where a point of a restored branch is read, and when that cannot be known. */
import { LineageError, backupsOf, lineageOf, locate, sameIncarnation, type LineageBranch } from '../../src/lineage.js'
import type { Point } from '../../src/point.js'

const at = (timestamp: string): Point => ({ kind: 'timestamp', timestamp })
const lsn = (value: string): Point => ({ kind: 'lsn', lsn: value })

const root: LineageBranch = { id: 'br-root', name: 'production', created_at: '2026-11-01T00:00:00Z' }
const early: LineageBranch = {
  id: 'br-early',
  name: 'early',
  parent_id: 'br-main',
  parent_lsn: '0/3000000',
  created_at: '2026-12-01T09:00:00Z'
}

/** main, created from production at 0/1000000, restored twice from other branches (10:00 and 11:00). */
function twiceRestored(): { main: LineageBranch; all: LineageBranch[] } {
  const main: LineageBranch = {
    id: 'br-main',
    name: 'main',
    parent_id: 'br-early',
    parent_lsn: '0/5000000',
    created_at: '2026-11-01T00:00:00Z',
    last_reset_at: '2026-12-01T11:00:00Z'
  }
  const first: LineageBranch = {
    id: 'br-old-1',
    name: 'main_old_20261201T100000Z',
    parent_id: 'br-root',
    parent_lsn: '0/1000000',
    created_at: '2026-12-01T10:00:00Z'
  }
  const second: LineageBranch = {
    id: 'br-old-2',
    name: 'main_old_20261201T110000Z',
    parent_id: 'br-other',
    parent_lsn: '0/2000000',
    created_at: '2026-12-01T11:00:00Z'
  }
  return { main, all: [root, early, first, second] }
}

function refusal(run: () => unknown): LineageError {
  try {
    run()
  } catch (error) {
    if (error instanceof LineageError) return error
    throw error
  }
  throw new Error('expected a LineageError')
}

describe('lineage', () => {
  it('reads every point of a branch never restored on the branch itself', () => {
    const lineage = lineageOf(root, [root])
    expect(locate(lineage, at('2020-01-01T00:00:00Z')).incarnation.branch).toBe(root)
    expect(locate(lineage, lsn('0/10')).note).toBeUndefined()
  })

  it('reads each time on the timeline that was the branch then', () => {
    const { main, all } = twiceRestored()
    const lineage = lineageOf(main, all)
    expect(locate(lineage, at('2026-12-01T11:30:00Z')).incarnation.branch.id).toBe('br-main')
    expect(locate(lineage, at('2026-12-01T10:30:00Z')).incarnation.branch.id).toBe('br-old-2')
    expect(locate(lineage, at('2026-12-01T09:30:00Z')).incarnation.branch.id).toBe('br-old-1')
    expect(locate(lineage, at('2026-12-01T10:30:00Z')).note).toBe(
      'main was restored at 2026-12-01T11:00:00.000Z from early; its state at 2026-12-01T10:30:00Z is on ' +
        'main_old_20261201T110000Z: read there'
    )
  })

  it('refuses a time inside the second the restore ran in (Neon gives it to the second)', () => {
    const { main, all } = twiceRestored()
    expect(refusal(() => locate(lineageOf(main, all), at('2026-12-01T11:00:00.500Z'))).kind).toBe('ambiguous-time')
  })

  it('reads an LSN at or after the current start on the branch; below it, on the one backup that can hold it', () => {
    const { main, all } = twiceRestored()
    const lineage = lineageOf(main, all)
    expect(locate(lineage, lsn('0/5000000')).incarnation.branch.id).toBe('br-main')
    expect(locate(lineage, lsn('0/1800000')).incarnation.branch.id).toBe('br-old-1')
  })

  it('refuses an LSN two backups could hold, naming both, and one before any history', () => {
    const { main, all } = twiceRestored()
    const ambiguous = refusal(() => locate(lineageOf(main, all), lsn('0/2800000')))
    expect(ambiguous.kind).toBe('ambiguous-lsn')
    expect(ambiguous.message).toMatch(/main_old_20261201T110000Z .* or main_old_20261201T100000Z/)
    expect(ambiguous.message).toMatch(/give a timestamp, or history: <branch>/)
    expect(refusal(() => locate(lineageOf(main, all), lsn('0/800000'))).kind).toBe('before-history')
  })

  it('refuses the past of a restore whose backup it cannot find, and reads it with history', () => {
    const { main, all } = twiceRestored()
    const renamed = all.map((branch) => (branch.id === 'br-old-2' ? { ...branch, name: 'kept' } : branch))
    const missing = refusal(() => locate(lineageOf(main, renamed), at('2026-12-01T10:30:00Z')))
    expect(missing.kind).toBe('missing-backup')
    expect(missing.message).toMatch(/set history: <that branch>/)
    const kept = renamed.find((branch) => branch.id === 'br-old-2')!
    expect(locate(lineageOf(main, renamed, kept), at('2026-12-01T10:30:00Z')).incarnation.branch.name).toBe('kept')
  })

  it('does not take a backup made long before the restore as its backup', () => {
    const { main, all } = twiceRestored()
    const late = { ...main, last_reset_at: '2026-12-01T12:00:00Z' }
    expect(refusal(() => locate(lineageOf(late, all), at('2026-12-01T11:30:00Z'))).kind).toBe('missing-backup')
  })

  it('calls a restore whose backup is the parent a restore to its own past', () => {
    const backup = { ...root, id: 'br-b', name: 'main_old_x', created_at: '2026-12-01T11:00:00Z' }
    const main = {
      ...root,
      id: 'br-m',
      name: 'main',
      parent_id: 'br-b',
      parent_lsn: '0/4000000',
      last_reset_at: '2026-12-01T11:00:00Z'
    }
    const lineage = lineageOf(main, [backup])
    expect(lineage.restore?.ownPast).toBe(true)
    expect(locate(lineage, at('2026-12-01T10:00:00Z')).note).toContain('from its own past')
  })

  it('refuses a bisect whose bounds are on two timelines', () => {
    const { main, all } = twiceRestored()
    const lineage = lineageOf(main, all)
    const good = locate(lineage, at('2026-12-01T10:30:00Z'))
    const bad = locate(lineage, at('2026-12-01T11:30:00Z'))
    expect(() => sameIncarnation(good, bad, 'main')).toThrow(/bisect each side/)
    expect(() => sameIncarnation(good, good, 'main')).not.toThrow()
  })
})

describe('backupsOf', () => {
  it("keeps only names that start with the branch's backup prefix (Neon's search matches anywhere in a name)", () => {
    const main = { id: 'br-main', name: 'main' }
    const branches: LineageBranch[] = [
      { id: 'br-main', name: 'main', created_at: '2026-12-01T00:00:00Z' },
      { id: 'br-a', name: 'main_old_20261201T100000Z', created_at: '2026-12-01T10:00:00Z' },
      { id: 'br-b', name: 'domain_old_20261201T100000Z', created_at: '2026-12-01T10:00:00Z' },
      { id: 'br-c', name: 'main_older', created_at: '2026-12-01T10:00:00Z' }
    ]
    expect(backupsOf(main, branches).map((branch) => branch.id)).toEqual(['br-a'])
  })
})
