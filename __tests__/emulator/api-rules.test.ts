/**
 * Neon's newer rules in the emulator (docs/neon-rules.md): restricted actions (and the emulator control that sets
 * them), the restriction a snapshot restore leaves, finalize's `(old)` name and moved protection, no restore from
 * an expiring branch, new passwords under a protected branch, and the rate limits.
 */
import os from 'node:os'
import { mkdtempSync } from 'node:fs'
import path from 'node:path'
import type { Branch } from '@neondatabase/api-client'
import { Clock } from '../../emulator/api/clock.js'
import { FaultInjector } from '../../emulator/api/faults.js'
import { latencyProfile } from '../../emulator/api/latency.js'
import { RateLimiter } from '../../emulator/api/ratelimit.js'
import { RequestLog } from '../../emulator/api/requestlog.js'
import { ApiServer } from '../../emulator/api/server.js'
import { failure, query, startHarness, waitForOperations, type Harness } from './api-helpers.js'

let harness: Harness
let mainId: string

beforeAll(async () => {
  harness = await startHarness({ branchLimit: 20 })
  mainId = harness.emulator.info.branchId
  await query(harness.emulator.info.connectionUri, 'CREATE TABLE items (id int PRIMARY KEY)')
  await query(harness.emulator.info.connectionUri, 'INSERT INTO items VALUES (1)')
})

afterAll(async () => {
  await harness?.emulator.stop()
})

afterEach(() => {
  expect(harness.emulator.violations()).toEqual([])
})

/** The emulator control that sets a branch's restricted actions (raw HTTP: it is not in Neon's client). */
async function restrict(branchId: string, restricted: { name: string; reason: string }[], apiKey?: string) {
  const response = await fetch(`${harness.emulator.info.apiHost}/_emulator/branches/${branchId}/restricted_actions`, {
    method: 'PUT',
    headers: {
      authorization: `Bearer ${apiKey ?? harness.emulator.info.apiKey}`,
      'content-type': 'application/json'
    },
    body: JSON.stringify({ restricted_actions: restricted })
  })
  return { status: response.status, body: (await response.json()) as { branch?: Branch; message?: string } }
}

async function createBranch(name: string, extra: Record<string, unknown> = {}, parentId = mainId) {
  const { data } = await harness.api.createProjectBranch(harness.projectId, {
    branch: { name, parent_id: parentId, ...extra },
    endpoints: [{ type: 'read_write' as never }]
  })
  await waitForOperations(harness, data.operations)
  return data
}

const branchOf = async (id: string): Promise<Branch> =>
  (await harness.api.getProjectBranch(harness.projectId, id)).data.branch

describe('restricted actions', () => {
  it('lists what the control sets, refuses a restricted restore with its reason and changes nothing', async () => {
    const { branch } = await createBranch('guarded')
    const reason = 'instant restore is only supported for root branches'
    const set = await restrict(branch.id, [{ name: 'restore', reason }])
    expect(set.status).toBe(200)
    expect(set.body.branch?.restricted_actions).toEqual([{ name: 'restore', reason }])
    const listed = (await harness.api.listProjectBranches({ projectId: harness.projectId })).data.branches
    expect(listed.find((candidate) => candidate.id === branch.id)?.restricted_actions).toEqual([
      { name: 'restore', reason }
    ])

    const before = await branchOf(branch.id)
    const refused = await failure(
      harness.api.restoreProjectBranch(harness.projectId, branch.id, {
        source_branch_id: mainId,
        preserve_under_name: 'guarded_old'
      })
    )
    expect(refused).toMatchObject({ status: 400, message: reason })
    const after = await branchOf(branch.id)
    expect(after.parent_lsn).toBe(before.parent_lsn)
    expect(after.last_reset_at).toBeUndefined()
    const names = (await harness.api.listProjectBranches({ projectId: harness.projectId })).data.branches.map(
      (candidate) => candidate.name
    )
    expect(names).not.toContain('guarded_old')

    // An empty list lifts the restriction: the same restore goes through.
    expect((await restrict(branch.id, [])).body.branch?.restricted_actions).toBeUndefined()
    const restored = await harness.api.restoreProjectBranch(harness.projectId, branch.id, {
      source_branch_id: mainId,
      preserve_under_name: 'guarded_old'
    })
    await waitForOperations(harness, restored.data.operations)
    expect((await branchOf(branch.id)).last_reset_at).toBeDefined()
  })

  it('refuses deleting a read-write endpoint while delete-rw-endpoint is restricted', async () => {
    const { branch, endpoints } = await createBranch('pinned')
    await restrict(branch.id, [{ name: 'delete-rw-endpoint', reason: 'the endpoint is in use by a migration' }])
    const refused = await failure(harness.api.deleteProjectEndpoint(harness.projectId, endpoints[0].id))
    expect(refused).toMatchObject({ status: 400, message: 'the endpoint is in use by a migration' })
    const listed = await harness.api.listProjectBranchEndpoints(harness.projectId, branch.id)
    expect(listed.data.endpoints.map((endpoint) => endpoint.id)).toEqual([endpoints[0].id])
  })

  it('is an emulator control: API key required, bad bodies refused, not logged as a mutation', async () => {
    expect((await restrict(mainId, [], 'napi_wrong')).status).toBe(401)
    const bad = await fetch(`${harness.emulator.info.apiHost}/_emulator/branches/${mainId}/restricted_actions`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${harness.emulator.info.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ restricted_actions: [{ name: 'restore' }] })
    })
    expect(bad.status).toBe(400)
    expect((await restrict('br-no-such-branch-00000000', [])).status).toBe(404)
    const controls = harness.emulator.requestLog().filter((entry) => entry.path.includes('/_emulator/'))
    expect(controls.length).toBeGreaterThan(0)
    expect(controls.every((entry) => !entry.mutating)).toBe(true)
  })
})

