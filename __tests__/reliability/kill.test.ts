/**
 * Kill and cancel (issue 7): the action, run from dist/index.js, is stopped mid-bisect (a branch per probe),
 * mid-verify and mid-restore with SIGTERM, SIGKILL or the runner's cancel (SIGINT, then SIGTERM 7.5 s later),
 * then its post step runs as the runner runs it. Nothing is left behind, and a restore either completed with
 * its backup or did not start (checked against the rows in Postgres).
 * SIGINT and SIGTERM are handled (src/cancel.ts): the step deletes its ephemeral branches itself and exits 1.
 */
import { leaks } from '../action/helpers.js'
import type { RunOptions, StepResult } from '../../tools/runner.js'
import { EPHEMERAL, FaultWorld, ids, makeHistory, type History } from './scenarios.js'

let world: FaultWorld
let history: History

beforeAll(async () => {
  world = await FaultWorld.start('')
  history = await makeHistory(world, 'shop')
}, 60_000)
afterAll(() => world?.stop())

/** Ephemeral branches in the project; with `runId`, only that run's (named `nra-ephemeral-<run id>-...`). */
const ephemeral = async (runId?: string) =>
  (await world.branches())
    .filter((branch) => EPHEMERAL.test(branch.name))
    .filter((branch) => runId === undefined || branch.name.startsWith(`nra-ephemeral-${runId}-`))
    .map((branch) => branch.name)

let runs = 0

interface Interrupted {
  main: StepResult
  post: StepResult
  /** This run's ephemeral branches after its main step, and after its post step. */
  leftAfterMain: string[]
  leftAfterPost: string[]
}

/**
 * Runs the main step until `options` stops it; the post step (with the state main saved) then starts, and
 * `done` is the whole outcome. Each call is its own workflow run, judged on its own branches, so that a post
 * step can run alongside the next case's main step (see inTurn).
 */
async function interrupted(
  inputs: Record<string, string>,
  options: RunOptions
): Promise<{ done: Promise<Interrupted> }> {
  const runId = String(5000 + ++runs)
  const job = world.harness.job(runId)
  const all = { ...world.harness.connection, ...inputs }
  const main = await job.runMain(all, options)
  const leftAfterMain = await ephemeral(runId)
  const done = job.runPost(all, main.state).then(async (post) => {
    world.harness.steps.push({ main, post, requests: [] })
    return { main, post, leftAfterMain, leftAfterPost: await ephemeral(runId) }
  })
  done.catch(() => undefined) // awaited by inTurn; this only keeps an early failure from counting as unhandled
  return { done }
}

/**
 * Runs the cases' main steps one after another, each case's post step alongside the next main step: after a
 * kill, the post step mostly waits (src/throwaway.ts IN_FLIGHT_MS, 5 s) for creations still in flight, and
 * one main step at a time keeps the load (and so the cancel handler's cleanup time) as in a run of its own.
 * Each describe then checks that no ephemeral branch of any run is left in the project.
 */
async function inTurn<K extends string>(
  cases: Record<K, () => Promise<{ done: Promise<Interrupted> }>>
): Promise<Record<K, Interrupted>> {
  const keys = Object.keys(cases) as K[]
  const pending: Promise<Interrupted>[] = []
  for (const key of keys) pending.push((await cases[key]()).done)
  const outcomes = await Promise.all(pending)
  return Object.fromEntries(keys.map((key, index) => [key, outcomes[index]])) as Record<K, Interrupted>
}

/** A signal the step handled: exit 1 with an error saying it was cancelled. */
function expectCancelled(main: StepResult, signal: string) {
  expect(main.signal).toBeNull()
  expect(main.exitCode).toBe(1)
  expect(main.log).toContain(`${signal} received: the step was cancelled`)
  expect(main.errors.join('\n')).toMatch(new RegExp(`The step was cancelled \\(${signal}\\)`))
}

const bisect = () => ({
  operation: 'bisect',
  branch: 'shop',
  check: 'SELECT count(*) <= 10 FROM items',
  good: history.good,
  probe: 'branch',
  parallelism: '4'
})
/** Probe branches are being made: the second round has started. */
const SECOND_ROUND = /Round 2: probing/

