/**
 * The action against Neon's newer rules (docs/neon-rules.md), run from dist/index.js and judged from the
 * emulator's branch list, its request log and the data: a restricted restore and a taken `<branch> (old)` are
 * refused before any change, a restore from an expiring snapshot branch clears its expiry first, the undo step
 * of a snapshot restore says that Neon refuses it for now, children of protected branches connect with their own
 * passwords, and 429 bursts are waited out.
 */
import { ActionHarness, currentLsn, ids, leaks, mutating, query } from './helpers.js'

let harness: ActionHarness

beforeAll(async () => {
  harness = await ActionHarness.start()
})

afterAll(() => harness?.stop())

/** The emulator control (not Neon API) that sets a branch's restricted actions. */
async function restrict(branchId: string, restricted: { name: string; reason: string }[]): Promise<void> {
  const { apiHost, apiKey } = harness.emulator.info
  const response = await fetch(`${apiHost}/_emulator/branches/${branchId}/restricted_actions`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ restricted_actions: restricted })
  })
  expect(response.status).toBe(200)
}

/** What a refusal must leave as it was: every branch's id, name, parent, point, expiry and reset time. */
async function branchState(): Promise<string[]> {
  return (await harness.branches())
    .map((branch) =>
      [branch.id, branch.name, branch.parent_id, branch.parent_lsn, branch.expires_at, branch.last_reset_at].join(' ')
    )
    .sort()
}

/** A branch with rows 1-3 written before `lsn` and rows 4-6 after. */
async function branchWithHistory(name: string) {
  const branch = await harness.createBranch(name)
  await query(branch.uri, 'CREATE TABLE items (id int PRIMARY KEY)')
  await query(branch.uri, 'INSERT INTO items SELECT generate_series(1, 3)')
  const lsn = await currentLsn(branch.uri)
  await query(branch.uri, 'INSERT INTO items SELECT generate_series(4, 6)')
  return { ...branch, lsn }
}