describe('snapshot restore', () => {
  it("restricts restore on the restored branch with Neon's documented error, names the old branch (old), moves protection", async () => {
    const { branch: source } = await createBranch('ledger')
    await harness.api.updateProjectBranch(harness.projectId, source.id, { branch: { protected: true } })
    const { data: taken } = await harness.api.createSnapshot({
      projectId: harness.projectId,
      branchId: source.id,
      name: 'ledger-snap'
    })
    await waitForOperations(harness, taken.operations)
    const { data } = await harness.api.restoreSnapshot(
      { projectId: harness.projectId, snapshotId: taken.snapshot.id },
      { target_branch_id: source.id, finalize_restore: true }
    )
    await waitForOperations(harness, data.operations)
    // Finalizing restarts the target's computes on the restored branch.
    const restarts = data.operations.filter((operation) => operation.action === 'start_compute')
    expect(restarts.map((operation) => operation.branch_id)).toEqual([data.branch.id])

    const restored = await branchOf(data.branch.id)
    const old = await branchOf(source.id)
    expect(restored.name).toBe('ledger')
    expect(old.name).toBe('ledger (old)')
    expect(restored.protected).toBe(true)
    expect(old.protected).toBe(false)
    const reason = 'restore from snapshot on target branch is still ongoing'
    expect(restored.restricted_actions).toEqual([{ name: 'restore', reason }])

    const refused = await failure(
      harness.api.restoreProjectBranch(harness.projectId, restored.id, {
        source_branch_id: source.id,
        preserve_under_name: 'ledger-undo'
      })
    )
    expect(refused).toMatchObject({ status: 400, message: reason })
    expect((await branchOf(restored.id)).last_reset_at).toBeUndefined()
  })
})

describe('expiring branches', () => {
  it('refuses a restore from a branch with an expiration time, changing nothing, and allows it once cleared', async () => {
    const { branch: target } = await createBranch('target')
    const expiresAt = new Date(Date.now() + 86400_000).toISOString().replace(/\.\d{3}Z$/, 'Z')
    const { branch: snap } = await createBranch('target-snap', { expires_at: expiresAt })
    const restore = () =>
      harness.api.restoreProjectBranch(harness.projectId, target.id, {
        source_branch_id: snap.id,
        preserve_under_name: 'target_old'
      })
    const refused = await failure(restore())
    expect(refused.status).toBe(400)
    expect(refused.message).toMatch(/has an expiration time .* cannot become a parent/)
    expect((await branchOf(target.id)).parent_id).toBe(mainId)
    expect((await branchOf(snap.id)).expires_at).toBe(expiresAt)

    await harness.api.updateProjectBranch(harness.projectId, snap.id, { branch: { expires_at: null } })
    const { data } = await restore()
    await waitForOperations(harness, data.operations)
    expect((await branchOf(target.id)).parent_id).toBe(snap.id)
  })
})

