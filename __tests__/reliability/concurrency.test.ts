/**
 * Concurrency (issue 7): two restores of the same branch dispatched at once, and a restore while a bisect is
 * probing the same branch, run from dist/index.js as two jobs of the runner, on an emulator with Neon's
 * latencies (so operations overlap). A step that meets Neon's lock (423) waits and retries, or fails with a
 * clear message; every state a restore overwrote still exists as a backup branch (checked row by row).
 * Workflows avoid this with a `concurrency:` group (docs/reliability.md).
 */
import { leaks } from '../action/helpers.js'
import type { StepResult } from '../../tools/runner.js'
import { EPHEMERAL, FaultWorld, ids, makeHistory, sql, type History } from './scenarios.js'

let world: FaultWorld

beforeAll(async () => {
  world = await FaultWorld.start('', { latency: 'neon' })
}, 60_000)
afterAll(() => world?.stop())

const ALL = Array.from({ length: 20 }, (_, index) => index + 1)
const upTo = (n: number) => ALL.slice(0, n)

/** Exit 0, or exit 1 with an error that names the conflict and what to do. */
function expectDoneOrClear(main: StepResult) {
  if (main.exitCode === 0) return
  expect(main.exitCode).toBe(1)
  expect(main.errors.join('\n')).toMatch(/another operation|concurrency group|run again/)
}

const backupsOf = async (name: string) =>
  (await world.branches()).filter((branch) => branch.name.startsWith(`${name}-backup-`))

async function rowsOf(branchId: string): Promise<number[]> {
  return ids(await world.uri(branchId))
}

describe('concurrent restores', () => {
  let target: History
  let sources: { name: string; rows: number[] }[]

  beforeAll(async () => {
    target = await makeHistory(world, 'orders')
    sources = []
    for (const [name, keep] of [
      ['from-a', 5],
      ['from-b', 7]
    ] as const) {
      const { uri } = await world.createBranch(name, target.branch.id)
      await sql(uri, 'DELETE FROM items WHERE id > $1', [keep])
      sources.push({ name, rows: upTo(keep) })
    }
  }, 60_000)

  it('two restores of one branch at once: both apply in turn (or one fails clearly); each overwritten state is a backup', async () => {
    const before = world.harness.emulator.requestLog().length
    const runs = await Promise.all(
      sources.map((source) =>
        world.run({
          ...world.harness.connection,
          operation: 'restore',
          branch: 'orders',
          source: source.name,
          name: 'orders-backup-{run_id}'
        })
      )
    )
    runs.forEach((run) => expectDoneOrClear(run.main))
    const done = runs.filter((run) => run.main.exitCode === 0)
    expect(done.length).toBeGreaterThanOrEqual(1)

    const now = await ids(target.uri)
    const backups = await backupsOf('orders')
    expect(backups).toHaveLength(done.length)
    const kept = await Promise.all(backups.map((backup) => rowsOf(backup.id)))
    // The states the branch went through: the original, then each restore's source in the order they applied.
    const states = [ALL, ...sources.map((source) => source.rows)].map(String)
    expect(states).toContain(String(now))
    // Every state but the last is kept, and nothing is kept twice.
    const expected = [String(ALL), ...done.map((run) => String(sourceRows(run.main)))].filter(
      (state) => state !== String(now)
    )
    expect(kept.map(String).sort()).toEqual(expected.sort())
    const locked = world.harness.emulator
      .requestLog()
      .slice(before)
      .filter((request) => request.status === 423)
    // Not asserted (it depends on timing): whether the second met the lock. Printed for the record.
    if (process.env.CONCURRENCY_DEBUG) console.log(`423 answers: ${locked.length}`)

    function sourceRows(main: StepResult): number[] {
      const backup = backups.find((branch) => branch.id === main.outputs['backup-branch-id'])
      expect(backup).toBeDefined()
      const line = /Restored orders from (.*);/.exec(main.log)?.[1] ?? ''
      return sources.find((source) => line.includes(source.name))!.rows
    }
  }, 120_000)
})

describe('a restore during a bisect', () => {
  it('the restore applies (or fails clearly), the bisect ends either way, nothing is left, the old state is a backup', async () => {
    const shop = await makeHistory(world, 'shop')
    const bisectJob = world.harness.job()
    const restoreJob = world.harness.job()
    let restoring: Promise<{ main: StepResult; post: StepResult }> | undefined
    const restoreInputs = {
      ...world.harness.connection,
      operation: 'restore',
      branch: 'shop',
      source: `^self@${shop.lastGood}`,
      name: 'shop-backup-{run_id}'
    }
    const bisectInputs = {
      ...world.harness.connection,
      operation: 'bisect',
      branch: 'shop',
      check: 'SELECT count(*) <= 10 FROM items',
      good: shop.good,
      probe: 'branch',
      parallelism: '4'
    }
    const bisectMain = await bisectJob.runMain(bisectInputs, {
      // Once probe branches of the second round are being made, a second job restores the same branch.
      onLog: (log) => {
        if (!restoring && /Round 2: probing/.test(log)) restoring = restoreJob.run(restoreInputs)
      }
    })
    const bisectPost = await bisectJob.runPost(bisectInputs, bisectMain.state)
    expect(restoring).toBeDefined()
    const restore = await restoring!
    world.harness.steps.push(
      { main: bisectMain, post: bisectPost, requests: [] },
      { main: restore.main, post: restore.post, requests: [] }
    )

    expectDoneOrClear(bisectMain)
    expectDoneOrClear(restore.main)
    expect(bisectPost.exitCode).toBe(0)
    expect((await world.branches()).filter((branch) => EPHEMERAL.test(branch.name))).toEqual([])

    const backups = await backupsOf('shop')
    if (restore.main.exitCode === 0) {
      expect(await ids(shop.uri)).toEqual(upTo(10))
      expect(backups).toHaveLength(1)
      expect(await rowsOf(backups[0].id)).toEqual(ALL)
    } else {
      expect(await ids(shop.uri)).toEqual(ALL)
      expect(backups).toEqual([])
    }
  }, 120_000)
})

describe('secrets', () => {
  it('never shows a secret outside a mask command', async () => {
    expect(leaks(world.harness.steps, await world.secrets())).toEqual([])
  })
})