describe('bisect with a branch per probe', () => {
  let run: Record<'SIGTERM' | 'SIGINT' | 'cancel' | 'SIGKILL', Interrupted>

  beforeAll(async () => {
    run = await inTurn({
      SIGTERM: () => interrupted(bisect(), { killWhen: { pattern: SECOND_ROUND, signal: 'SIGTERM' } }),
      SIGINT: () => interrupted(bisect(), { killWhen: { pattern: SECOND_ROUND, signal: 'SIGINT' } }),
      cancel: () => interrupted(bisect(), { cancelWhen: SECOND_ROUND }),
      SIGKILL: () => interrupted(bisect(), { killWhen: { pattern: SECOND_ROUND, signal: 'SIGKILL' } })
    })
  }, 120_000)

  it.each(['SIGTERM', 'SIGINT'] as const)(
    'on %s deletes its probe branches itself, exits 1, and the post step finds nothing',
    async (signal) => {
      expectCancelled(run[signal].main, signal)
      expect(run[signal].main.outputs['first-bad-lsn']).toBeUndefined()
      expect(run[signal].leftAfterMain).toEqual([])
      expect(run[signal].post.exitCode).toBe(0)
      expect(run[signal].leftAfterPost).toEqual([])
      expect(await ids(history.uri)).toHaveLength(20)
    }
  )

  it('cancelled as the runner cancels (SIGINT, then SIGTERM) exits 1 with nothing left', () => {
    expectCancelled(run.cancel.main, 'SIGINT')
    expect(run.cancel.leftAfterMain).toEqual([])
    expect(run.cancel.leftAfterPost).toEqual([])
  })

  it('on SIGKILL: the post step deletes the probe branches it left', async () => {
    expect(run.SIGKILL.main.signal).toBe('SIGKILL')
    expect(run.SIGKILL.post.exitCode).toBe(0)
    expect(run.SIGKILL.leftAfterPost).toEqual([])
    expect(await ids(history.uri)).toHaveLength(20)
  })

  it('leaves no ephemeral branch of any run in the project', async () => {
    expect(await ephemeral()).toEqual([])
  })
})

describe('verify', () => {
  const drill = {
    operation: 'verify',
    branch: 'shop',
    at: '',
    checks: 'SELECT pg_sleep(30) IS NULL'
  }
  const READY = /is ready; running/
  let run: Record<'SIGTERM' | 'SIGKILL', Interrupted>

  beforeAll(async () => {
    run = await inTurn({
      SIGTERM: () => interrupted(drill, { killWhen: { pattern: READY, signal: 'SIGTERM' } }),
      SIGKILL: () =>
        interrupted(drill, { killWhen: { pattern: /::debug::get project|list databases/, signal: 'SIGKILL' } })
    })
  }, 120_000)

  it('on SIGTERM during a long check deletes the drill branch itself and exits 1', () => {
    expectCancelled(run.SIGTERM.main, 'SIGTERM')
    expect(run.SIGTERM.leftAfterMain).toEqual([])
    expect(run.SIGTERM.post.exitCode).toBe(0)
    expect(run.SIGTERM.leftAfterPost).toEqual([])
  })

  it('on SIGKILL while the drill branch is being made leaves nothing after the post step', () => {
    expect(run.SIGKILL.main.signal).toBe('SIGKILL')
    expect(run.SIGKILL.post.exitCode).toBe(0)
    expect(run.SIGKILL.leftAfterPost).toEqual([])
  })

  it('leaves no ephemeral branch of any run in the project', async () => {
    expect(await ephemeral()).toEqual([])
  })
})

