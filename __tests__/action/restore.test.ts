/** operation: restore, run from dist/index.js as the runner does, checked against the data in Postgres. */
import { ActionHarness, currentLsn, ids, leaks, LSN_FORMAT, mutating, query, TIME_FORMAT } from './helpers.js'

let harness: ActionHarness

beforeAll(async () => {
  harness = await ActionHarness.start()
})

afterAll(() => harness?.stop())

/** A branch with rows 1-3 written before `lsn` and rows 4-6 after. */
async function branchWithHistory(name: string, parentId?: string) {
  const branch = await harness.createBranch(name, parentId)
  await query(branch.uri, 'CREATE TABLE items (id int PRIMARY KEY)')
  await query(branch.uri, 'INSERT INTO items SELECT generate_series(1, 3)')
  const lsn = await currentLsn(branch.uri)
  await query(branch.uri, 'INSERT INTO items SELECT generate_series(4, 6)')
  return { ...branch, lsn }
}

describe('restore', () => {
  it('from ^self@<lsn>: the branch holds the old rows, the backup the new ones; id and connection string stay', async () => {
    const shop = await branchWithHistory('shop')
    const { main, post, requests } = await harness.run({
      operation: 'restore',
      branch: 'shop',
      source: `^self@${shop.lsn}`
    })
    expect(main.errors).toEqual([])
    expect(main.exitCode).toBe(0)
    expect(post.exitCode).toBe(0)

    expect(main.outputs['branch-id']).toBe(shop.id)
    expect(await harness.connectionUri(shop.id)).toBe(shop.uri)
    expect(await ids(shop.uri, 'items')).toEqual([1, 2, 3])
    expect(main.outputs['backup-branch-name']).toMatch(/^shop_old_\d{8}T\d{6}Z$/)
    const backup = await harness.connectionUri(main.outputs['backup-branch-id'])
    expect(await ids(backup, 'items')).toEqual([1, 2, 3, 4, 5, 6])
    expect((await harness.branch(main.outputs['backup-branch-id'])).branch.name).toBe(
      main.outputs['backup-branch-name']
    )
    expect(main.outputs.lsn).toMatch(LSN_FORMAT)
    expect(main.outputs.timestamp).toMatch(TIME_FORMAT)
    expect(mutating(requests)).toEqual([`POST /api/v2/projects/${harness.projectId}/branches/${shop.id}/restore`])

    // The summary shows the step that undoes it; running that step brings the new rows back.
    expect(main.summary).toContain('To undo this restore')
    expect(main.summary).toContain(`source: ${main.outputs['backup-branch-name']}`)
    expect(main.summary).not.toContain('confirm:')
    // Beside the tables, the lineage picture as the emulator holds it: the restored branch's parent, at its
    // start LSN, made the restored branch.
    const restored = (await harness.branch(shop.id)).branch
    const parent = (await harness.branch(restored.parent_id!)).branch
    expect(main.summary).toContain(
      `\n\`\`\`mermaid\nflowchart TD\n  n0("backup ${parent.name}<br/>(${parent.id})")\n` +
        `  n1["restored shop<br/>(${restored.id})"]\n  n0 -->|"at LSN ${restored.parent_lsn}"| n1\n\`\`\`\n`
    )
    const undo = await harness.run({
      operation: 'restore',
      branch: 'shop',
      source: main.outputs['backup-branch-name'],
      name: 'shop-undo-{run_id}'
    })
    expect(undo.main.errors).toEqual([])
    expect(await ids(shop.uri, 'items')).toEqual([1, 2, 3, 4, 5, 6])
  })

  it('from another branch, at its head and at a point', async () => {
    const target = await branchWithHistory('target')
    const other = await harness.createBranch('other', target.id)
    await query(other.uri, 'INSERT INTO items VALUES (7)')
    const lsn = await currentLsn(other.uri)
    await query(other.uri, 'INSERT INTO items VALUES (8)')

    const atHead = await harness.run({ operation: 'restore', branch: 'target', source: 'other', name: 'target-a' })
    expect(atHead.main.errors).toEqual([])
    expect(atHead.main.outputs['branch-id']).toBe(target.id)
    expect(await ids(target.uri, 'items')).toEqual([1, 2, 3, 4, 5, 6, 7, 8])
    expect(await ids(await harness.connectionUri(atHead.main.outputs['backup-branch-id']), 'items')).toEqual([
      1, 2, 3, 4, 5, 6
    ])

    const atPoint = await harness.run({
      operation: 'restore',
      branch: target.id,
      source: `other@${lsn}`,
      name: 'target-b'
    })
    expect(atPoint.main.errors).toEqual([])
    expect(await ids(target.uri, 'items')).toEqual([1, 2, 3, 4, 5, 6, 7])
    expect(await ids(await harness.connectionUri(atPoint.main.outputs['backup-branch-id']), 'items')).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8
    ])
    expect(await harness.connectionUri(target.id)).toBe(target.uri)
  })

  it('from ^parent and ^parent@<point>', async () => {
    const parent = await branchWithHistory('parent')
    const child = await harness.createBranch('child', parent.id)
    await query(child.uri, 'DELETE FROM items')

    const head = await harness.run({ operation: 'restore', branch: 'child', source: '^parent', name: 'child-a' })
    expect(head.main.errors).toEqual([])
    expect(await ids(child.uri, 'items')).toEqual([1, 2, 3, 4, 5, 6])
    expect(await ids(await harness.connectionUri(head.main.outputs['backup-branch-id']), 'items')).toEqual([])

    const point = await harness.run({
      operation: 'restore',
      branch: 'child',
      source: `^parent@${parent.lsn}`,
      name: 'child-b'
    })
    expect(point.main.errors).toEqual([])
    expect(point.main.outputs['branch-id']).toBe(child.id)
    expect(await ids(child.uri, 'items')).toEqual([1, 2, 3])
  })

  it('from snapshot:<name>: a new branch id under the same name and connection string; the old branch is the backup', async () => {
    const snapped = await harness.createBranch('snapped')
    await query(snapped.uri, 'CREATE TABLE items (id int PRIMARY KEY)')
    await query(snapped.uri, 'INSERT INTO items SELECT generate_series(1, 3)')
    const snapshot = await harness.run({ branch: 'snapped', kind: 'snapshot', name: 'before-migration' })
    expect(snapshot.main.errors).toEqual([])
    await query(snapped.uri, 'INSERT INTO items SELECT generate_series(4, 6)')

    const { main, post } = await harness.run({
      operation: 'restore',
      branch: 'snapped',
      source: 'snapshot:before-migration'
    })
    expect(main.errors).toEqual([])
    expect(main.exitCode).toBe(0)
    expect(post.exitCode).toBe(0)
    const newId = main.outputs['branch-id']
    expect(newId).not.toBe(snapped.id)
    expect((await harness.branch(newId)).branch.name).toBe('snapped')
    expect(await harness.connectionUri(newId)).toBe(snapped.uri)
    expect(await ids(snapped.uri, 'items')).toEqual([1, 2, 3])

    expect(main.outputs.lsn).toMatch(LSN_FORMAT)
    expect(main.outputs.timestamp).toMatch(TIME_FORMAT)
    expect(main.outputs['backup-branch-id']).toBe(snapped.id)
    expect(main.outputs['backup-branch-name']).toMatch(/^snapped_old_\d{8}T\d{6}Z$/)
    expect((await harness.branch(snapped.id)).branch.name).toBe(main.outputs['backup-branch-name'])
    // The backup has no compute of its own after the swap; connectionUri gives it one to look at its data.
    expect(await ids(await harness.connectionUri(snapped.id), 'items')).toEqual([1, 2, 3, 4, 5, 6])
    expect(main.summary).toContain(`source: ${main.outputs['backup-branch-name']}`)
  })

  describe('the default branch', () => {
    let main: { uri: string; lsn: string }
    const { branchName } = { branchName: 'main' }

    beforeAll(async () => {
      const uri = harness.emulator.info.connectionUri
      await query(uri, 'CREATE TABLE items (id int PRIMARY KEY)')
      await query(uri, 'INSERT INTO items SELECT generate_series(1, 3)')
      const lsn = await currentLsn(uri)
      await query(uri, 'INSERT INTO items SELECT generate_series(4, 6)')
      main = { uri, lsn }
      expect(harness.emulator.info.branchName).toBe(branchName)
    })

    it.each([
      ['without confirm', {}],
      ['with a wrong confirm', { confirm: 'mian' }]
    ])('is refused %s, naming confirm, with no mutating call', async (_, extra) => {
      const step = await harness.run({ operation: 'restore', source: `^self@${main.lsn}`, ...extra })
      expect(step.main.exitCode).toBe(1)
      expect(step.main.errors).toEqual([
        expect.stringMatching(/^confirm: main is the default branch; .*set confirm: main/)
      ])
      expect(mutating(step.requests)).toEqual([])
      expect(step.post.exitCode).toBe(0)
      expect(await ids(main.uri, 'items')).toEqual([1, 2, 3, 4, 5, 6])
    })

    it('dry-run prints the plan and changes nothing', async () => {
      const step = await harness.run({ operation: 'restore', source: `^self@${main.lsn}`, 'dry-run': 'true' })
      expect(step.main.exitCode).toBe(0)
      expect(mutating(step.requests)).toEqual([])
      expect(step.main.log).toContain('Dry run: Restore of main')
      expect(step.main.summary).toContain('Nothing was changed')
      expect(step.main.summary).toContain('confirm: main')
      expect(await ids(main.uri, 'items')).toEqual([1, 2, 3, 4, 5, 6])
    })

    it('is restored with confirm, and the undo step carries the confirm', async () => {
      const step = await harness.run({
        operation: 'restore',
        source: `^self@${main.lsn}`,
        confirm: 'main'
      })
      expect(step.main.errors).toEqual([])
      expect(step.main.outputs['branch-id']).toBe(harness.emulator.info.branchId)
      expect(await ids(main.uri, 'items')).toEqual([1, 2, 3])
      expect(await ids(await harness.connectionUri(step.main.outputs['backup-branch-id']), 'items')).toEqual([
        1, 2, 3, 4, 5, 6
      ])
      expect(step.main.summary).toContain('confirm: main')
      expect(step.main.summary).toContain(`source: ${step.main.outputs['backup-branch-name']}`)
    })
  })

  it('writes no API key or password anywhere but in ::add-mask:: commands', async () => {
    expect(leaks(harness.steps, await harness.secrets())).toEqual([])
  })
})
