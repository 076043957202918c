/**
 * Throwaway branches are deleted for good (`hard_delete=true`), since Neon's deletes are otherwise soft for 7
 * days (Branch Recovery, preview). Where a project refuses the parameter (the preview is not available to every
 * project), the action falls back to a plain delete. Run from dist/index.js against the emulator, judged from
 * its request log and Neon's branch list with `include_deleted=true`.
 */
import { ActionHarness, leaks, query } from './helpers.js'

const drill = { operation: 'verify', branch: 'shop', checks: 'SELECT count(*) = 3 FROM items' }
const deletes = (requests: { method: string; path: string; query?: string; status: number }[]) =>
  requests.filter((request) => request.method === 'DELETE').map((request) => `${request.query ?? ''} ${request.status}`)

async function withShop(harness: ActionHarness): Promise<void> {
  const shop = await harness.createBranch('shop')
  await query(shop.uri, 'CREATE TABLE items (id int PRIMARY KEY)')
  await query(shop.uri, 'INSERT INTO items VALUES (1), (2), (3)')
}

describe('in a project with branch recovery', () => {
  let harness: ActionHarness
  beforeAll(async () => {
    harness = await ActionHarness.start()
    await withShop(harness)
  })
  afterAll(() => harness?.stop())

  it('deletes the drill branch with hard_delete=true: nothing is left to recover', async () => {
    const step = await harness.run(drill)
    expect(step.main.errors).toEqual([])
    expect(step.main.outputs.passed).toBe('true')
    expect(deletes(step.requests)).toEqual(['hard_delete=true 200'])
    const names = (await harness.branches({ includeDeleted: true })).map((branch) => branch.name)
    expect(names.filter((name) => name.startsWith('nra-ephemeral-'))).toEqual([])
  })

  it('never shows a secret outside a mask command', async () => {
    expect(leaks(harness.steps, await harness.secrets())).toEqual([])
  })
})

describe('in a project that refuses hard_delete', () => {
  let harness: ActionHarness
  beforeAll(async () => {
    harness = await ActionHarness.start({ branchRecovery: false })
    await withShop(harness)
  })
  afterAll(() => harness?.stop())

  it('falls back to a plain delete, and the drill branch is gone', async () => {
    const step = await harness.run(drill)
    expect(step.main.errors).toEqual([])
    expect(step.main.outputs.passed).toBe('true')
    expect(deletes(step.requests)).toEqual(['hard_delete=true 400', ' 200'])
    expect((await harness.branches()).map((branch) => branch.name)).toEqual(
      expect.not.arrayContaining([expect.stringMatching(/^nra-ephemeral-/)])
    )
  })
})
