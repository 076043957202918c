/**
 * Neon's Branch Recovery preview in the emulator: soft deletes (the default), `hard_delete=true`,
 * `include_deleted=true`, `POST .../recover`, TTL expiry as a soft delete, the purge after 7 days, and a project
 * without the preview (`branchRecovery: false`), through the real api-client with spec validation.
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs'
import { EndpointType, type Branch } from '@neondatabase/api-client'
import pg from 'pg'
import { failure, query, startHarness, waitForOperations, type Harness } from './api-helpers.js'

const DAY_MS = 86400_000

let harness: Harness

beforeAll(async () => {
  harness = await startHarness()
})

afterAll(async () => {
  await harness?.emulator.stop()
})

afterEach(() => {
  expect(harness.emulator.violations()).toEqual([])
})

/** A branch of main with a compute, a table `kept` holding one row, and its connection string. */
async function branchWithRow(target: Harness, name: string): Promise<{ branch: Branch; uri: string }> {
  const { data } = await target.api.createProjectBranch(target.projectId, {
    branch: { name },
    endpoints: [{ type: EndpointType.ReadWrite }]
  })
  await waitForOperations(target, data.operations)
  const uri = data.connection_uris![0].connection_uri
  await query(uri, 'CREATE TABLE kept (n int)')
  await query(uri, 'INSERT INTO kept VALUES (1)')
  return { branch: data.branch, uri }
}

async function remove(target: Harness, branchId: string, hard?: boolean) {
  const { data, status } = await target.api.deleteProjectBranch({
    projectId: target.projectId,
    branchId,
    ...(hard === undefined ? {} : { hard_delete: hard })
  })
  if (status === 200) await waitForOperations(target, data.operations)
  return status
}

async function listedWithDeleted(target: Harness, search: string): Promise<Branch[]> {
  const { data } = await target.api.listProjectBranches({ projectId: target.projectId, search, include_deleted: true })
  return data.branches
}

/** Recovers a branch, retrying while the operations of its deletion still run (423), as a Neon client must. */
async function recover(target: Harness, branchId: string) {
  const deadline = Date.now() + 5000
  for (;;) {
    try {
      return await target.api.recoverProjectBranch(target.projectId, branchId)
    } catch (error) {
      const status = (error as { response?: { status: number } }).response?.status
      if (status !== 423 || Date.now() > deadline) throw error
      await new Promise((resolve) => setTimeout(resolve, 25))
    }
  }
}

