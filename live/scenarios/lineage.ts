/**
 * A branch's past after a restore (issue 12 part 1, src/lineage.ts): a time before the restore is read as the
 * branch held it then, on the backup the restore kept, by query, snapshot and recover alike; after both kinds of
 * restore. On Neon, a time before a branch's start reads the start, so a wrong lineage shows as rows 1-3.
 */
import type { LiveBranch, LiveContext } from '../context.js'
import { same } from '../judge.js'
import type { Scenario } from '../runner.js'
import { ids, query } from '../sql.js'
import { itemsWithHistory, ONE_TO_SIX } from './seed.js'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Rows 1-6 at `before`; then the restore (to rows 1-3), then row 10. */
async function restored(
  live: LiveContext,
  part: string,
  restore: (main: LiveBranch & { lsn: string }) => Promise<string>
): Promise<LiveBranch & { before: string }> {
  const main = await itemsWithHistory(live, part)
  await sleep(100)
  const before = new Date().toISOString()
  // Neon gives a restore's time to the second: the restore runs a second after the point read later.
  await sleep(1100)
  await live.step({ operation: 'restore', branch: main.name, source: await restore(main) })
  await query(main.uri, "INSERT INTO items VALUES (10, 'after the restore')")
  return { ...main, before }
}

async function expectPast(live: LiveContext, main: LiveBranch & { before: string }): Promise<void> {
  const read = await live.step({
    operation: 'query',
    branch: main.name,
    at: main.before,
    sql: 'SELECT id FROM items ORDER BY id'
  })
  same(
    'query before the restore',
    (JSON.parse(read.outputs.result) as { id: number }[]).map((row) => row.id),
    ONE_TO_SIX
  )
  const name = live.name(`${main.name.slice(-8)}-past`)
  const snap = await live.step({ operation: 'snapshot', branch: main.name, at: main.before, name, 'expires-in': '3h' })
  same('snapshot before the restore', await ids(await live.uri(snap.outputs['branch-id']), 'items'), ONE_TO_SIX)
  await live.step({ operation: 'recover', branch: main.name, at: main.before, tables: 'items', mode: 'merge' })
  same('rows after recover merge', await ids(main.uri, 'items'), [...ONE_TO_SIX, 10])
}

export const lineageOwnPast: Scenario<LiveContext> = {
  name: 'after a restore to its own past, a time before it reads what the branch held',
  async run(live) {
    await expectPast(live, await restored(live, 'lin-self', async (main) => `^self@${main.lsn}`))
  }
}

export const lineageFromOther: Scenario<LiveContext> = {
  name: 'after a restore from another branch, a time before it reads what the branch held',
  async run(live) {
    const main = await restored(live, 'lin-other', async (branch) => {
      const early = await live.branch('lin-early', { parentId: branch.id })
      await query(early.uri, 'DELETE FROM items WHERE id > 3')
      return early.name
    })
    await expectPast(live, main)
  }
}
