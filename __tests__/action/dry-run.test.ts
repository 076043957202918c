/**
 * dry-run: true, for every operation, run from dist/index.js as the runner does: the step plans, describes the
 * plan and changes nothing. Judged from the emulator's request log (no POST, PATCH, PUT or DELETE reached it)
 * and from Neon's branch and snapshot lists, not from what the action says.
 *
 * The emulator answers NULL to pg_last_wal_replay_lsn() on time-travel connections here, as a Neon compute
 * may: bisect can then learn a timestamp's LSN only from a branch made at it, which a plan must not make.
 */
import pg from 'pg'
import { ActionHarness, commitEnd, expectAnswer, leaks, mutating, query, type Step } from './helpers.js'

let harness: ActionHarness
let shop: { id: string; uri: string }
let beforeDamage: string
let firstBad: bigint

async function time(client: pg.Client): Promise<string> {
  await new Promise((resolve) => setTimeout(resolve, 30))
  const { rows } = await client.query(
    `SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS time`
  )
  await new Promise((resolve) => setTimeout(resolve, 30))
  return rows[0].time
}

beforeAll(async () => {
  harness = await ActionHarness.start({ timeTravelReplayLsn: 'null' })
  shop = await harness.createBranch('shop')
  const client = new pg.Client(shop.uri)
  await client.connect()
  try {
    await client.query('CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL)')
    await client.query("INSERT INTO items SELECT g, 'item ' || g FROM generate_series(1, 20) g")
    beforeDamage = await time(client)
    for (let id = 21; id <= 25; id++) await client.query('INSERT INTO items VALUES ($1, $2)', [id, `late ${id}`])
    firstBad = await commitEnd(client, 'DELETE FROM items WHERE id > 3')
    await client.query('INSERT INTO items VALUES (100, $1)', ['after'])
  } finally {
    await client.end()
  }
  const { data } = await harness.api.createSnapshot({
    projectId: harness.projectId,
    branchId: shop.id,
    name: 'dry-snap'
  })
  await harness.waitForOperations(data.operations.map((operation) => operation.id))
  await harness.createBranch('shop-old-1', shop.id)
  await harness.createBranch('shop-old-2', shop.id)
}, 60_000)

afterAll(() => harness?.stop())

const CHECK = 'SELECT count(*) > 10 FROM items'

/** Every operation, in every form whose plan reads something different. */
const DRY_RUNS: [string, Record<string, string>][] = [
  ['snapshot (branch)', { operation: 'snapshot', branch: 'shop', at: '' }],
  ['snapshot (Neon snapshot)', { operation: 'snapshot', branch: 'shop', kind: 'snapshot' }],
  ['restore from its own past', { operation: 'restore', branch: 'shop', source: '' }],
  ['restore from a snapshot', { operation: 'restore', branch: 'shop', source: 'snapshot:dry-snap' }],
  ['bisect over time travel', { operation: 'bisect', branch: 'shop', check: CHECK, good: '' }],
  ['bisect with probe branches', { operation: 'bisect', branch: 'shop', check: CHECK, good: '', probe: 'branch' }],
  ['bisect then: branch', { operation: 'bisect', branch: 'shop', check: CHECK, good: '', then: 'branch' }],
  ['bisect then: restore', { operation: 'bisect', branch: 'shop', check: CHECK, good: '', then: 'restore' }],
  ['query', { operation: 'query', branch: 'shop', sql: 'SELECT count(*) FROM items', at: '' }],
  ['verify of a point', { operation: 'verify', branch: 'shop', at: '', checks: CHECK }],
  ['verify of a snapshot', { operation: 'verify', branch: 'shop', source: 'snapshot:dry-snap', checks: CHECK }],
  ['prune', { operation: 'prune', match: 'shop-old-*', 'keep-last': '1' }],
  ['recover into a schema', { operation: 'recover', branch: 'shop', at: '', tables: 'items' }],
  ['recover by merge', { operation: 'recover', branch: 'shop', at: '', tables: 'items', mode: 'merge' }]
]

/** The inputs with each empty point set to the time before the damage. */
function withPoints(inputs: Record<string, string>): Record<string, string> {
  const filled: Record<string, string> = { ...inputs, 'dry-run': 'true' }
  for (const name of ['at', 'good'] as const) if (filled[name] === '') filled[name] = beforeDamage
  if (filled.source === '') filled.source = `^self@${beforeDamage}`
  return filled
}

async function projectState() {
  const { data } = await harness.api.listSnapshots(harness.projectId)
  const branches = (await harness.branches()).map((branch) => `${branch.id} ${branch.name} ${branch.updated_at}`)
  return { branches: branches.sort(), snapshots: data.snapshots.map((snapshot) => snapshot.id).sort() }
}

describe('dry-run: true', () => {
  it.each(DRY_RUNS)('%s: plans, describes, and sends no change to Neon', async (_label, inputs) => {
    const before = await projectState()
    const step = await harness.run(withPoints(inputs))
    expect(step.main.errors).toEqual([])
    expect(step.main.exitCode).toBe(0)
    expect(step.post.exitCode).toBe(0)
    expect(step.main.summary).toContain('Dry run')
    expect(mutating(step.requests)).toEqual([])
    expect(await projectState()).toEqual(before)
  })

  it("says that a timestamp's LSN is resolved when run, where only a branch could tell it", async () => {
    const step = await harness.run(withPoints({ operation: 'bisect', branch: 'shop', check: CHECK, good: '' }))
    expect(step.main.summary).toContain('its LSN is resolved when run')
    expect(step.main.summary).toContain('resolved when run.')
  })
})

describe('bisect where time travel reports no LSN', () => {
  it('resolves the timestamp on a throwaway branch when run, finds the exact LSN, and leaves nothing', async () => {
    const step: Step = await harness.run({ operation: 'bisect', branch: 'shop', check: CHECK, good: beforeDamage })
    expectAnswer(step, firstBad)
    const created = step.requests.filter((request) => request.method === 'POST' && /\/branches$/.test(request.path))
    expect(created).toHaveLength(1)
    expect((await harness.branches()).filter((branch) => branch.name.startsWith('nra-ephemeral-'))).toEqual([])
    expect(await query(shop.uri, 'SELECT count(*)::int AS n FROM items')).toEqual([{ n: 4 }])
  })
})

describe('secrets', () => {
  it('never shows a secret outside a mask command', async () => {
    expect(leaks(harness.steps, await harness.secrets())).toEqual([])
  })
})
