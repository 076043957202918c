/**
 * The emulator's Neon API v2 for branches, endpoints, databases, roles and operations, driven through the real
 * `@neondatabase/api-client` against real Postgres, with every request and response checked against the spec.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { EndpointType } from '@neondatabase/api-client'
import { currentLsn, failure, query, startHarness, waitForOperations, type Harness } from './api-helpers.js'

let harness: Harness
let mainUri: string
/** LSNs and times on main: after the first row, after the second. */
let lsnOne: string
let timeOne: string

beforeAll(async () => {
  harness = await startHarness()
  mainUri = harness.emulator.info.connectionUri
  await query(mainUri, 'CREATE TABLE items (id int PRIMARY KEY, label text)')
  await query(mainUri, "INSERT INTO items VALUES (1, 'one')")
  lsnOne = await currentLsn(mainUri)
  await new Promise((resolve) => setTimeout(resolve, 50))
  timeOne = new Date().toISOString()
  await new Promise((resolve) => setTimeout(resolve, 50))
  await query(mainUri, "INSERT INTO items VALUES (2, 'two')")
})

afterAll(async () => {
  await harness?.emulator.stop()
})

afterEach(() => {
  expect(harness.emulator.violations()).toEqual([])
})

describe('auth and errors', () => {
  it('answers 401 with a Neon error body without the API key', async () => {
    const response = await fetch(`${harness.emulator.info.apiHost}/projects/${harness.projectId}`)
    expect(response.status).toBe(401)
    const body = (await response.json()) as { code: string; message: string }
    expect(body.code).toBe('')
    expect(body.message).toBe('authorization failed')
    const wrong = await fetch(`${harness.emulator.info.apiHost}/projects/${harness.projectId}`, {
      headers: { Authorization: 'Bearer nope' }
    })
    expect(wrong.status).toBe(401)
  })

  it('answers 404 for unknown routes, projects and branches', async () => {
    const response = await fetch(`${harness.emulator.info.apiHost}/nothing/here`, {
      headers: { Authorization: `Bearer ${harness.emulator.info.apiKey}` }
    })
    expect(response.status).toBe(404)
    expect(((await response.json()) as { message: string }).message).toBe('not found')
    expect((await failure(harness.api.getProject('other-project-12345678'))).status).toBe(404)
    expect((await failure(harness.api.getProjectBranch(harness.projectId, 'br-no-such-00000000'))).status).toBe(404)
  })

  it('answers 400 for points outside the history', async () => {
    const future = new Date(Date.now() + 3600_000).toISOString()
    const ahead = await failure(
      harness.api.createProjectBranch(harness.projectId, { branch: { name: 'future', parent_timestamp: future } })
    )
    expect(ahead.status).toBe(400)
    expect(ahead.message).toMatch(/future/)
    const old = await failure(
      harness.api.createProjectBranch(harness.projectId, {
        branch: { name: 'ancient', parent_timestamp: '2001-01-01T00:00:00Z' }
      })
    )
    expect(old.status).toBe(400)
    expect(old.message).toMatch(/history retention window/)
    const beyondHead = await failure(
      harness.api.createProjectBranch(harness.projectId, { branch: { name: 'beyond', parent_lsn: 'FF/0' } })
    )
    expect(beyondHead.status).toBe(400)
    const garbage = await failure(
      harness.api.createProjectBranch(harness.projectId, { branch: { name: 'garbage', parent_lsn: 'yesterday' } })
    )
    expect(garbage.status).toBe(400)
  })

  it("answers 400 for a branch of a branch before the parent's start, as Neon's pageserver does", async () => {
    const { data: child } = await harness.api.createProjectBranch(harness.projectId, { branch: { name: 'young' } })
    await waitForOperations(harness, child.operations)
    const start = child.branch.parent_lsn!
    const [high, low] = start.split('/').map((part) => parseInt(part, 16))
    const earlier = `${high.toString(16).toUpperCase()}/${(low - 64).toString(16).toUpperCase()}`
    const refused = await failure(
      harness.api.createProjectBranch(harness.projectId, {
        branch: { name: 'too-early', parent_id: child.branch.id, parent_lsn: earlier }
      })
    )
    expect(refused.status).toBe(400)
    expect(refused.message).toContain(`less than the branch's ancestor lsn ${start}`)
    await harness.api.deleteProjectBranch({
      projectId: harness.projectId,
      branchId: child.branch.id,
      hard_delete: true
    })
  })
})

