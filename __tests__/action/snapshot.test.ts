/** operation: snapshot, run from dist/index.js as the runner does, checked against the data in Postgres. */
import {
  ActionHarness,
  currentLsn,
  expectMasked,
  ids,
  leaks,
  LSN_FORMAT,
  mutating,
  query,
  sleep,
  TIME_FORMAT
} from './helpers.js'

let harness: ActionHarness
let source: { id: string; uri: string }
/** Points in the history of `source`: rows 1-3 exist at each, rows 4-6 only after. */
let lsnAfterThree: string
let timeAfterThree: string

beforeAll(async () => {
  harness = await ActionHarness.start()
  source = await harness.createBranch('app')
  await query(source.uri, 'CREATE TABLE items (id int PRIMARY KEY)')
  await query(source.uri, 'INSERT INTO items SELECT generate_series(1, 3)')
  lsnAfterThree = await currentLsn(source.uri)
  await sleep(30)
  timeAfterThree = new Date().toISOString()
  await sleep(30)
  await query(source.uri, 'INSERT INTO items SELECT generate_series(4, 6)')
})

afterAll(() => harness?.stop())

describe('snapshot', () => {
  it('at head holds every row, with outputs in the documented formats and a masked connection URI', async () => {
    const { main, post, requests } = await harness.run({ branch: 'app', name: 'app-head-{run_id}' })
    expect(main.errors).toEqual([])
    expect(main.exitCode).toBe(0)
    expect(post.exitCode).toBe(0)

    const { outputs } = main
    expect(outputs['branch-name']).toMatch(/^app-head-\d+$/)
    expect(outputs['branch-id']).toMatch(/^br-/)
    expect(outputs.lsn).toMatch(LSN_FORMAT)
    expect(outputs.timestamp).toMatch(TIME_FORMAT)
    expect(await ids(outputs['connection-uri'], 'items')).toEqual([1, 2, 3, 4, 5, 6])

    const uri = outputs['connection-uri']
    expectMasked(main.log, uri)
    expect(main.summary).not.toContain(uri)
    const { branch } = await harness.branch(outputs['branch-id'])
    expect(branch.name).toBe(outputs['branch-name'])
    expect(branch.parent_id).toBe(source.id)
    expect(mutating(requests)).toEqual([`POST /api/v2/projects/${harness.projectId}/branches`])
  })

  it('at an LSN holds exactly the rows written before it', async () => {
    const { main } = await harness.run({ branch: 'app', at: lsnAfterThree.toLowerCase(), name: 'app-lsn-{run_id}' })
    expect(main.errors).toEqual([])
    expect(await ids(main.outputs['connection-uri'], 'items')).toEqual([1, 2, 3])
    expect(main.outputs.lsn).toMatch(LSN_FORMAT)
    // Neon rounds a branch point up to 8 bytes; the output is the point the branch really has.
    const { branch } = await harness.branch(main.outputs['branch-id'])
    expect(main.outputs.lsn).toBe(branch.parent_lsn)
    expect(main.summary).toContain(main.outputs.lsn)
  })

  it('at a timestamp holds exactly the rows committed before it', async () => {
    const { main } = await harness.run({ branch: 'app', at: timeAfterThree, name: 'app-time-{run_id}' })
    expect(main.errors).toEqual([])
    expect(await ids(main.outputs['connection-uri'], 'items')).toEqual([1, 2, 3])
    expect(main.outputs.timestamp).toMatch(TIME_FORMAT)
    expect(main.outputs.lsn).toMatch(LSN_FORMAT)
  })

  it('at a relative time ("ago") resolves against now', async () => {
    const { main } = await harness.run({ branch: 'app', at: '1s ago', name: 'app-ago-{run_id}' })
    expect(main.errors).toEqual([])
    // One second ago is after every write of beforeAll only if it ran more than a second ago; either way the
    // branch holds a prefix of the history.
    expect([3, 6]).toContain((await ids(main.outputs['connection-uri'], 'items')).length)
  })

  it('run twice in the same workflow run makes one branch, and the second run says it reused it', async () => {
    const job = harness.job('777')
    const first = await harness.run({ branch: 'app' }, job)
    const second = await harness.run({ branch: 'app' }, job)
    expect(first.main.exitCode).toBe(0)
    expect(second.main.exitCode).toBe(0)
    expect(second.main.outputs['branch-id']).toBe(first.main.outputs['branch-id'])
    expect(first.main.outputs['branch-name']).toBe('app-snapshot-777')
    expect(mutating(second.requests)).toEqual([])
    expect(second.main.summary).toContain('Reused')
    const named = (await harness.branches()).filter((branch) => branch.name === 'app-snapshot-777')
    expect(named).toHaveLength(1)

    // Another workflow run must not take that branch for its own.
    const other = await harness.run({ branch: 'app', name: 'app-snapshot-777' }, harness.job('778'))
    expect(other.main.exitCode).toBe(1)
    expect(other.main.errors.join('\n')).toMatch(/^name: .*not made by this workflow run/)
    expect(mutating(other.requests)).toEqual([])
  })

  it('renders every placeholder of the name template', async () => {
    const { main } = await harness.run(
      { branch: 'app', name: '{branch}-{operation}-{run_id}-{run_attempt}-{sha}-{timestamp}' },
      harness.job('9001')
    )
    expect(main.errors).toEqual([])
    expect(main.outputs['branch-name']).toMatch(/^app-snapshot-9001-1-c0ffee1-\d{8}T\d{6}Z$/)
  })

  it('applies expires-in and protected', async () => {
    const started = Date.now()
    const expiring = await harness.run({ branch: 'app', name: 'app-expiring-{run_id}', 'expires-in': '2h' })
    expect(expiring.main.errors).toEqual([])
    const { branch } = await harness.branch(expiring.main.outputs['branch-id'])
    const expiresIn = Date.parse(branch.expires_at!) - started
    expect(expiresIn).toBeGreaterThan(2 * 3600_000 - 60_000)
    expect(expiresIn).toBeLessThan(2 * 3600_000 + 60_000)
    expect(branch.protected).toBe(false)

    const guarded = await harness.run({ branch: 'app', name: 'app-protected-{run_id}', protected: 'true' })
    expect(guarded.main.errors).toEqual([])
    const protectedBranch = (await harness.branch(guarded.main.outputs['branch-id'])).branch
    expect(protectedBranch.protected).toBe(true)
    expect(protectedBranch.expires_at).toBeUndefined()
    expect(await ids(guarded.main.outputs['connection-uri'], 'items')).toEqual([1, 2, 3, 4, 5, 6])
  })

  it('kind: snapshot makes a Neon snapshot at the point, with its expiry', async () => {
    const { main, requests } = await harness.run({
      branch: 'app',
      kind: 'snapshot',
      at: lsnAfterThree,
      name: 'app-neon-{run_id}',
      'expires-in': '1d'
    })
    expect(main.errors).toEqual([])
    expect(main.exitCode).toBe(0)
    expect(main.outputs['snapshot-id']).toBeTruthy()
    expect(main.outputs.lsn).toMatch(LSN_FORMAT)
    expect(main.outputs.timestamp).toMatch(TIME_FORMAT)
    expect(main.outputs['connection-uri']).toBeUndefined()
    expect(mutating(requests)).toEqual([`POST /api/v2/projects/${harness.projectId}/branches/${source.id}/snapshot`])

    const { data } = await harness.api.listSnapshots(harness.projectId)
    const snapshot = data.snapshots.find((candidate) => candidate.id === main.outputs['snapshot-id'])!
    expect(snapshot.name).toMatch(/^app-neon-\d+$/)
    expect(Date.parse(snapshot.expires_at!) - Date.now()).toBeGreaterThan(23 * 3600_000)

    // The snapshot holds the rows of its point: restore it into a preview branch and look.
    const restored = await harness.api.restoreSnapshot(
      { projectId: harness.projectId, snapshotId: snapshot.id },
      { name: 'app-neon-preview' }
    )
    await harness.waitForOperations(restored.data.operations.map((operation) => operation.id))
    expect(await ids(await harness.connectionUri(restored.data.branch.id), 'items')).toEqual([1, 2, 3])
  })

  it('kind: snapshot run twice in the same workflow run makes one snapshot', async () => {
    const job = harness.job('4711')
    const first = await harness.run({ branch: 'app', kind: 'snapshot' }, job)
    const second = await harness.run({ branch: 'app', kind: 'snapshot' }, job)
    expect(second.main.errors).toEqual([])
    expect(second.main.outputs['snapshot-id']).toBe(first.main.outputs['snapshot-id'])
    expect(mutating(second.requests)).toEqual([])
    const { data } = await harness.api.listSnapshots(harness.projectId)
    expect(data.snapshots.filter((snapshot) => snapshot.name === 'app-snapshot-4711')).toHaveLength(1)
  })

  it('dry-run changes nothing', async () => {
    const { main, requests } = await harness.run({ branch: 'app', name: 'app-dry-{run_id}', 'dry-run': 'true' })
    expect(main.exitCode).toBe(0)
    expect(mutating(requests)).toEqual([])
    expect(main.summary).toContain('Dry run')
    expect((await harness.branches()).some((branch) => branch.name.startsWith('app-dry-'))).toBe(false)
  })

  it('writes no API key or password anywhere but in ::add-mask:: commands', async () => {
    expect(harness.steps.length).toBeGreaterThan(5)
    expect(leaks(harness.steps, await harness.secrets())).toEqual([])
  })
})
