/**
 * operation: bisect with time-travel probes: it must find the exact LSN at which a bad commit ended, computed
 * here from the server's WAL position right after that commit (tools/commit-lsn.ts), not from the action.
 */
import { formatLsn } from '../../src/lsn.js'
import type { LiveContext } from '../context.js'
import { same } from '../judge.js'
import type { Scenario } from '../runner.js'
import { commitEnd, connect, currentLsn } from '../sql.js'

/** A little unrelated traffic, so the accident is not the last record and probes land on other commits. */
async function traffic(client: { query(sql: string, params: unknown[]): Promise<unknown> }, count: number) {
  for (let index = 0; index < count; index++) await client.query('INSERT INTO audit (note) VALUES ($1)', [`t${index}`])
}

export const bisect: Scenario<LiveContext> = {
  name: 'bisect finds the exact LSN of a bad commit',
  async run(live) {
    const shop = await live.branch('bisect', { expires: true })
    const client = await connect(shop.uri)
    let good: string
    let firstBad: bigint
    try {
      await client.query(`CREATE TABLE audit (id serial PRIMARY KEY, note text);
        CREATE TABLE users (id serial PRIMARY KEY, name text NOT NULL);
        INSERT INTO users (name) SELECT 'user' || g FROM generate_series(1, 200) g;
        INSERT INTO users (name) VALUES ('Alice')`)
      good = await currentLsn(shop.uri)
      await traffic(client, 10)
      // The accident of Neon's time-travel post: a DELETE meant for one row removes all the others.
      firstBad = await commitEnd(client, "DELETE FROM users WHERE name <> 'Alice'")
      await traffic(client, 10)
    } finally {
      await client.end()
    }
    const step = await live.step({
      operation: 'bisect',
      branch: shop.name,
      check: 'SELECT count(*) > 1 FROM users',
      good,
      bad: 'head'
    })
    same('first-bad-lsn', step.outputs['first-bad-lsn'], formatLsn(firstBad))
    same('last-good-lsn', step.outputs['last-good-lsn'], formatLsn(firstBad - 8n))
  }
}