describe('project', () => {
  it('reads the project with its history window and branch limit', async () => {
    const { data } = await harness.api.getProject(harness.projectId)
    expect(data.project.id).toBe(harness.projectId)
    expect(harness.projectId).toMatch(/^[a-z]+-[a-z]+-\d{8}$/)
    expect(data.project.history_retention_seconds).toBe(7 * 86400)
    expect(data.project.owner?.branches_limit).toBe(10)
  })

  it('returns the connection URI of the default branch', async () => {
    const { data } = await harness.api.getConnectionUri({
      projectId: harness.projectId,
      database_name: 'neondb',
      role_name: 'neondb_owner'
    })
    expect(data.uri).toBe(mainUri)
  })
})

describe('branches', () => {
  it('creates a branch at an LSN holding exactly the data up to it, with an endpoint', async () => {
    const { data, status } = await harness.api.createProjectBranch(harness.projectId, {
      branch: { name: 'at-lsn', parent_lsn: lsnOne },
      endpoints: [{ type: EndpointType.ReadWrite }],
      annotation_value: { purpose: 'test' }
    })
    expect(status).toBe(201)
    expect(data.branch.id).toMatch(/^br-[a-z]+-[a-z]+-[0-9a-f]{8}$/)
    expect(data.branch.parent_id).toBe(harness.emulator.info.branchId)
    expect(data.branch.parent_lsn).toMatch(/^[0-9A-F]+\/[0-9A-F]+$/)
    expect(data.endpoints[0].id).toMatch(/^ep-[a-z]+-[a-z]+-[0-9a-f]{8}$/)
    expect(data.operations.map((operation) => operation.action)).toEqual(['create_branch', 'start_compute'])
    expect(data.operations.every((operation) => operation.status === 'running')).toBe(true)
    expect(data.roles.map((role) => role.name)).toEqual(['neondb_owner'])
    expect(data.databases.map((database) => database.name)).toEqual(['neondb'])
    await waitForOperations(harness, data.operations)

    const uri = data.connection_uris![0].connection_uri
    expect(uri).toMatch(/^postgresql:\/\/neondb_owner:npg_\w+@127\.0\.0\.1:\d+\/neondb$/)
    expect(await query(uri, 'SELECT id FROM items ORDER BY id')).toEqual([{ id: 1 }])

    const got = await harness.api.getProjectBranch(harness.projectId, data.branch.id)
    expect(got.data.branch.current_state).toBe('ready')
    expect(got.data.annotation.value).toEqual({ purpose: 'test' })
  })

  it('creates a branch at a timestamp and reports the LSN it used', async () => {
    const { data } = await harness.api.createProjectBranch(harness.projectId, {
      branch: { name: 'at-time', parent_timestamp: timeOne },
      endpoints: [{ type: EndpointType.ReadWrite }]
    })
    await waitForOperations(harness, data.operations)
    expect(data.branch.parent_lsn).toMatch(/\//)
    expect(data.branch.parent_timestamp).toBeDefined()
    expect(await query(data.connection_uris![0].connection_uri, 'SELECT id FROM items ORDER BY id')).toEqual([
      { id: 1 }
    ])
  })

  it('lists, searches, pages and counts branches', async () => {
    const all = await harness.api.listProjectBranches({ projectId: harness.projectId })
    const names = all.data.branches.map((branch) => branch.name)
    expect(names).toEqual(expect.arrayContaining(['main', 'at-lsn', 'at-time']))
    expect(Object.keys(all.data.annotations)).toHaveLength(1)

    // Neon's search matches names and ids, case-insensitively; ids are random words ("br-great-…" holds "at-"),
    // so search for names no id can contain.
    const found = await harness.api.listProjectBranches({ projectId: harness.projectId, search: 'AT-TIME' })
    expect(found.data.branches.map((branch) => branch.name)).toEqual(['at-time'])
    const byId = await harness.api.listProjectBranches({
      projectId: harness.projectId,
      search: all.data.branches[0].id
    })
    expect(byId.data.branches.map((branch) => branch.id)).toEqual([all.data.branches[0].id])

    const first = await harness.api.listProjectBranches({
      projectId: harness.projectId,
      limit: 2,
      sort_by: 'name',
      sort_order: 'asc'
    })
    expect(first.data.branches.map((branch) => branch.name)).toEqual(['at-lsn', 'at-time'])
    const cursor = first.data.pagination?.next
    expect(cursor).toBeDefined()
    const second = await harness.api.listProjectBranches({
      projectId: harness.projectId,
      limit: 2,
      sort_by: 'name',
      sort_order: 'asc',
      cursor
    })
    expect(second.data.branches.map((branch) => branch.name)).toEqual(['main'])
    expect(second.data.pagination?.next).toBeUndefined()

    const count = await harness.api.countProjectBranches({ projectId: harness.projectId })
    expect(count.data.count).toBe(names.length)
  })

  it('renames and protects a branch, then refuses to delete it while protected', async () => {
    const { data } = await harness.api.createProjectBranch(harness.projectId, { branch: { name: 'to-patch' } })
    await waitForOperations(harness, data.operations)
    const patched = await harness.api.updateProjectBranch(harness.projectId, data.branch.id, {
      branch: { name: 'patched', protected: true }
    })
    expect(patched.data.branch.name).toBe('patched')
    expect(patched.data.branch.protected).toBe(true)
    const refused = await failure(
      harness.api.deleteProjectBranch({ projectId: harness.projectId, branchId: data.branch.id })
    )
    expect(refused.status).toBe(400)
    expect(refused.message).toMatch(/protected/)
    await harness.api.updateProjectBranch(harness.projectId, data.branch.id, { branch: { protected: false } })
    const deleted = await harness.api.deleteProjectBranch({
      projectId: harness.projectId,
      branchId: data.branch.id,
      hard_delete: true
    })
    expect(deleted.status).toBe(200)
    expect(deleted.data.operations.map((operation) => operation.action)).toContain('delete_timeline')
    expect((await failure(harness.api.getProjectBranch(harness.projectId, data.branch.id))).status).toBe(404)
    const again = await harness.api.deleteProjectBranch({
      projectId: harness.projectId,
      branchId: data.branch.id,
      hard_delete: true
    })
    expect(again.status).toBe(204)
    expect(
      (
        await failure(
          harness.api.deleteProjectBranch({ projectId: harness.projectId, branchId: 'br-never-was-00000000' })
        )
      ).status
    ).toBe(404)
  })

  it('refuses to delete the default branch and a branch with children', async () => {
    const main = await failure(
      harness.api.deleteProjectBranch({ projectId: harness.projectId, branchId: harness.emulator.info.branchId })
    )
    expect(main.status).toBe(400)
    expect(main.message).toMatch(/default branch/)

    const parent = await harness.api.createProjectBranch(harness.projectId, { branch: { name: 'parent' } })
    await waitForOperations(harness, parent.data.operations)
    const child = await harness.api.createProjectBranch(harness.projectId, {
      branch: { name: 'child', parent_id: parent.data.branch.id }
    })
    await waitForOperations(harness, child.data.operations)
    const refused = await failure(
      harness.api.deleteProjectBranch({ projectId: harness.projectId, branchId: parent.data.branch.id })
    )
    expect(refused.status).toBe(400)
    expect(refused.message).toMatch(/child/)
    // A soft-deleted child would still hold its parent (api-recovery.test.ts): delete it for good.
    await harness.api.deleteProjectBranch({
      projectId: harness.projectId,
      branchId: child.data.branch.id,
      hard_delete: true
    })
    await harness.api.deleteProjectBranch({
      projectId: harness.projectId,
      branchId: parent.data.branch.id,
      hard_delete: true
    })
  })

  it('answers 423 to a mutation while an operation on the branch is running', async () => {
    const { data } = await harness.api.createProjectBranch(harness.projectId, { branch: { name: 'busy' } })
    const busy = await failure(
      harness.api.deleteProjectBranch({ projectId: harness.projectId, branchId: data.branch.id })
    )
    expect(busy.status).toBe(423)
    expect(busy.message).toBe(
      'project already has running conflicting operations, scheduling of new ones is prohibited'
    )
    await waitForOperations(harness, data.operations)
    const done = await harness.api.deleteProjectBranch({
      projectId: harness.projectId,
      branchId: data.branch.id,
      hard_delete: true
    })
    expect(done.status).toBe(200)
  })

  it('lists operations newest first and reads one', async () => {
    const { data } = await harness.api.listProjectOperations({ projectId: harness.projectId, limit: 3 })
    expect(data.operations).toHaveLength(3)
    expect(data.pagination?.cursor).toBeDefined()
    const one = await harness.api.getProjectOperation(harness.projectId, data.operations[0].id)
    expect(one.data.operation.id).toBe(data.operations[0].id)
  })
})

describe('endpoints, databases and roles', () => {
  it('creates a role that can log in and reveals its password', async () => {
    const branchId = harness.emulator.info.branchId
    const { data, status } = await harness.api.createProjectBranchRole(harness.projectId, branchId, {
      role: { name: 'app user' }
    })
    expect(status).toBe(201)
    expect(data.role.password).toMatch(/^npg_/)
    await waitForOperations(harness, data.operations)
    const revealed = await harness.api.getProjectBranchRolePassword(harness.projectId, branchId, 'app user')
    expect(revealed.data.password).toBe(data.role.password)
    const roles = await harness.api.listProjectBranchRoles(harness.projectId, branchId)
    expect(roles.data.roles.map((role) => role.name)).toEqual(['neondb_owner', 'app user'])

    const database = await harness.api.createProjectBranchDatabase(harness.projectId, branchId, {
      database: { name: 'appdb', owner_name: 'app user' }
    })
    await waitForOperations(harness, database.data.operations)
    const { data: uri } = await harness.api.getConnectionUri({
      projectId: harness.projectId,
      database_name: 'appdb',
      role_name: 'app user'
    })
    const [row] = await query<{ user: string; db: string }>(
      uri.uri,
      'SELECT current_user AS user, current_database() AS db'
    )
    expect(row).toEqual({ user: 'app user', db: 'appdb' })
    expect(
      (await failure(harness.api.getProjectBranchRolePassword(harness.projectId, branchId, 'nobody-here'))).status
    ).toBe(404)
  })

  it('creates and deletes an endpoint on a branch without one', async () => {
    const branch = await harness.api.createProjectBranch(harness.projectId, { branch: { name: 'no-endpoint' } })
    await waitForOperations(harness, branch.data.operations)
    expect(branch.data.endpoints).toEqual([])
    expect(branch.data.connection_uris).toBeUndefined()
    const created = await harness.api.createProjectEndpoint(harness.projectId, {
      endpoint: { branch_id: branch.data.branch.id, type: EndpointType.ReadWrite }
    })
    expect(created.status).toBe(201)
    await waitForOperations(harness, created.data.operations)
    const listed = await harness.api.listProjectBranchEndpoints(harness.projectId, branch.data.branch.id)
    expect(listed.data.endpoints.map((endpoint) => endpoint.id)).toEqual([created.data.endpoint.id])
    const all = await harness.api.listProjectEndpoints(harness.projectId)
    expect(all.data.endpoints.map((endpoint) => endpoint.id)).toContain(created.data.endpoint.id)
    const removed = await harness.api.deleteProjectEndpoint(harness.projectId, created.data.endpoint.id)
    expect(removed.status).toBe(200)
    await waitForOperations(harness, removed.data.operations)
    await harness.api.deleteProjectBranch({
      projectId: harness.projectId,
      branchId: branch.data.branch.id,
      hard_delete: true
    })
  })
})

describe('expiry and the clock', () => {
  it('checks expires_at and deletes an expired branch once the clock passes it', async () => {
    const tooFar = new Date(Date.now() + 31 * 86400_000).toISOString()
    expect(
      (
        await failure(
          harness.api.createProjectBranch(harness.projectId, { branch: { name: 'far', expires_at: tooFar } })
        )
      ).status
    ).toBe(400)
    const past = new Date(Date.now() - 1000).toISOString()
    expect(
      (
        await failure(
          harness.api.createProjectBranch(harness.projectId, { branch: { name: 'past', expires_at: past } })
        )
      ).status
    ).toBe(400)

    const expiresAt = new Date(Date.now() + 3600_000).toISOString().replace(/\.\d+Z$/, 'Z')
    const { data } = await harness.api.createProjectBranch(harness.projectId, {
      branch: { name: 'ephemeral', expires_at: expiresAt }
    })
    expect(data.branch.expires_at).toBe(expiresAt)
    expect(data.branch.ttl_interval_seconds).toBeGreaterThan(3500)
    await waitForOperations(harness, data.operations)

    harness.emulator.setClockOffset(2 * 3600_000)
    try {
      const deadline = Date.now() + 5000
      while (
        (await harness.api.listProjectBranches({ projectId: harness.projectId, search: 'ephemeral' })).data.branches
          .length
      ) {
        // A soft delete where Branch Recovery is on (api-recovery.test.ts covers what remains of it).
        if (Date.now() > deadline) throw new Error('the expired branch was not deleted')
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
      // Created-at stamps follow the moved clock.
      const later = await harness.api.createProjectBranch(harness.projectId, { branch: { name: 'later' } })
      expect(Date.parse(later.data.branch.created_at)).toBeGreaterThan(Date.now() + 3600_000)
      await waitForOperations(harness, later.data.operations)
      await harness.api.deleteProjectBranch({
        projectId: harness.projectId,
        branchId: later.data.branch.id,
        hard_delete: true
      })
    } finally {
      harness.emulator.setClockOffset(0)
    }
  })

  it('moves the clock through the admin route too, and that route needs the API key', async () => {
    const url = `${harness.emulator.info.apiHost}/_emulator/clock`
    expect((await fetch(url, { method: 'POST', body: '{"offset_ms":1}' })).status).toBe(401)
    const headers = { Authorization: `Bearer ${harness.emulator.info.apiKey}`, 'Content-Type': 'application/json' }
    const moved = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ offset_ms: 86400_000 }) })
    expect(moved.status).toBe(200)
    const body = (await moved.json()) as { offset_ms: number; now: string }
    expect(body.offset_ms).toBe(86400_000)
    expect(Date.parse(body.now)).toBeGreaterThan(Date.now() + 86000_000)
    // A day later, a timestamp from just before the test began is still inside the 7-day window.
    const { data } = await harness.api.createProjectBranch(harness.projectId, {
      branch: { name: 'day-later', parent_timestamp: timeOne }
    })
    await waitForOperations(harness, data.operations)
    await fetch(url, { method: 'POST', headers, body: JSON.stringify({ offset_ms: 8 * 86400_000 }) })
    const outside = await failure(
      harness.api.createProjectBranch(harness.projectId, { branch: { name: 'week-later', parent_timestamp: timeOne } })
    )
    expect(outside.status).toBe(400)
    await fetch(url, { method: 'POST', headers, body: JSON.stringify({ offset_ms: 0 }) })
    await harness.api.deleteProjectBranch({ projectId: harness.projectId, branchId: data.branch.id, hard_delete: true })
  })
})

