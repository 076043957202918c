/**
 * operation: bisect, run from dist/index.js as the runner does, on the emulator's real PostgreSQL history. The
 * expected boundary is computed independently: the WAL write position right after the bad commit, with the
 * emulator's (and Neon's) rule that a point L holds the records ending at or before L, rounded up to 8 bytes.
 */
import pg from 'pg'
import { alignUp, formatLsn, parseLsn } from '../../src/lsn.js'
import { maxRounds } from '../../src/search.js'
import { ActionHarness, commitEnd, expectAnswer, leaks, query, type Step } from './helpers.js'

let harness: ActionHarness
let main: pg.Client

/** LSNs around each accident in the shared history of the main branch. */
const history = {} as {
  deleteGood: string
  deleteFirstBad: bigint
  beforeDeleteTime: string
  afterDeleteTime: string
  updateGood: string
  updateFirstBad: bigint
  dropGood: string
  dropFirstBad: bigint
}

async function lsn(): Promise<string> {
  return (await main.query('SELECT pg_current_wal_lsn()::text AS lsn')).rows[0].lsn
}

async function time(): Promise<string> {
  await new Promise((resolve) => setTimeout(resolve, 30))
  const { rows } = await main.query(
    `SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS time`
  )
  await new Promise((resolve) => setTimeout(resolve, 30))
  return rows[0].time
}

/** A little unrelated traffic, so the accident is not the last record and probes land on other commits. */
async function traffic(count: number): Promise<void> {
  for (let index = 0; index < count; index++) await main.query('INSERT INTO audit (note) VALUES ($1)', [`t${index}`])
}

beforeAll(async () => {
  harness = await ActionHarness.start({ branchLimit: 12 })
  main = new pg.Client(harness.emulator.info.connectionUri)
  await main.connect()
  await main.query('CREATE TABLE audit (id serial PRIMARY KEY, note text)')
  await main.query('CREATE TABLE users (id serial PRIMARY KEY, name text NOT NULL)')
  await main.query("INSERT INTO users (name) SELECT 'user' || g FROM generate_series(1, 200) g")
  await main.query("INSERT INTO users (name) VALUES ('Alice')")
  await main.query('CREATE TABLE accounts (id int PRIMARY KEY, balance int NOT NULL)')
  await main.query('INSERT INTO accounts SELECT g, 100 FROM generate_series(1, 50) g')
  await main.query('CREATE TABLE orders (id int PRIMARY KEY, total numeric)')
  await main.query('INSERT INTO orders SELECT g, g * 10 FROM generate_series(1, 20) g')

  // The blog's accident: a DELETE meant for one row removes all others; traffic continues afterwards.
  history.deleteGood = await lsn()
  await traffic(20)
  history.beforeDeleteTime = await time()
  history.deleteFirstBad = await commitEnd(main, "DELETE FROM users WHERE name <> 'Alice'")
  history.afterDeleteTime = await time()
  await traffic(20)

  // One bad UPDATE among hundreds of good transactions on the same table.
  history.updateGood = await lsn()
  for (let index = 0; index < 300; index++) {
    if (index === 217) history.updateFirstBad = await commitEnd(main, 'UPDATE accounts SET balance = -5 WHERE id = 7')
    await main.query('UPDATE accounts SET balance = balance + 1 WHERE id = $1', [1 + (index % 50)])
  }

  // A DROP TABLE: afterwards the check itself fails with "relation does not exist".
  history.dropGood = await lsn()
  await traffic(10)
  history.dropFirstBad = await commitEnd(main, 'DROP TABLE orders')
  await traffic(10)
}, 60_000)

afterAll(async () => {
  await main?.end()
  await harness?.stop()
})

function bisect(inputs: Record<string, string>): Promise<Step> {
  return harness.run({ operation: 'bisect', ...inputs })
}

/** Rounds within ceil(log_(k+1)(range / 8)), the bound checks riding in the first round. */
function expectRoundsWithinBound(step: Step, good: bigint, bad: bigint, k: number): void {
  const rounds = Number(step.main.outputs.rounds)
  expect(rounds).toBeGreaterThanOrEqual(1)
  expect(rounds).toBeLessThanOrEqual(Math.max(1, maxRounds(good, bad, k)))
}