describe('expiry rules already modelled', () => {
  const inADay = () => new Date(Date.now() + 86400_000).toISOString().replace(/\.\d{3}Z$/, 'Z')

  it('refuses an expiry on the default branch, a protected branch and a parent, and a child of an expiring branch', async () => {
    const expiry = { branch: { expires_at: inADay() } }
    const refuse = async (call: Promise<unknown>, message: RegExp) => {
      const refused = await failure(call)
      expect(refused.status).toBe(400)
      expect(refused.message).toMatch(message)
    }
    await refuse(harness.api.updateProjectBranch(harness.projectId, mainId, expiry), /default branch/)
    const { branch: parent } = await createBranch('rules-parent')
    await createBranch('rules-child', {}, parent.id)
    await refuse(harness.api.updateProjectBranch(harness.projectId, parent.id, expiry), /child branches/)
    await refuse(
      harness.api.createProjectBranch(harness.projectId, {
        branch: { name: 'rules-guarded', protected: true, expires_at: inADay() }
      }),
      /protected/
    )
    const { branch: expiring } = await createBranch('rules-expiring', { expires_at: inADay() })
    await refuse(
      harness.api.createProjectBranch(harness.projectId, {
        branch: { name: 'rules-grandchild', parent_id: expiring.id }
      }),
      /expiration time/
    )
    expect((await branchOf(parent.id)).expires_at).toBeUndefined()
  })
})

describe('protected branches', () => {
  it("gives a child new passwords: the child's own logs in, the parent's does not, the parent's is unchanged", async () => {
    const { branch: vault } = await createBranch('vault')
    await harness.api.updateProjectBranch(harness.projectId, vault.id, { branch: { protected: true } })
    const password = async (branchId: string) =>
      (await harness.api.getProjectBranchRolePassword(harness.projectId, branchId, 'neondb_owner')).data.password
    const parentPassword = await password(vault.id)
    const { branch: child, endpoints } = await createBranch('vault-child', {}, vault.id)
    const childPassword = await password(child.id)
    expect(childPassword).not.toBe(parentPassword)
    expect(await password(vault.id)).toBe(parentPassword)

    const { data } = await harness.api.getConnectionUri({
      projectId: harness.projectId,
      branch_id: child.id,
      endpoint_id: endpoints[0].id,
      database_name: 'neondb',
      role_name: 'neondb_owner'
    })
    expect(await query(data.uri, 'SELECT id FROM items')).toEqual([{ id: 1 }])
    const withParentPassword = data.uri.replace(childPassword, parentPassword)
    await expect(query(withParentPassword, 'SELECT 1')).rejects.toThrow(/password authentication failed/)
  })
})

describe('rate limits', () => {
  /** An API server with one route, the rate limiter and a fake clock: no Postgres needed. */
  async function server(now: () => number) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'rate-limit-'))
    const route = (template: string) => ({
      method: 'GET',
      template,
      pattern: new RegExp(`^${template}$`),
      names: [],
      handler: () => ({ status: 200, body: {} })
    })
    const api = new ApiServer({
      apiKey: 'key',
      routes: () => [route('/a'), route('/b')],
      controlRoutes: [],
      clock: new Clock(),
      faults: new FaultInjector(undefined),
      latency: latencyProfile('none'),
      requestLog: new RequestLog(dir),
      rateLimiter: new RateLimiter(undefined, now),
      violation: () => undefined,
      clockMoved: async () => undefined,
      log: () => undefined
    })
    const port = await api.listen()
    const get = async (route: string) => {
      const response = await fetch(`http://127.0.0.1:${port}/api/v2${route}`, {
        headers: { authorization: 'Bearer key' }
      })
      return { status: response.status, retryAfter: response.headers.get('retry-after') }
    }
    return { api, get }
  }

  it('answers 429 with Retry-After past 40 requests a second on one route, while another route still answers', async () => {
    let now = 0
    const { api, get } = await server(() => now)
    try {
      for (let i = 0; i < 40; i++) expect((await get('/a')).status).toBe(200)
      expect(await get('/a')).toEqual({ status: 429, retryAfter: '1' })
      expect((await get('/b')).status).toBe(200)
      now += 1000
      expect((await get('/a')).status).toBe(200)
    } finally {
      await api.close()
    }
  })

  it('answers 429 past 700 requests a minute across routes, and admits again as the minute passes', () => {
    let now = 0
    const limiter = new RateLimiter(undefined, () => now)
    let admitted = 0
    // 20 routes of 40 at one instant: no route passes its burst, the account passes its 700.
    for (let route = 0; route < 20; route++) {
      for (let i = 0; i < 40; i++) if (limiter.admit(`GET /route-${route}`) === undefined) admitted++
    }
    expect(admitted).toBe(700)
    expect(limiter.admit('GET /another')).toBe(1)
    now += 100 // 700 a minute is a token every 86 ms
    expect(limiter.admit('GET /another')).toBeUndefined()
    expect(limiter.admit('GET /another')).toBe(1)
  })
})
