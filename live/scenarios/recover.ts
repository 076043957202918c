/**
 * operation: recover a dropped table into a schema: the table comes back with its rows from before the drop,
 * and the writes made since stay.
 */
import type { LiveContext } from '../context.js'
import { ensure, same } from '../judge.js'
import type { Scenario } from '../runner.js'
import { currentLsn, ids, query, tableExists } from '../sql.js'

export const recover: Scenario<LiveContext> = {
  name: 'recover a dropped table',
  async run(live) {
    const shop = await live.branch('recover', { expires: true })
    await query(
      shop.uri,
      `CREATE TABLE orders (id int PRIMARY KEY, total numeric NOT NULL);
       INSERT INTO orders SELECT g, g * 1.5 FROM generate_series(1, 20) g;
       CREATE TABLE notes (id int PRIMARY KEY)`
    )
    const beforeDrop = await currentLsn(shop.uri)
    await query(shop.uri, 'DROP TABLE orders')
    await query(shop.uri, 'INSERT INTO notes VALUES (1)')

    await live.step({
      operation: 'recover',
      branch: shop.name,
      at: beforeDrop,
      tables: 'orders',
      into: 'recovered_live'
    })
    same(
      'recovered rows',
      await ids(shop.uri, 'recovered_live.orders'),
      Array.from({ length: 20 }, (_, i) => i + 1)
    )
    const [sum] = await query<{ total: string }>(
      shop.uri,
      'SELECT sum(total)::text AS total FROM recovered_live.orders'
    )
    same('recovered totals', sum.total, '315.0')
    same('writes made since the drop', await ids(shop.uri, 'notes'), [1])
    ensure(!(await tableExists(shop.uri, 'public.orders')), 'recover (mode schema) recreated public.orders')
  }
}
