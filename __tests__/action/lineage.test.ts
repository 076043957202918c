/**
 * A branch's past after a restore (src/lineage.ts): every operation that takes a point reads what the branch
 * held then, after both kinds of restore, from the rows in Postgres. Without the lineage, a time before the
 * restore reads the restored timeline's start (Neon's pageserver answers no earlier) and an LSN before the
 * branch's start is refused: each test below fails on that.
 */
import { ActionHarness, currentLsn, ids, leaks, mutating, query, sleep } from './helpers.js'

let harness: ActionHarness

/** One branch's story: rows written, points taken between them, then a restore and a write after it. */
interface Story {
  name: string
  id: string
  uri: string
  /** Row 1 only: an LSN before the branch's current start. */
  lsnOne: string
  /** Rows 1 and 2: a time before the restore. */
  timeTwo: string
  /** Rows 1-3: the time just before the restore. */
  timeThree: string
  backup: string
}

const now = () => new Date().toISOString()

/**
 * Rows 1 (lsnOne), 2 (lsnTwo, timeTwo), 3 (timeThree); `restore` then puts the branch back at lsnTwo (rows 1
 * and 2, its new start), and row 10 is written after the restore.
 */
async function story(name: string, restore: (branch: { id: string }, lsnTwo: string) => Promise<string>) {
  const branch = await harness.createBranch(name)
  await query(branch.uri, 'CREATE TABLE items (id int PRIMARY KEY); INSERT INTO items VALUES (1)')
  const lsnOne = await currentLsn(branch.uri)
  await query(branch.uri, 'INSERT INTO items VALUES (2)')
  const lsnTwo = await currentLsn(branch.uri)
  await sleep(50)
  const timeTwo = now()
  await sleep(50)
  await query(branch.uri, 'INSERT INTO items VALUES (3)')
  await sleep(50)
  const timeThree = now()
  // Neon gives a restore's time to the second: the restore is a second later than every point before it.
  await sleep(1100)
  const backup = await restore(branch, lsnTwo)
  await query(branch.uri, 'INSERT INTO items VALUES (10)')
  return { name, ...branch, lsnOne, timeTwo, timeThree, backup }
}

let fromOther: Story
let ownPast: Story

beforeAll(async () => {
  harness = await ActionHarness.start()
  // The two stories are on branches of their own: written at once, they share their waits (the second before
  // each restore, the restore's operations).
  ;[fromOther, ownPast] = await Promise.all([
    // Restored from another branch: "early", made when the branch held rows 1 and 2.
    story('shop', async (branch, lsnTwo) => {
      const early = await harness.api.createProjectBranch(harness.projectId, {
        branch: { name: 'early', parent_id: branch.id, parent_lsn: lsnTwo }
      })
      await harness.waitForOperations(early.data.operations.map((operation) => operation.id))
      return restoreStep(branch.id, 'early')
    }),
    // Restored to its own past (rows 1 and 2): the backup becomes the branch's parent.
    story('till', (branch, lsnTwo) => restoreStep(branch.id, `^self@${lsnTwo}`))
  ])
}, 120_000)

afterAll(async () => {
  expect(leaks(harness.steps, await harness.secrets())).toEqual([])
  await harness?.stop()
})

async function restoreStep(branchId: string, source: string): Promise<string> {
  const step = await harness.run({ operation: 'restore', branch: branchId, source })
  expect(step.main.errors).toEqual([])
  return step.main.outputs['backup-branch-name']
}

async function rowsOfSnapshot(inputs: Record<string, string>): Promise<number[]> {
  const step = await harness.run({ operation: 'snapshot', ...inputs })
  expect(step.main.errors).toEqual([])
  return ids(await harness.connectionUri(step.main.outputs['branch-id']), 'items')
}

async function rowsOfQuery(inputs: Record<string, string>): Promise<number[]> {
  const step = await harness.run({ operation: 'query', sql: 'SELECT id FROM items ORDER BY id', ...inputs })
  expect(step.main.errors).toEqual([])
  return (JSON.parse(step.main.outputs.result) as { id: number }[]).map((row) => row.id)
}

