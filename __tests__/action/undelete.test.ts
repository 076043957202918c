/**
 * operation: undelete, run from dist/index.js as the runner does: a prune deletes a branch by mistake (softly,
 * as Neon deletes by default where Branch Recovery is on) and prints the step that undoes it; undelete brings
 * the branch back. Judged from the emulator's branch list (with and without `include_deleted`) and from the
 * rows read through the branch's own endpoint, with the connection string it had before the deletion.
 */
import { ActionHarness, leaks, mutating, query, sleep } from './helpers.js'

const DAY = 86_400_000

describe('in a project with branch recovery', () => {
  let harness: ActionHarness
  let snapshot: { id: string; uri: string }

  beforeAll(async () => {
    harness = await ActionHarness.start()
    snapshot = await harness.createBranch('shop-snapshot-1')
    await query(snapshot.uri, 'CREATE TABLE items (id int PRIMARY KEY)')
    await query(snapshot.uri, 'INSERT INTO items SELECT generate_series(1, 3)')
  })
  afterAll(() => harness?.stop())

  const live = async () => (await harness.branches()).map((branch) => branch.id)
  const deleted = async () =>
    (await harness.branches({ includeDeleted: true })).filter((branch) => branch.recovery).map((branch) => branch.id)

  it('a prune deletes softly and prints the undelete step', async () => {
    await sleep(1100)
    const { main } = await harness.run({ operation: 'prune', match: 'shop-snapshot-*', 'older-than': '1s' })
    expect(main.errors).toEqual([])
    expect(main.outputs.deleted).toBe('1')
    expect(await live()).not.toContain(snapshot.id)
    expect(await deleted()).toEqual([snapshot.id])
    expect(main.summary).toContain('To undo this prune')
    expect(main.summary).toContain('operation: undelete')
    expect(main.summary).toContain(`branch: ${snapshot.id} # shop-snapshot-1`)
  })

  it('a dry run says what it would bring back and changes nothing', async () => {
    const { main, requests } = await harness.run({
      operation: 'undelete',
      branch: 'shop-snapshot-1',
      'dry-run': 'true'
    })
    expect(main.errors).toEqual([])
    expect(mutating(requests)).toEqual([])
    expect(main.summary).toContain(`would bring back shop-snapshot-1 (${snapshot.id})`)
    expect(await deleted()).toEqual([snapshot.id])
  })

  it('brings the branch back by name, with its endpoint, its data and its connection string', async () => {
    const { main, requests } = await harness.run({ operation: 'undelete', branch: 'shop-snapshot-1' })
    expect(main.errors).toEqual([])
    expect(main.exitCode).toBe(0)
    expect(mutating(requests)).toEqual([`POST /api/v2/projects/${harness.projectId}/branches/${snapshot.id}/recover`])
    expect(main.outputs['branch-id']).toBe(snapshot.id)
    expect(main.outputs['branch-name']).toBe('shop-snapshot-1')
    expect(await live()).toContain(snapshot.id)
    expect(await deleted()).toEqual([])
    expect(await query(snapshot.uri, 'SELECT id FROM items ORDER BY id')).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }])
    expect(await query(main.outputs['connection-uri'], 'SELECT count(*)::int AS n FROM items')).toEqual([{ n: 3 }])
    expect(main.summary).toContain('Recovered shop-snapshot-1')
  })

  it('refuses a branch that is not deleted, before changing anything', async () => {
    const { main, requests } = await harness.run({ operation: 'undelete', branch: 'shop-snapshot-1' })
    expect(main.exitCode).toBe(1)
    expect(main.errors).toEqual([
      expect.stringMatching(/^branch: "shop-snapshot-1" is not deleted \(it is the live branch/)
    ])
    expect(mutating(requests)).toEqual([])
  })

  it('says a branch deleted more than 7 days ago is gone for good', async () => {
    const old = await harness.createBranch('old-feature')
    await harness.api.deleteProjectBranch({ projectId: harness.projectId, branchId: old.id })
    harness.emulator.setClockOffset(8 * DAY)
    await sleep(1500) // the emulator's sweep (every second) removes what is past its recovery window
    const { main, requests } = await harness.run({ operation: 'undelete', branch: 'old-feature' })
    expect(main.exitCode).toBe(1)
    expect(main.errors).toEqual([
      expect.stringMatching(/^branch: no deleted branch named or with id "old-feature" can be recovered .* 7 days/)
    ])
    expect(mutating(requests)).toEqual([])
  })

  it('never shows a secret outside a mask command', async () => {
    expect(leaks(harness.steps, await harness.secrets())).toEqual([])
  })
})

describe('in a project without branch recovery', () => {
  let harness: ActionHarness
  beforeAll(async () => {
    harness = await ActionHarness.start({ branchRecovery: false })
  })
  afterAll(() => harness?.stop())

  it('says that branch recovery is a preview not enabled for the project', async () => {
    const { main, requests } = await harness.run({ operation: 'undelete', branch: 'feature' })
    expect(main.exitCode).toBe(1)
    expect(main.errors).toEqual([
      expect.stringMatching(
        /^operation: undelete needs Neon's branch recovery, a preview that is not enabled for project/
      )
    ])
    expect(mutating(requests)).toEqual([])
  })

  it('a prune says its deletions are final, and prints no undelete step', async () => {
    const { id } = await harness.createBranch('tmp-1')
    await sleep(1100)
    const { main } = await harness.run({ operation: 'prune', match: 'tmp-*', 'older-than': '1s' })
    expect(main.errors).toEqual([])
    expect((await harness.branches()).map((branch) => branch.id)).not.toContain(id)
    expect(main.summary).toContain(
      'Branch recovery (a Neon preview) is not enabled for this project, so undelete cannot bring these branches back.'
    )
    expect(main.summary).not.toContain('operation: undelete')
  })
})
