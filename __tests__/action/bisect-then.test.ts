/**
 * operation: bisect with `then: restore`, and with `probe: branch` under a tight branch limit, run from
 * dist/index.js as the runner does. A file of its own: its emulator allows only 4 branches (bisect.test.ts needs
 * more). The expected boundary is computed as in bisect.test.ts: the WAL write position right after the bad
 * commit, with Neon's rule that a point L holds the records ending at or before L, rounded up to 8 bytes.
 */
import pg from 'pg'
import { formatLsn } from '../../src/lsn.js'
import { ActionHarness, commitEnd, expectAnswer, ids, mutating, query, type Step } from './helpers.js'

const BRANCH_LIMIT = 4
const CHECK = 'SELECT count(*) > 100 FROM users'

let harness: ActionHarness
let main: pg.Client

/** The feature branch (not the default) and the LSNs around the accident in its history and in main's. */
const feature = {} as { id: string; uri: string; good: string; firstBad: bigint }
const history = {} as { good: string; firstBad: bigint }

async function lsn(client: pg.Client): Promise<string> {
  return (await client.query('SELECT pg_current_wal_lsn()::text AS lsn')).rows[0].lsn
}

/** A little unrelated traffic, so the accident is not the last record and probes land on other commits. */
async function traffic(client: pg.Client, count: number): Promise<void> {
  for (let index = 0; index < count; index++) await client.query('INSERT INTO audit (note) VALUES ($1)', [`t${index}`])
}

/** The blog's accident on `client`'s branch: a DELETE meant for one row removes all others, among traffic. */
async function accident(client: pg.Client): Promise<{ good: string; firstBad: bigint }> {
  const good = await lsn(client)
  await traffic(client, 15)
  const firstBad = await commitEnd(client, "DELETE FROM users WHERE name <> 'Alice'")
  await traffic(client, 15)
  return { good, firstBad }
}

beforeAll(async () => {
  harness = await ActionHarness.start({ branchLimit: BRANCH_LIMIT })
  main = new pg.Client(harness.emulator.info.connectionUri)
  main.on('error', () => undefined)
  await main.connect()
  await main.query('CREATE TABLE audit (id serial PRIMARY KEY, note text)')
  await main.query('CREATE TABLE users (id serial PRIMARY KEY, name text NOT NULL)')
  await main.query("INSERT INTO users (name) SELECT 'user' || g FROM generate_series(1, 200) g")
  await main.query("INSERT INTO users (name) VALUES ('Alice')")

  // The feature branch gets the same accident in its own history; main gets one after the branch point.
  Object.assign(feature, await harness.createBranch('feature'))
  const client = new pg.Client(feature.uri)
  client.on('error', () => undefined)
  await client.connect()
  try {
    Object.assign(feature, await accident(client))
  } finally {
    await client.end()
  }
  Object.assign(history, await accident(main))
}, 60_000)

afterAll(async () => {
  await main?.end().catch(() => undefined)
  await harness?.stop()
})

function bisect(inputs: Record<string, string>): Promise<Step> {
  return harness.run({ operation: 'bisect', check: CHECK, ...inputs })
}

function probeBranchesLeft(branches: { name: string }[]): string[] {
  return branches.map((branch) => branch.name).filter((name) => name.startsWith('nra-ephemeral-'))
}

describe('bisect with probe: branch near the branch limit', () => {
  it('finds the exact LSN with 7 probes a round when only 2 branch slots are free, and leaves no branch', async () => {
    // main and feature take 2 of the 4 slots: 9 probes (7 plus the two bounds) ask for branches at once.
    expect((await harness.branches()).length).toBe(2)
    const good = formatLsn(history.firstBad - 8n * 300n)
    const bad = formatLsn(history.firstBad + 8n * 200n)
    const step = await bisect({ good, bad, probe: 'branch', parallelism: '7' })
    expectAnswer(step, history.firstBad)

    const creations = step.requests.filter((request) => request.method === 'POST' && request.path.endsWith('/branches'))
    const refused = creations.filter((request) => request.status === 422)
    expect(refused.length).toBeGreaterThan(0)
    expect(creations.length - refused.length).toBe(Number(step.main.outputs.probes))
    expect(step.main.log).toContain("The project's branch limit is reached")
    expect(probeBranchesLeft(await harness.branches())).toEqual([])
    expect((await harness.branches()).length).toBe(2)
  })
})

describe('bisect with then: restore', () => {
  it('restores a non-default branch to the last good LSN, keeping its broken state as a backup', async () => {
    const step = await bisect({ branch: 'feature', good: feature.good, then: 'restore' })
    expectAnswer(step, feature.firstBad)
    const { outputs } = step.main
    expect(outputs['branch-id']).toBe(feature.id)
    expect(outputs.lsn).toBe(outputs['last-good-lsn'])
    expect(outputs['backup-branch-name']).toMatch(/^feature_old_/)

    // Time-travel probes: the restore is the step's only change.
    expect(mutating(step.requests)).toEqual([
      `POST /api/v2/projects/${harness.projectId}/branches/${feature.id}/restore`
    ])
    expect(step.main.summary).toContain('To undo this restore')

    // feature is back before the DELETE (the same id and connection string); the backup holds the broken state.
    const restored = await harness.branch(feature.id)
    expect(restored.branch.name).toBe('feature')
    expect(await query(feature.uri, 'SELECT count(*)::int AS n FROM users')).toEqual([{ n: 201 }])
    expect((await ids(feature.uri, 'audit')).length).toBe(15)
    const backup = await harness.connectionUri(outputs['backup-branch-id'])
    expect(await query(backup, 'SELECT name FROM users')).toEqual([{ name: 'Alice' }])
    expect((await ids(backup, 'audit')).length).toBe(30)
    // main, which shares the history before feature's branch point, is untouched.
    expect(await query(harness.emulator.info.connectionUri, 'SELECT count(*)::int AS n FROM users')).toEqual([{ n: 1 }])
  })

  it('refuses to restore the default branch without confirm, before any probe or change', async () => {
    const before = await harness.branches()
    const step = await bisect({ good: history.good, then: 'restore', probe: 'branch' })
    expect(step.main.exitCode).toBe(1)
    expect(step.main.errors.join('\n')).toMatch(/confirm: main is the default branch; to restore it, set confirm: main/)
    expect(step.main.outputs).toEqual({})
    expect(step.main.log).not.toMatch(/Round 1: probing/)
    expect(mutating(step.requests)).toEqual([])
    expect((await harness.branches()).map((branch) => branch.id).sort()).toEqual(
      before.map((branch) => branch.id).sort()
    )
    expect(await query(harness.emulator.info.connectionUri, 'SELECT count(*)::int AS n FROM users')).toEqual([{ n: 1 }])

    // A wrong confirm is refused the same way, and says what was given.
    const wrong = await bisect({ good: history.good, then: 'restore', confirm: 'feature' })
    expect(wrong.main.exitCode).toBe(1)
    expect(wrong.main.errors.join('\n')).toMatch(/set confirm: main \(confirm is "feature"\)/)
    expect(mutating(wrong.requests)).toEqual([])
  })
})