describe('restore', () => {
  it("refuses a restore Neon restricts, with Neon's reason, before any change", async () => {
    const app = await branchWithHistory('app')
    const reason = 'instant restore is only supported for root branches'
    await restrict(app.id, [{ name: 'restore', reason }])
    const before = await branchState()
    const step = await harness.run({ operation: 'restore', branch: 'app', source: `^self@${app.lsn}` })
    expect(step.main.exitCode).toBe(1)
    expect(step.main.errors).toEqual([
      `branch: Neon does not allow a restore of app right now: ${reason} (restricted_actions of ${app.id}); ` +
        'run again once Neon lifts it'
    ])
    expect(mutating(step.requests)).toEqual([])
    expect(await branchState()).toEqual(before)
    expect(await ids(app.uri, 'items')).toEqual([1, 2, 3, 4, 5, 6])
  })

  it("restores from the snapshot step's own snippet when that branch expires: its expiry is cleared first", async () => {
    const shop = await branchWithHistory('shop')
    const snapshot = await harness.run({ branch: 'shop', name: 'shop-pre-migration', 'expires-in': '1d' })
    expect(snapshot.main.errors).toEqual([])
    const snapId = snapshot.main.outputs['branch-id']
    expect((await harness.branch(snapId)).branch.expires_at).toBeDefined()
    expect(snapshot.main.summary).toContain('source: shop-pre-migration')
    await query(shop.uri, 'DELETE FROM items WHERE id > 1')

    const step = await harness.run({ operation: 'restore', branch: 'shop', source: 'shop-pre-migration' })
    expect(step.main.errors).toEqual([])
    expect(await ids(shop.uri, 'items')).toEqual([1, 2, 3, 4, 5, 6])
    const snap = (await harness.branch(snapId)).branch
    expect(snap.expires_at).toBeUndefined()
    expect((await harness.branch(shop.id)).branch.parent_id).toBe(snapId)
    expect(mutating(step.requests)).toEqual([
      `PATCH /api/v2/projects/${harness.projectId}/branches/${snapId}`,
      `POST /api/v2/projects/${harness.projectId}/branches/${shop.id}/restore`
    ])
    expect(step.main.summary).toContain('shop-pre-migration expires at')
    expect(step.main.summary).toContain('its expiry is cleared first')
  })

  it('restores from a snapshot, and says that Neon refuses the undo step for now; that step is refused unchanged', async () => {
    const ledger = await branchWithHistory('ledger')
    const taken = await harness.run({ branch: 'ledger', kind: 'snapshot', name: 'ledger-snap' })
    expect(taken.main.errors).toEqual([])
    await query(ledger.uri, 'DELETE FROM items')

    const step = await harness.run({ operation: 'restore', branch: 'ledger', source: 'snapshot:ledger-snap' })
    expect(step.main.errors).toEqual([])
    expect(await ids(ledger.uri, 'items')).toEqual([1, 2, 3, 4, 5, 6])
    const backupName = step.main.outputs['backup-branch-name']
    const names = (await harness.branches()).map((branch) => branch.name)
    expect(names).toContain(backupName)
    expect(names).not.toContain('ledger (old)')
    const reason = 'restore from snapshot on target branch is still ongoing'
    expect(step.main.summary).toContain(`source: ${backupName}`)
    expect(step.main.summary).toContain(
      `Neon refuses that step for now. branch: Neon does not allow a restore of ledger right now: ${reason}`
    )

    const before = await branchState()
    // Its own backup name: the default one has the second in it, which the first restore may have had too.
    const undo = await harness.run({
      operation: 'restore',
      branch: 'ledger',
      source: backupName,
      name: 'ledger-undo-{run_id}'
    })
    expect(undo.main.exitCode).toBe(1)
    expect(undo.main.errors).toEqual([
      expect.stringContaining(`branch: Neon does not allow a restore of ledger right now: ${reason}`)
    ])
    expect(mutating(undo.requests)).toEqual([])
    expect(await branchState()).toEqual(before)
  })

  it("refuses a snapshot restore while '<branch> (old)' is taken, before any change", async () => {
    const books = await branchWithHistory('books')
    const taken = await harness.run({ branch: 'books', kind: 'snapshot', name: 'books-snap' })
    expect(taken.main.errors).toEqual([])
    await harness.createBranch('books (old)')
    const before = await branchState()
    const step = await harness.run({ operation: 'restore', branch: 'books', source: 'snapshot:books-snap' })
    expect(step.main.exitCode).toBe(1)
    expect(step.main.errors).toEqual([
      'branch: a branch named "books (old)" already exists, and Neon\'s snapshot restore renames the replaced ' +
        'books to that name; rename or delete "books (old)" first'
    ])
    expect(mutating(step.requests)).toEqual([])
    expect(await branchState()).toEqual(before)
    expect(await ids(books.uri, 'items')).toEqual([1, 2, 3, 4, 5, 6])
  })
})

describe('protected branches', () => {
  it("gives a snapshot branch's connection-uri the child's own new password", async () => {
    const vault = await branchWithHistory('vault')
    const { data } = await harness.api.updateProjectBranch(harness.projectId, vault.id, { branch: { protected: true } })
    await harness.waitForOperations(data.operations.map((operation) => operation.id))
    const step = await harness.run({ branch: 'vault', name: 'vault-copy' })
    expect(step.main.errors).toEqual([])
    const uri = step.main.outputs['connection-uri']
    const password = (uri: string) => new URL(uri).password
    expect(password(uri)).not.toBe(password(vault.uri))
    expect(await ids(uri, 'items')).toEqual([1, 2, 3, 4, 5, 6])
  })
})

describe('secrets', () => {
  it('writes no API key or password anywhere but in ::add-mask:: commands', async () => {
    expect(leaks(harness.steps, await harness.secrets())).toEqual([])
  })
})

describe('rate limits', () => {
  let limited: ActionHarness

  beforeAll(async () => {
    // Neon's burst limit is 40 a second per route; 1 makes the action meet 429s within one short step.
    limited = await ActionHarness.start({ rateLimits: { perMinute: 700, perRoutePerSecond: 1 } })
  })

  afterAll(() => limited?.stop())

  it('waits out 429 bursts (Retry-After) and makes the snapshot all the same', async () => {
    const step = await limited.run({ name: 'burst-snapshot' })
    expect(step.main.errors).toEqual([])
    expect(step.requests.filter((request) => request.fault === 'rate-limit').length).toBeGreaterThan(0)
    const made = (await limited.branches()).filter((branch) => branch.name === 'burst-snapshot')
    expect(made).toHaveLength(1)
    expect(step.main.outputs['branch-id']).toBe(made[0].id)
  })
})