describe.each([
  ['restored from another branch', () => fromOther],
  ['restored to its own past', () => ownPast]
])('after a branch was %s', (_kind, get) => {
  it('snapshot at a time before the restore holds what the branch held then, read on its backup', async () => {
    const s = get()
    expect(await rowsOfSnapshot({ branch: s.name, at: s.timeThree, name: `${s.name}-at-three` })).toEqual([1, 2, 3])
    expect(await rowsOfSnapshot({ branch: s.name, at: s.lsnOne, name: `${s.name}-at-one` })).toEqual([1])
  })

  it('query at a time and at an LSN before the restore reads the rows of then; the summary says where', async () => {
    const s = get()
    const step = await harness.run({ operation: 'query', branch: s.name, at: s.timeTwo, sql: 'SELECT 1' })
    expect(step.main.summary).toContain(`its state at ${s.timeTwo.replace(/\.\d+Z$/, '')}`)
    expect(step.main.summary).toContain(`is on ${s.backup}: read there`)
    expect(await rowsOfQuery({ branch: s.name, at: s.timeThree })).toEqual([1, 2, 3])
    expect(await rowsOfQuery({ branch: s.name, at: s.timeTwo })).toEqual([1, 2])
    expect(await rowsOfQuery({ branch: s.name, at: s.lsnOne })).toEqual([1])
    // After the restore: the branch as it is.
    expect(await rowsOfQuery({ branch: s.name, at: 'head' })).toEqual([1, 2, 10])
  })

  it('verify drills the point before the restore', async () => {
    const s = get()
    const step = await harness.run({
      operation: 'verify',
      branch: s.name,
      at: s.timeThree,
      checks: 'SELECT count(*) = 3 FROM items'
    })
    expect(step.main.errors).toEqual([])
    expect(step.main.outputs.passed).toBe('true')
  })

  it('recover merges back the rows of a time before the restore, keeping the write made since', async () => {
    const s = get()
    const step = await harness.run({
      operation: 'recover',
      branch: s.name,
      at: s.timeThree,
      tables: 'items',
      mode: 'merge',
      database: harness.emulator.info.databaseName
    })
    expect(step.main.errors).toEqual([])
    expect(await ids(s.uri, 'items')).toEqual([1, 2, 3, 10])
    await query(s.uri, 'DELETE FROM items WHERE id = 3') // back as it was, for the other tests
  })

  it('bisect with both bounds before the restore searches the backup (probes too) and finds the commit of row 3', async () => {
    const s = get()
    const step = await harness.run({
      operation: 'bisect',
      branch: s.name,
      good: s.timeTwo,
      bad: s.timeThree,
      check: 'SELECT count(*) < 3 FROM items',
      // Probes of both kinds read the backup: branches of it for one story, time travel to it for the other.
      probe: s === fromOther ? 'branch' : 'time-travel'
    })
    expect(step.main.errors).toEqual([])
    expect(step.main.summary).toContain(`bisect searches ${s.backup}`)
    // Its LSNs are the backup's: read them there.
    const [good, bad] = await Promise.all(
      [step.main.outputs['last-good-lsn'], step.main.outputs['first-bad-lsn']].map(async (lsn) =>
        rowsOfSnapshot({ branch: s.backup, at: lsn, name: `${s.name}-bisect-${lsn.replace('/', '-')}` })
      )
    )
    expect(step.main.summary).toContain(`source: ${s.backup}@${step.main.outputs['last-good-lsn']}`)
    expect(good).toEqual([1, 2])
    expect(bad).toEqual([1, 2, 3])
  })

  it('bisect across the restore is refused before anything is made, saying to bisect each side', async () => {
    const s = get()
    const before = (await harness.branches()).length
    const step = await harness.run({ operation: 'bisect', branch: s.name, good: s.timeTwo, check: 'SELECT true' })
    expect(step.main.exitCode).not.toBe(0)
    expect(step.main.errors.join('\n')).toMatch(/there is no single LSN range to search; bisect each side/)
    expect(mutating(step.requests)).toEqual([])
    expect((await harness.branches()).length).toBe(before)
  })
})

describe.each([
  ['restored from another branch', () => fromOther],
  ['restored to its own past', () => ownPast]
])('restore of a branch %s', (_kind, get) => {
  it('to ^self@<a time before its last restore> brings back what it held then (the backup is the source)', async () => {
    const s = get()
    const step = await harness.run({ operation: 'restore', branch: s.name, source: `^self@${s.timeThree}` })
    expect(step.main.errors).toEqual([])
    expect(step.main.summary).toContain(`is on ${s.backup}: read there`)
    expect(await ids(s.uri, 'items')).toEqual([1, 2, 3])
  })
})

describe('a restore whose backup has a name of its own', () => {
  let cafe: { id: string; uri: string; before: string }

  beforeAll(async () => {
    const branch = await harness.createBranch('cafe')
    await query(branch.uri, 'CREATE TABLE items (id int PRIMARY KEY); INSERT INTO items VALUES (1)')
    const lsn = await currentLsn(branch.uri)
    await query(branch.uri, 'INSERT INTO items VALUES (2)')
    await sleep(50)
    const before = now()
    await sleep(1100)
    const { data } = await harness.api.restoreProjectBranch(harness.projectId, branch.id, {
      source_branch_id: branch.id,
      source_lsn: lsn,
      preserve_under_name: 'kept-by-hand'
    })
    await harness.waitForOperations(data.operations.map((operation) => operation.id))
    cafe = { ...branch, before }
  })

  it('is refused for a point before that restore, before anything changes, naming history', async () => {
    const step = await harness.run({ operation: 'snapshot', branch: 'cafe', at: cafe.before })
    expect(step.main.exitCode).not.toBe(0)
    expect(step.main.errors.join('\n')).toMatch(
      /at: .* is before cafe was restored at .*no cafe_old_\* branch was made then.*set history: <that branch>/
    )
    expect(mutating(step.requests)).toEqual([])
  })

  it('reads there with history: <the backup>', async () => {
    expect(await rowsOfQuery({ branch: 'cafe', at: cafe.before, history: 'kept-by-hand' })).toEqual([1, 2])
  })
})