/** Moves the clock and waits until the expiry sweep that the move starts has run. */
async function moveClock(target: Harness, ms: number, until: () => Promise<boolean>): Promise<void> {
  target.emulator.setClockOffset(ms)
  const deadline = Date.now() + 5000
  while (!(await until())) {
    if (Date.now() > deadline) throw new Error('the expiry sweep did not run')
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

describe('soft delete and recovery', () => {
  it('hides a deleted branch, lists it with include_deleted, and recovers it with its data and endpoint', async () => {
    const { branch, uri } = await branchWithRow(harness, 'soft-one')
    const [endpoint] = (await harness.api.listProjectBranchEndpoints(harness.projectId, branch.id)).data.endpoints
    const open = new pg.Client({ connectionString: uri })
    open.on('error', () => undefined)
    await open.connect()
    const before = Date.now()
    expect(await remove(harness, branch.id)).toBe(200)
    const after = Date.now()
    // "breaking existing client connections" (spec: deleteProjectBranch)
    await expect(open.query('SELECT 1')).rejects.toThrow()
    await open.end().catch(() => undefined)

    expect((await failure(harness.api.getProjectBranch(harness.projectId, branch.id))).status).toBe(404)
    expect((await failure(harness.api.getProjectEndpoint(harness.projectId, endpoint.id))).status).toBe(404)
    const endpoints = (await harness.api.listProjectEndpoints(harness.projectId)).data.endpoints
    expect(endpoints.map((item) => item.id)).not.toContain(endpoint.id)
    const live = await harness.api.listProjectBranches({ projectId: harness.projectId, search: 'soft-one' })
    expect(live.data.branches).toEqual([])
    expect(
      (await harness.api.countProjectBranches({ projectId: harness.projectId, search: 'soft-one' })).data.count
    ).toBe(0)
    const [listed] = await listedWithDeleted(harness, 'soft-one')
    expect(listed.id).toBe(branch.id)
    expect(listed.recovery?.deletion_method).toBe('user')
    const { deleted_at, recoverable_until } = listed.recovery!
    // Neon prints timestamps to the second.
    expect(Date.parse(deleted_at)).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000)
    expect(Date.parse(deleted_at)).toBeLessThanOrEqual(after)
    expect(Date.parse(recoverable_until) - Date.parse(deleted_at)).toBe(7 * DAY_MS)
    // Its compute is gone until a recovery, and deleting it again is the documented 204.
    await expect(query(uri, 'SELECT 1')).rejects.toThrow(/not found/)
    expect(await remove(harness, branch.id)).toBe(204)

    const recovered = await harness.api.recoverProjectBranch(harness.projectId, branch.id)
    expect(recovered.status).toBe(200)
    expect(recovered.data.branch.id).toBe(branch.id)
    expect(recovered.data.branch.recovery).toBeUndefined()
    expect(recovered.data.endpoints?.map((item) => [item.id, item.current_state])).toEqual([[endpoint.id, 'idle']])
    expect(await query(uri, 'SELECT n FROM kept')).toEqual([{ n: 1 }])
    const woken = await harness.api.getProjectEndpoint(harness.projectId, endpoint.id)
    expect(woken.data.endpoint.current_state).toBe('active')
    expect((await harness.api.getProjectBranch(harness.projectId, branch.id)).data.branch.name).toBe('soft-one')
    expect(await remove(harness, branch.id, true)).toBe(200)
  })

  it('deletes for good with hard_delete=true, and the request log shows the parameter', async () => {
    const { branch } = await branchWithRow(harness, 'hard-one')
    expect(await remove(harness, branch.id, true)).toBe(200)
    expect(await listedWithDeleted(harness, 'hard-one')).toEqual([])
    expect((await failure(harness.api.recoverProjectBranch(harness.projectId, branch.id))).status).toBe(404)
    expect(await remove(harness, branch.id, true)).toBe(204)
    const deletes = harness.emulator
      .requestLog()
      .filter((entry) => entry.method === 'DELETE' && entry.path.endsWith(`/branches/${branch.id}`))
    expect(deletes.map((entry) => entry.query)).toEqual(['hard_delete=true', 'hard_delete=true'])
  })

  it('answers 400 to recovering a branch that is not deleted, and to a bad hard_delete value', async () => {
    const main = harness.emulator.info.branchId
    const refused = await failure(harness.api.recoverProjectBranch(harness.projectId, main))
    expect(refused.status).toBe(400)
    expect(refused.message).toMatch(/not deleted/)
    const url = `${harness.emulator.info.apiHost}/projects/${harness.projectId}/branches/${main}?hard_delete=yes`
    const response = await fetch(url, {
      method: 'DELETE',
      headers: { Authorization: `Bearer ${harness.emulator.info.apiKey}` }
    })
    expect(response.status).toBe(400)
    expect(((await response.json()) as { message: string }).message).toMatch(/hard_delete must be true or false/)
  })

  it("keeps a soft-deleted branch's name and its place under its parent until it is gone for good", async () => {
    const { data: parent } = await harness.api.createProjectBranch(harness.projectId, { branch: { name: 'holder' } })
    await waitForOperations(harness, parent.operations)
    const { data: child } = await harness.api.createProjectBranch(harness.projectId, {
      branch: { name: 'held', parent_id: parent.branch.id }
    })
    await waitForOperations(harness, child.operations)
    expect(await remove(harness, child.branch.id)).toBe(200)

    const taken = await failure(harness.api.createProjectBranch(harness.projectId, { branch: { name: 'held' } }))
    expect(taken.status).toBe(409)
    expect(taken.message).toMatch(/deleted, recoverable until/)
    const blocked = await failure(
      harness.api.deleteProjectBranch({ projectId: harness.projectId, branchId: parent.branch.id })
    )
    expect(blocked.status).toBe(400)
    expect(blocked.message).toMatch(/deleted ones included/)
    // A hard delete of a branch already soft-deleted is the 204 of "already deleted", and purges nothing.
    expect(await remove(harness, child.branch.id, true)).toBe(204)
    expect((await listedWithDeleted(harness, 'held')).map((branch) => branch.id)).toEqual([child.branch.id])

    await harness.api.recoverProjectBranch(harness.projectId, child.branch.id)
    expect(await remove(harness, child.branch.id, true)).toBe(200)
    expect(await remove(harness, parent.branch.id, true)).toBe(200)
  })

  it('refuses a snapshot restore onto a soft-deleted branch (404, as for any branch the API cannot see)', async () => {
    const { branch } = await branchWithRow(harness, 'snapped')
    const { data } = await harness.api.createSnapshot({ projectId: harness.projectId, branchId: branch.id })
    await waitForOperations(harness, data.operations)
    expect(await remove(harness, branch.id)).toBe(200)
    const refused = await failure(
      harness.api.restoreSnapshot(
        { projectId: harness.projectId, snapshotId: data.snapshot.id },
        { target_branch_id: branch.id, finalize_restore: true }
      )
    )
    expect(refused.status).toBe(404)
    await harness.api.deleteSnapshot(harness.projectId, data.snapshot.id)
    await harness.api.recoverProjectBranch(harness.projectId, branch.id)
    expect(await remove(harness, branch.id, true)).toBe(200)
  })

  it('keeps a soft delete across a restart on the same state dir, and recovers it there', async () => {
    const stateDir = mkdtempSync('/dev/shm/api-recovery-test-')
    chmodSync(stateDir, 0o755)
    let first: Harness | undefined
    let second: Harness | undefined
    try {
      first = await startHarness({ stateDir })
      const { branch, uri } = await branchWithRow(first, 'across')
      expect(await remove(first, branch.id)).toBe(200)
      await first.emulator.stop()
      second = await startHarness({ stateDir })
      expect((await listedWithDeleted(second, 'across'))[0]?.recovery?.deletion_method).toBe('user')
      await second.api.recoverProjectBranch(second.projectId, branch.id)
      expect(await query(uri, 'SELECT n FROM kept')).toEqual([{ n: 1 }])
      expect(second.emulator.violations()).toEqual([])
    } finally {
      await first?.emulator.stop()
      await second?.emulator.stop()
      rmSync(stateDir, { recursive: true, force: true })
    }
  })
})

describe('expiry and the purge', () => {
  afterEach(() => harness.emulator.setClockOffset(0))

  it('soft-deletes an expired branch (deletion_method ttl), and a recovery drops its expiry', async () => {
    const expiresAt = new Date(Date.now() + 3600_000).toISOString().replace(/\.\d+Z$/, 'Z')
    const { data } = await harness.api.createProjectBranch(harness.projectId, {
      branch: { name: 'timed', expires_at: expiresAt }
    })
    await waitForOperations(harness, data.operations)
    await moveClock(
      harness,
      2 * 3600_000,
      async () => (await listedWithDeleted(harness, 'timed'))[0]?.recovery !== undefined
    )
    const [listed] = await listedWithDeleted(harness, 'timed')
    expect(listed.recovery).toEqual({
      deleted_at: expiresAt,
      recoverable_until: new Date(Date.parse(expiresAt) + 7 * DAY_MS).toISOString().replace(/\.\d+Z$/, 'Z'),
      deletion_method: 'ttl'
    })
    const recovered = await recover(harness, data.branch.id)
    expect(recovered.data.branch.expires_at).toBeUndefined()
    expect(recovered.data.branch.ttl_interval_seconds).toBeUndefined()
    expect(await remove(harness, data.branch.id, true)).toBe(200)
  })

  it('purges a soft-deleted branch once recoverable_until passes: no recovery, its port closed', async () => {
    const { branch, uri } = await branchWithRow(harness, 'purged')
    expect(await remove(harness, branch.id)).toBe(200)
    await moveClock(harness, 7 * DAY_MS + 60_000, async () => (await listedWithDeleted(harness, 'purged')).length === 0)
    expect((await failure(harness.api.recoverProjectBranch(harness.projectId, branch.id))).status).toBe(404)
    expect(await remove(harness, branch.id)).toBe(204)
    await expect(query(uri, 'SELECT 1')).rejects.toThrow(/ECONNREFUSED/)
    // Its name is free again.
    const { data } = await harness.api.createProjectBranch(harness.projectId, { branch: { name: 'purged' } })
    await waitForOperations(harness, data.operations)
    expect(await remove(harness, data.branch.id, true)).toBe(200)
  })
})

describe('branch limit', () => {
  it('counts a soft-deleted branch against the limit until the purge; a hard delete frees its slot at once', async () => {
    const small = await startHarness({ branchLimit: 2 })
    try {
      const create = async (name: string) => {
        const { data } = await small.api.createProjectBranch(small.projectId, { branch: { name } })
        await waitForOperations(small, data.operations)
        return data.branch.id
      }
      expect(await remove(small, await create('second'))).toBe(200)
      const over = await failure(small.api.createProjectBranch(small.projectId, { branch: { name: 'third' } }))
      expect(over.status).toBe(422)
      expect(over.code).toBe('BRANCHES_LIMIT_EXCEEDED')
      await moveClock(small, 7 * DAY_MS + 60_000, async () => (await listedWithDeleted(small, 'second')).length === 0)
      expect(await remove(small, await create('third'), true)).toBe(200)
      expect(await create('fourth')).toMatch(/^br-/)
      expect(small.emulator.violations()).toEqual([])
    } finally {
      await small.emulator.stop()
    }
  })
})

describe('a project without the Branch Recovery preview (branchRecovery: false)', () => {
  it('refuses hard_delete, include_deleted and recover with 400, and deletes for good', async () => {
    const plain = await startHarness({ branchRecovery: false })
    try {
      const { data } = await plain.api.createProjectBranch(plain.projectId, { branch: { name: 'plain' } })
      await waitForOperations(plain, data.operations)
      for (const hard of [true, false]) {
        const refused = await failure(
          plain.api.deleteProjectBranch({ projectId: plain.projectId, branchId: data.branch.id, hard_delete: hard })
        )
        expect(refused.status).toBe(400)
        expect(refused.message).toMatch(/hard_delete parameter is part of the Branch Recovery preview/)
      }
      const listing = await failure(
        plain.api.listProjectBranches({ projectId: plain.projectId, include_deleted: true })
      )
      expect(listing.status).toBe(400)
      expect(listing.message).toMatch(/include_deleted/)
      expect(await remove(plain, data.branch.id)).toBe(200)
      expect((await failure(plain.api.getProjectBranch(plain.projectId, data.branch.id))).status).toBe(404)
      expect(await remove(plain, data.branch.id)).toBe(204)
      expect((await failure(plain.api.recoverProjectBranch(plain.projectId, data.branch.id))).status).toBe(400)
      // Its name came free at once; so does an expired branch's.
      const expiresAt = new Date(Date.now() + 3600_000).toISOString()
      const { data: again } = await plain.api.createProjectBranch(plain.projectId, {
        branch: { name: 'plain', expires_at: expiresAt }
      })
      await waitForOperations(plain, again.operations)
      await moveClock(plain, 2 * 3600_000, async () => {
        const { data: listed } = await plain.api.listProjectBranches({ projectId: plain.projectId, search: 'plain' })
        return listed.branches.length === 0
      })
      const { data: third } = await plain.api.createProjectBranch(plain.projectId, { branch: { name: 'plain' } })
      await waitForOperations(plain, third.operations)
      expect(plain.emulator.violations()).toEqual([])
    } finally {
      await plain.emulator.stop()
    }
  })
})
