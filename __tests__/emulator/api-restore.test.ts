/**
 * Restore and snapshots through the emulator's API, checked on the data itself: a restore keeps the branch id
 * and connection string and keeps the old state under `preserve_under_name`; a snapshot restore makes a new
 * branch that, once finalized, answers on the target's connection string.
 */
import pg from 'pg'
import { currentLsn, failure, query, startHarness, waitForOperations, type Harness } from './api-helpers.js'

let harness: Harness
let mainId: string
let mainUri: string
let lsnOne: string

const ids = async (uri: string): Promise<number[]> =>
  (await query<{ id: number }>(uri, 'SELECT id FROM items ORDER BY id')).map((row) => row.id)

beforeAll(async () => {
  harness = await startHarness()
  mainId = harness.emulator.info.branchId
  mainUri = harness.emulator.info.connectionUri
  await query(mainUri, 'CREATE TABLE items (id int PRIMARY KEY)')
  await query(mainUri, 'INSERT INTO items VALUES (1)')
  lsnOne = await currentLsn(mainUri)
  await query(mainUri, 'INSERT INTO items VALUES (2)')
})

afterAll(async () => {
  await harness?.emulator.stop()
})

afterEach(() => {
  expect(harness.emulator.violations()).toEqual([])
})

/** A connection URI for a branch, giving it an endpoint first when it has none. */
async function uriOf(branchId: string): Promise<string> {
  let [endpoint] = (await harness.api.listProjectBranchEndpoints(harness.projectId, branchId)).data.endpoints
  if (!endpoint) {
    const created = await harness.api.createProjectEndpoint(harness.projectId, {
      endpoint: { branch_id: branchId, type: 'read_write' as never }
    })
    await waitForOperations(harness, created.data.operations)
    endpoint = created.data.endpoint
  }
  const { data } = await harness.api.getConnectionUri({
    projectId: harness.projectId,
    branch_id: branchId,
    endpoint_id: endpoint.id,
    database_name: 'neondb',
    role_name: 'neondb_owner'
  })
  return data.uri
}

describe('branch restore', () => {
  it('requires preserve_under_name to restore a branch to its own history', async () => {
    const refused = await failure(
      harness.api.restoreProjectBranch(harness.projectId, mainId, { source_branch_id: mainId, source_lsn: lsnOne })
    )
    expect(refused.status).toBe(400)
    expect(refused.message).toMatch(/preserve_under_name/)
    const noPoint = await failure(
      harness.api.restoreProjectBranch(harness.projectId, mainId, {
        source_branch_id: mainId,
        preserve_under_name: 'x'
      })
    )
    expect(noPoint.status).toBe(400)
  })

  it('restores in place: same id and connection string, open sessions cut, old state kept as a parent', async () => {
    const session = new pg.Client({ connectionString: mainUri })
    session.on('error', () => undefined)
    await session.connect()
    expect((await session.query('SELECT count(*)::int AS n FROM items')).rows[0].n).toBe(2)

    const { data } = await harness.api.restoreProjectBranch(harness.projectId, mainId, {
      source_branch_id: mainId,
      source_lsn: lsnOne,
      preserve_under_name: 'main_old'
    })
    expect(data.branch.id).toBe(mainId)
    expect(data.branch.name).toBe('main')
    await waitForOperations(harness, data.operations)

    await expect(session.query('SELECT 1')).rejects.toThrow()
    await session.end().catch(() => undefined)

    expect(await ids(mainUri)).toEqual([1])
    const { data: after } = await harness.api.getProjectBranch(harness.projectId, mainId)
    expect(after.branch.default).toBe(true)
    expect(after.branch.last_reset_at).toBeDefined()
    const backups = (await harness.api.listProjectBranches({ projectId: harness.projectId, search: 'main_old' })).data
      .branches
    expect(backups).toHaveLength(1)
    expect(after.branch.parent_id).toBe(backups[0].id)
    expect(await ids(await uriOf(backups[0].id))).toEqual([1, 2])

    // The backup is now the restored branch's parent, so it cannot be deleted.
    const refused = await failure(
      harness.api.deleteProjectBranch({ projectId: harness.projectId, branchId: backups[0].id })
    )
    expect(refused.status).toBe(400)
  })

  it('restores from another branch, moving children to the preserved branch', async () => {
    const feature = await harness.api.createProjectBranch(harness.projectId, {
      branch: { name: 'feature' },
      endpoints: [{ type: 'read_write' as never }]
    })
    await waitForOperations(harness, feature.data.operations)
    await query(feature.data.connection_uris![0].connection_uri, 'INSERT INTO items VALUES (99)')
    const featureId = feature.data.branch.id

    const refused = await failure(
      harness.api.restoreProjectBranch(harness.projectId, mainId, { source_branch_id: featureId })
    )
    expect(refused.status).toBe(400)
    expect(refused.message).toMatch(/children/)

    const { data } = await harness.api.restoreProjectBranch(harness.projectId, mainId, {
      source_branch_id: featureId,
      preserve_under_name: 'main_before_feature'
    })
    await waitForOperations(harness, data.operations)
    expect(data.branch.parent_id).toBe(featureId)
    expect(await ids(mainUri)).toEqual([1, 99])
    const moved = await harness.api.getProjectBranch(harness.projectId, featureId)
    const backup = (
      await harness.api.listProjectBranches({ projectId: harness.projectId, search: 'main_before_feature' })
    ).data.branches[0]
    expect(moved.data.branch.parent_id).toBe(backup.id)
  })
})