describe('restore', () => {
  /**
   * Kill points: before the restore is sent (the last look-up of the plan) and once Neon accepted it (the
   * gateway logs the answer, then waits for the operation).
   */
  const points: [string, RegExp, NodeJS.Signals][] = [
    ['before the request, SIGTERM', /::debug::list branches matching \S+_old_/, 'SIGTERM'],
    ['before the request, SIGKILL', /::debug::list branches matching \S+_old_/, 'SIGKILL'],
    ['once accepted, SIGTERM', /::debug::restore branch \S+: ok/, 'SIGTERM'],
    ['once accepted, SIGKILL', /::debug::restore branch \S+: ok/, 'SIGKILL']
  ]
  /** Each kill point on a branch of its own. */
  let killed: Record<string, { target: History; run: Interrupted }>

  beforeAll(async () => {
    const targets = await Promise.all(points.map(() => makeHistory(world, world.unique('restore-kill'))))
    const cases = points.map(([label, pattern, signal], index) => [
      label,
      () =>
        interrupted(
          {
            operation: 'restore',
            branch: targets[index].branch.name,
            source: `^self@${targets[index].lastGood}`,
            name: `${targets[index].branch.name}-backup`
          },
          { killWhen: { pattern, signal } }
        )
    ])
    const runs = await inTurn(Object.fromEntries(cases))
    killed = Object.fromEntries(points.map(([label], index) => [label, { target: targets[index], run: runs[label] }]))
  }, 120_000)

  it.each(points)('killed %s: either restored with its backup, or not started', async (label, _pattern, signal) => {
    const { target, run } = killed[label]
    if (signal === 'SIGKILL') expect(run.main.signal).toBe('SIGKILL')
    else expect([0, 1]).toContain(run.main.exitCode)
    expect(run.post.exitCode).toBe(0)
    expect(run.leftAfterPost).toEqual([])

    const rows = await ids(target.uri)
    const backup = (await world.branches()).find((branch) => branch.name === `${target.branch.name}-backup`)
    if (rows.length === 20) {
      // Not started: no backup either.
      expect(backup).toBeUndefined()
    } else {
      // Done: the branch holds the old state and the backup the overwritten one.
      expect(rows).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
      expect(backup).toBeDefined()
      expect(await ids(await world.uri(backup!.id))).toHaveLength(20)
    }
    // Neon accepted the restore before the kill: it completes there whatever happens to the step.
    if (/accepted/.test(label)) expect(rows).toHaveLength(10)
  })

  it('leaves no ephemeral branch of any run in the project', async () => {
    expect(await ephemeral()).toEqual([])
  })
})

/**
 * A runner that dies (its host lost, a VM reclaimed) runs no post step: what the killed step left must expire on
 * its own. SIGKILL mid-step, no post step; then every branch it left carries an expiry, and once the emulator's
 * clock is past it, Neon's expiry job has left none.
 */
describe('a runner that dies with no post step', () => {
  const snapshotDrill = async () => {
    const snapshots = await world.gateway.snapshots.list()
    if (!snapshots.some((snapshot) => snapshot.name === 'kill-drill')) {
      await world.gateway.snapshots.create(history.branch.id, { name: 'kill-drill' })
    }
    return { operation: 'verify', branch: 'shop', source: 'snapshot:kill-drill', checks: 'SELECT pg_sleep(30) IS NULL' }
  }
  const cases: [string, () => Promise<Record<string, string>>, RegExp][] = [
    // Killed as soon as Neon answered a probe branch's creation: that branch is certainly there.
    ['bisect with a branch per probe', async () => bisect(), /::debug::create branch nra-ephemeral-\S+: ok/],
    [
      'verify of a point',
      async () => ({ operation: 'verify', branch: 'shop', at: '', checks: 'SELECT pg_sleep(30) IS NULL' }),
      /is ready; running/
    ],
    ['verify of a snapshot', snapshotDrill, /is ready; running/]
  ]

  it.each(cases)(
    '%s: every branch left expires, and after its expiry none is left',
    async (_label, inputs, pattern) => {
      const job = world.harness.job()
      const main = await job.runMain(
        { ...world.harness.connection, ...(await inputs()) },
        { killWhen: { pattern, signal: 'SIGKILL' } }
      )
      expect(main.signal).toBe('SIGKILL')
      // Requests the step sent before it died are still answered: let them land.
      await new Promise((resolve) => setTimeout(resolve, 2000))
      const left = (await world.branches()).filter((branch) => EPHEMERAL.test(branch.name))
      expect(left.length).toBeGreaterThan(0)
      const now = Date.now()
      for (const branch of left) {
        expect(branch.expires_at).toBeDefined()
        expect(Date.parse(branch.expires_at!)).toBeGreaterThan(now + 5 * 3600_000)
      }
      const latest = Math.max(...left.map((branch) => Date.parse(branch.expires_at!)))
      world.harness.emulator.setClockOffset(latest - now + 60_000)
      try {
        const deadline = Date.now() + 20_000
        let remaining = left.map((branch) => branch.name)
        while (remaining.length > 0 && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 500))
          remaining = (await ephemeral()).filter((name) => remaining.includes(name))
        }
        expect(remaining).toEqual([])
      } finally {
        world.harness.emulator.setClockOffset(0)
      }
    },
    60_000
  )
})

describe('secrets', () => {
  it('never shows a secret outside a mask command', async () => {
    expect(leaks(world.harness.steps, await world.secrets())).toEqual([])
  })
})