describe('request log', () => {
  it('records every request, marking mutating calls, in memory and in requests.jsonl', async () => {
    const log = harness.emulator.requestLog()
    expect(log.length).toBeGreaterThan(20)
    expect(log.some((entry) => entry.method === 'POST' && entry.mutating)).toBe(true)
    expect(log.filter((entry) => entry.method === 'GET').every((entry) => !entry.mutating)).toBe(true)
    expect(log.find((entry) => entry.path.endsWith('/_emulator/clock'))?.mutating).toBe(false)
    // The query string is kept apart from the path, so path comparisons stay exact.
    const search = log.find((entry) => entry.query?.includes('search=AT-TIME'))
    expect(search?.path).toBe(`/api/v2/projects/${harness.projectId}/branches`)
    expect(log.filter((entry) => entry.path.includes('?'))).toEqual([])
    const lines = readFileSync(path.join(harness.emulator.stateDir, 'requests.jsonl'), 'utf8').trim().split('\n')
    expect(lines.map((line) => JSON.parse(line))).toEqual(harness.emulator.requestLog())
  })
})

describe('branch limit', () => {
  it('answers 422 BRANCHES_LIMIT_EXCEEDED past the limit', async () => {
    const small = await startHarness({ branchLimit: 2 })
    try {
      const { data } = await small.api.createProjectBranch(small.projectId, { branch: { name: 'second' } })
      await waitForOperations(small, data.operations)
      const over = await failure(small.api.createProjectBranch(small.projectId, { branch: { name: 'third' } }))
      expect(over.status).toBe(422)
      expect(over.code).toBe('BRANCHES_LIMIT_EXCEEDED')
      expect(small.emulator.violations()).toEqual([])
    } finally {
      await small.emulator.stop()
    }
  })
})
