/** operation: query at an LSN: the rows of that point, read over time travel, and nothing changed or left. */
import type { LiveContext } from '../context.js'
import { same } from '../judge.js'
import type { Scenario } from '../runner.js'
import { ids } from '../sql.js'
import { itemsWithHistory, ONE_TO_SIX } from './seed.js'

export const queryAtLsn: Scenario<LiveContext> = {
  name: 'query at an LSN',
  async run(live) {
    const shop = await itemsWithHistory(live, 'query', { expires: true })
    const before = (await live.neon.branches()).map((branch) => branch.id).sort()
    const step = await live.step({
      operation: 'query',
      branch: shop.name,
      at: shop.lsn,
      sql: 'SELECT id, note FROM items ORDER BY id'
    })
    same('result', JSON.parse(step.outputs.result), [
      { id: 1, note: 'item 1' },
      { id: 2, note: 'item 2' },
      { id: 3, note: 'item 3' }
    ])
    same('rows at head afterwards', await ids(shop.uri, 'items'), ONE_TO_SIX)
    // Time travel needs no branch: the list is the same as before the step.
    same('branch ids after the query', (await live.neon.branches()).map((branch) => branch.id).sort(), before)
  }
}