function probeBranchesLeft(branches: { name: string }[]): string[] {
  return branches.map((branch) => branch.name).filter((name) => name.startsWith('nra-ephemeral-'))
}

describe('bisect', () => {
  it('finds the exact LSN of a mass DELETE with time-travel probes, and creates no branch', async () => {
    const step = await bisect({ check: 'SELECT count(*) > 100 FROM users', good: history.deleteGood })
    expectAnswer(step, history.deleteFirstBad)
    const head = alignUp(parseLsn(step.main.summary.match(/LSN (\S+) \(head\)/)![1]))
    expectRoundsWithinBound(step, parseLsn(history.deleteGood), head, 3)
    expect(Number(step.main.outputs.probes)).toBeLessThanOrEqual(2 + 3 * Number(step.main.outputs.rounds))
    expect(step.requests.filter((request) => request.method !== 'GET')).toEqual([])

    // The answer first, then the rounds, the bounds and a ready-to-paste restore step.
    const summary = step.main.summary
    expect(summary.indexOf(`first fails at LSN ${step.main.outputs['first-bad-lsn']}`)).toBeGreaterThan(-1)
    expect(summary).toMatch(/made by a transaction committed at \d{4}-\d\d-\d\dT/)
    expect(summary.indexOf('<h3>Rounds</h3>')).toBeGreaterThan(summary.indexOf('first fails at LSN'))
    expect(summary).toContain(`(good): healthy`)
    expect(summary).toContain(`source: ^self@${step.main.outputs['last-good-lsn']}`)
    expect(summary).toContain('confirm: main')
    // Pasted, the steps reach the same API as this one (here the emulator), not Neon's default host.
    expect(summary).toContain(`api-host: ${harness.emulator.info.apiHost}`)
  })

  it('finds a bad UPDATE among 300 good transactions, 7 probes a round', async () => {
    const step = await bisect({
      check: 'SELECT bool_and(balance >= 0) FROM accounts',
      good: history.updateGood,
      bad: history.dropGood,
      parallelism: '7'
    })
    expectAnswer(step, history.updateFirstBad)
    expectRoundsWithinBound(step, parseLsn(history.updateGood), alignUp(parseLsn(history.dropGood)), 7)
  })

  it('counts an SQL error as broken after a DROP TABLE, shows the error and the schema difference', async () => {
    const step = await bisect({
      check: 'SELECT count(*) = 20 FROM orders',
      good: history.dropGood,
      parallelism: '2'
    })
    expectAnswer(step, history.dropFirstBad)
    expect(step.main.summary).toContain('broken (SQL error 42P01)')
    expect(step.main.summary).toContain('relation &quot;orders&quot; does not exist')
    expect(step.main.summary).toContain('Schema change across the boundary')
    expect(step.main.summary).toContain('- table public.orders')
    expect(step.main.summary).toContain('- column public.orders.total numeric')
  })

  it('finds a boundary in the first and in the last 8 bytes of the range', async () => {
    const firstBad = history.deleteFirstBad
    const check = 'SELECT count(*) > 100 FROM users'
    const first = await bisect({ check, good: formatLsn(firstBad - 8n), bad: formatLsn(firstBad + 8n * 500n) })
    expectAnswer(first, firstBad)
    const last = await bisect({ check, good: formatLsn(firstBad - 8n * 500n), bad: formatLsn(firstBad) })
    expectAnswer(last, firstBad)
    // Adjacent bounds: the bound checks alone are the answer, in one round.
    const adjacent = await bisect({ check, good: formatLsn(firstBad - 8n), bad: formatLsn(firstBad) })
    expectAnswer(adjacent, firstBad)
    expect(adjacent.main.outputs).toMatchObject({ rounds: '1', probes: '2' })
  })

  it('takes bounds given as timestamps, and with then: branch leaves a recovery branch at the last good LSN', async () => {
    const step = await bisect({
      check: 'SELECT count(*) > 100 FROM users',
      good: history.beforeDeleteTime,
      bad: history.afterDeleteTime,
      then: 'branch',
      name: 'users-recovered-{run_id}'
    })
    expectAnswer(step, history.deleteFirstBad)
    const recovered = (await harness.branch(step.main.outputs['branch-id'])).branch
    expect(recovered.name).toMatch(/^users-recovered-\d+$/)
    expect(recovered.parent_lsn).toBe(step.main.outputs['last-good-lsn'])
    const uri = await harness.connectionUri(recovered.id)
    expect(await query(uri, 'SELECT count(*)::int AS n FROM users')).toEqual([{ n: 201 }])
  })

  it('rejects bounds where the check does not hold, before searching', async () => {
    const check = 'SELECT count(*) > 100 FROM users'
    const late = await bisect({ check, good: formatLsn(history.deleteFirstBad + 80n) })
    expect(late.main.exitCode).toBe(1)
    expect(late.main.errors.join('\n')).toMatch(
      /good: the check is false at good \(LSN \S+, LSN \S+\): the data was already broken/
    )
    expect(late.main.outputs).toEqual({})

    const early = await bisect({ check, good: history.deleteGood, bad: formatLsn(history.deleteFirstBad - 8n) })
    expect(early.main.exitCode).toBe(1)
    expect(early.main.errors.join('\n')).toMatch(/bad: the check is true at bad .*nothing broke/)

    const reversed = await bisect({ check, good: formatLsn(history.deleteFirstBad), bad: history.deleteGood })
    expect(reversed.main.exitCode).toBe(1)
    expect(reversed.main.errors.join('\n')).toMatch(/good: LSN \S+ \(LSN \S+\) is not before bad/)
  })

  it('rejects a check that is not one boolean, and one that tries a second statement', async () => {
    const count = await bisect({ check: 'SELECT count(*) FROM users', good: history.deleteGood })
    expect(count.main.exitCode).toBe(1)
    expect(count.main.errors.join('\n')).toMatch(
      /must return one boolean column, but it returned 1 column: count \(bigint\)/
    )

    const smuggled = await bisect({
      check: 'SELECT true; COMMIT; DELETE FROM audit',
      good: history.deleteGood
    })
    expect(smuggled.main.exitCode).toBe(1)
    expect(smuggled.main.errors.join('\n')).toMatch(/cannot insert multiple commands into a prepared statement/)
    expect(await query(harness.emulator.info.connectionUri, 'SELECT count(*)::int AS n FROM audit')).toEqual([
      { n: 60 }
    ])
  })

  it('with probe: branch, finds the answer and leaves no branch after success or failure', async () => {
    const check = 'SELECT count(*) > 100 FROM users'
    const good = formatLsn(history.deleteFirstBad - 8n * 200n)
    const bad = formatLsn(history.deleteFirstBad + 8n * 100n)
    const step = await bisect({ check, good, bad, probe: 'branch', parallelism: '2' })
    expectAnswer(step, history.deleteFirstBad)
    const created = step.requests.filter((request) => request.method === 'POST' && request.path.endsWith('/branches'))
    expect(created.length).toBe(Number(step.main.outputs.probes))
    expect(probeBranchesLeft(await harness.branches())).toEqual([])
    // Deleted for good: Neon's deletes are otherwise soft for 7 days, and a recoverable probe is a leftover.
    const deletes = step.requests.filter((request) => request.method === 'DELETE')
    expect(deletes).toHaveLength(created.length)
    for (const request of deletes) expect(request.query).toBe('hard_delete=true')
    expect(probeBranchesLeft(await harness.branches({ includeDeleted: true }))).toEqual([])

    const failing = await bisect({ check: 'SELECT 1', good, bad, probe: 'branch', parallelism: '2' })
    expect(failing.main.exitCode).toBe(1)
    expect(failing.main.errors.join('\n')).toMatch(/must return one boolean column/)
    expect(probeBranchesLeft(await harness.branches())).toEqual([])
  })

  it('never shows a secret in logs, outputs or summaries', async () => {
    expect(leaks(harness.steps, await harness.secrets())).toEqual([])
  })
})