describe('snapshots', () => {
  let snapshotId: string

  it('takes a snapshot and lists it', async () => {
    const { data, status } = await harness.api.createSnapshot({
      projectId: harness.projectId,
      branchId: mainId,
      name: 'before-change'
    })
    expect(status).toBe(200)
    expect(data.snapshot.id).toMatch(/^snap-[a-z]+-[a-z]+-[0-9a-f]{8}$/)
    expect(data.snapshot.source_branch_id).toBe(mainId)
    expect(data.snapshot.lsn).toMatch(/\//)
    snapshotId = data.snapshot.id
    await waitForOperations(harness, data.operations)
    await query(mainUri, 'INSERT INTO items VALUES (500)')
    const listed = await harness.api.listSnapshots(harness.projectId)
    expect(listed.data.snapshots.map((snapshot) => snapshot.name)).toContain('before-change')
  })

  it('restores a snapshot to a new branch to preview, then finalizes it onto the target connection string', async () => {
    const { data } = await harness.api.restoreSnapshot(
      { projectId: harness.projectId, snapshotId },
      { name: 'preview' }
    )
    expect(data.branch.name).toBe('preview')
    expect(data.branch.restored_from).toBe(snapshotId)
    expect(data.branch.restore_status).toBe('restored')
    await waitForOperations(harness, data.operations)
    const previewUri = await uriOf(data.branch.id)
    expect(previewUri).not.toBe(mainUri)
    expect(await ids(previewUri)).toEqual([1, 99])
    expect(await ids(mainUri)).toEqual([1, 99, 500])

    const finalized = await harness.api.finalizeRestoreBranch(harness.projectId, data.branch.id, {
      name: 'main_replaced'
    })
    await waitForOperations(harness, finalized.data.operations)
    expect(await ids(mainUri)).toEqual([1, 99])
    const restored = await harness.api.getProjectBranch(harness.projectId, data.branch.id)
    expect(restored.data.branch.name).toBe('main')
    expect(restored.data.branch.default).toBe(true)
    expect(restored.data.branch.restore_status).toBe('finalized')
    const old = await harness.api.getProjectBranch(harness.projectId, mainId)
    expect(old.data.branch.name).toBe('main_replaced')
    expect(old.data.branch.default).toBe(false)
    mainId = data.branch.id
  })

  it('restores and finalizes in one call with target_branch_id', async () => {
    await query(mainUri, 'INSERT INTO items VALUES (600)')
    const { data } = await harness.api.restoreSnapshot(
      { projectId: harness.projectId, snapshotId },
      { target_branch_id: mainId, finalize_restore: true }
    )
    await waitForOperations(harness, data.operations)
    expect(data.branch.name).toBe('main')
    expect(data.branch.restored_as).toBe(mainId)
    expect(data.endpoints?.map((endpoint) => endpoint.id)).toHaveLength(1)
    expect(await ids(mainUri)).toEqual([1, 99])
    const { data: connection } = await harness.api.getConnectionUri({
      projectId: harness.projectId,
      database_name: 'neondb',
      role_name: 'neondb_owner'
    })
    expect(connection.uri).toBe(mainUri)
  })

  it('deletes a snapshot', async () => {
    const deleted = await harness.api.deleteSnapshot(harness.projectId, snapshotId)
    expect(deleted.status).toBe(202)
    expect((await harness.api.listSnapshots(harness.projectId)).data.snapshots).toEqual([])
    expect((await failure(harness.api.restoreSnapshot({ projectId: harness.projectId, snapshotId }, {}))).status).toBe(
      404
    )
  })

  it('refuses a snapshot at a point outside the history', async () => {
    const refused = await failure(
      harness.api.createSnapshot({ projectId: harness.projectId, branchId: mainId, timestamp: '2001-01-01T00:00:00Z' })
    )
    expect(refused.status).toBe(400)
  })
})
