/**
 * operation: verify, a restore drill: a check that holds only at the past point passes there and fails at head,
 * so the verdict follows the data; the drill branch is gone from the branch list either way.
 */
import type { LiveContext } from '../context.js'
import { same } from '../judge.js'
import type { Scenario } from '../runner.js'
import { currentLsn, query } from '../sql.js'

export const verify: Scenario<LiveContext> = {
  name: 'verify drill of a past point',
  async run(live) {
    const shop = await live.branch('verify')
    await query(shop.uri, 'CREATE TABLE orders (id int PRIMARY KEY, total numeric NOT NULL)')
    await query(shop.uri, 'INSERT INTO orders SELECT g, g * 2.5 FROM generate_series(1, 200) g')
    const beforeDamage = await currentLsn(shop.uri)
    await query(shop.uri, 'DELETE FROM orders WHERE id > 10')
    const checks = 'SELECT count(*) = 200 FROM orders\nSELECT sum(total) > 0 FROM orders'
    const branchIds = async () => (await live.neon.branches()).map((branch) => branch.id).sort()
    const before = await branchIds()

    const past = await live.step({ operation: 'verify', branch: shop.name, at: beforeDamage, checks })
    same('passed at the point before the damage', past.outputs.passed, 'true')
    same('branch ids after the drill', await branchIds(), before)

    const head = await live.step({ operation: 'verify', branch: shop.name, checks }, { expectFailure: true })
    same('passed at head, where 190 orders are gone', head.outputs.passed, 'false')
    same('branch ids after the failed drill', await branchIds(), before)
  }
}
