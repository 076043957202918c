/**
 * The bundle's smoke set on Node 24, the runtime of action.yml's `runs.using: node24` (the rest of the suite
 * runs it on the developer's Node): one scenario per operation, the post step sweeping what a killed step left,
 * and a cancel (SIGINT). Judged, as the other action tests are, from the emulator's branch list and the rows in
 * Postgres. Skipped, by name, where there is no Node 24 (tools/node24.ts).
 */
import pg from 'pg'
import { node24, node24Unavailable } from '../../tools/node24.js'
import { formatLsn } from '../../src/lsn.js'
import { ActionHarness, commitEnd, describeOnNode24, expectAnswer, ids, leaks } from './helpers.js'

let harness: ActionHarness
let shop: { id: string; uri: string }
/** `items` holds ids 1-10 at `good`; the commit of ids 11-20 ends at `firstBad`. */
let good: string
let firstBad: bigint

const EPHEMERAL = /^nra-ephemeral-/
const branchNames = async () => (await harness.branches()).map((branch) => branch.name).sort()
const ephemeral = async () => (await branchNames()).filter((name) => EPHEMERAL.test(name))

beforeAll(async () => {
  if (node24Unavailable) return
  harness = await ActionHarness.start({}, { node: node24() })
  shop = await harness.createBranch('shop')
  const client = new pg.Client({ connectionString: shop.uri })
  await client.connect()
  try {
    await client.query('CREATE TABLE items (id int PRIMARY KEY)')
    good = formatLsn(await commitEnd(client, 'INSERT INTO items SELECT generate_series(1, 10)'))
    firstBad = await commitEnd(client, 'INSERT INTO items SELECT generate_series(11, 20)')
  } finally {
    await client.end()
  }
}, 60_000)

afterAll(() => harness?.stop())

describeOnNode24('the bundle on Node 24', () => {
  it('runs each step on Node 24', async () => {
    // Printed by the step's own node before the bundle starts: the version that ran it.
    const main = await harness
      .job()
      .runMain(
        { ...harness.connection, operation: 'prune', match: 'none-*', 'keep-last': '1', 'dry-run': 'true' },
        { env: { NODE_OPTIONS: '--import=data:text/javascript,console.log(process.version)' } }
      )
    expect([main.errors, main.exitCode]).toEqual([[], 0])
    expect(main.log).toMatch(/^v24\.\d+\.\d+$/m)
  })

  it('snapshot: makes the branch at the point', async () => {
    const { main, post } = await harness.run({ operation: 'snapshot', branch: 'shop', at: good, name: 'shop-snap-a' })
    expect([main.errors, main.exitCode, post.exitCode]).toEqual([[], 0, 0])
    expect(await branchNames()).toContain('shop-snap-a')
    expect(await ids(await harness.connectionUri(main.outputs['branch-id']), 'items')).toHaveLength(10)
  })

  it('query: reads the past and creates nothing', async () => {
    const before = await branchNames()
    const { main } = await harness.run({
      operation: 'query',
      branch: 'shop',
      at: good,
      sql: 'SELECT count(*) AS n FROM items'
    })
    expect(main.errors).toEqual([])
    expect(JSON.parse(main.outputs.result)).toEqual([{ n: '10' }])
    expect(await branchNames()).toEqual(before)
  })

  it('bisect: finds the first bad LSN with time-travel probes', async () => {
    expectAnswer(
      await harness.run({ operation: 'bisect', branch: 'shop', check: 'SELECT count(*) <= 10 FROM items', good }),
      firstBad
    )
    expect(await ephemeral()).toEqual([])
  })

  it('verify: drills the point and deletes the drill branch', async () => {
    const { main, post } = await harness.run({
      operation: 'verify',
      branch: 'shop',
      at: good,
      checks: 'SELECT count(*) = 10 FROM items'
    })
    expect([main.errors, main.exitCode, post.exitCode, main.outputs.passed]).toEqual([[], 0, 0, 'true'])
    expect(await ephemeral()).toEqual([])
  })

  it('recover: copies the table as it was into a schema', async () => {
    const { main } = await harness.run({
      operation: 'recover',
      branch: 'shop',
      at: good,
      tables: 'items',
      into: 'back'
    })
    expect(main.errors).toEqual([])
    expect(await ids(shop.uri, 'back.items')).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    expect(await ids(shop.uri, 'items')).toHaveLength(20)
  })

  it('prune: deletes all but the newest match', async () => {
    await harness.run({ operation: 'snapshot', branch: 'shop', name: 'shop-snap-b' })
    const { main } = await harness.run({ operation: 'prune', match: 'shop-snap-*', 'keep-last': '1' })
    expect([main.errors, main.outputs.deleted]).toEqual([[], '1'])
    const names = await branchNames()
    expect(names).toContain('shop-snap-b')
    expect(names).not.toContain('shop-snap-a')
  })

  it('restore: the branch holds the old rows, the backup the new ones', async () => {
    const { main } = await harness.run({
      operation: 'restore',
      branch: 'shop',
      source: `^self@${good}`,
      name: 'shop-before'
    })
    expect(main.errors).toEqual([])
    expect(await ids(shop.uri, 'items')).toHaveLength(10)
    expect(await ids(await harness.connectionUri(main.outputs['backup-branch-id']), 'items')).toHaveLength(20)
  })

  const drill = { operation: 'verify', branch: 'shop', checks: 'SELECT pg_sleep(30) IS NULL' }
  const READY = /is ready; running/

  it('the post step deletes the drill branch of a step killed with SIGKILL', async () => {
    const job = harness.job()
    const inputs = { ...harness.connection, ...drill }
    const main = await job.runMain(inputs, { killWhen: { pattern: READY, signal: 'SIGKILL' } })
    expect(main.signal).toBe('SIGKILL')
    expect(await ephemeral()).toHaveLength(1)
    const post = await job.runPost(inputs, main.state)
    harness.steps.push({ main, post, requests: [] })
    expect(post.exitCode).toBe(0)
    expect(post.log).toMatch(/Deleted 1 ephemeral branches left by this run/)
    expect(await ephemeral()).toEqual([])
  })

  it('cancelled (SIGINT, as the runner cancels) deletes its drill branch itself and exits 1', async () => {
    const job = harness.job()
    const main = await job.runMain({ ...harness.connection, ...drill }, { cancelWhen: READY })
    harness.steps.push({ main, post: main, requests: [] })
    expect([main.signal, main.exitCode]).toEqual([null, 1])
    expect(main.log).toContain('SIGINT received: the step was cancelled')
    expect(await ephemeral()).toEqual([])
  })

  it('never shows a secret outside a mask command', async () => {
    expect(leaks(harness.steps, await harness.secrets())).toEqual([])
  })
})
