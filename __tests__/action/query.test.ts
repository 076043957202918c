/** operation: query, run from dist/index.js as the runner does: rows of a past point over time travel. */
import { ActionHarness, currentLsn, leaks, mutating, query, sleep } from './helpers.js'

let harness: ActionHarness
let shop: { id: string; uri: string }
let lsnAfterThree: string
let timeAfterThree: string

beforeAll(async () => {
  harness = await ActionHarness.start()
  shop = await harness.createBranch('shop')
  await query(shop.uri, 'CREATE TABLE items (id int PRIMARY KEY, note text, data bytea, big bigint)')
  await query(
    shop.uri,
    "INSERT INTO items SELECT g, 'item ' || g, '\\x0102', 9007199254740993 FROM generate_series(1, 3) g"
  )
  lsnAfterThree = await currentLsn(shop.uri)
  await sleep(50)
  timeAfterThree = new Date().toISOString()
  await sleep(50)
  await query(shop.uri, "INSERT INTO items SELECT g, 'item ' || g, NULL, NULL FROM generate_series(4, 2500) g")
})

afterAll(() => harness?.stop())

describe('query', () => {
  it('at an LSN returns the rows of that point as JSON, and changes nothing', async () => {
    const { main, post, requests } = await harness.run({
      operation: 'query',
      branch: 'shop',
      at: lsnAfterThree,
      sql: 'SELECT id, note, data, big FROM items ORDER BY id'
    })
    expect(main.errors).toEqual([])
    expect(main.exitCode).toBe(0)
    expect(post.exitCode).toBe(0)
    expect(JSON.parse(main.outputs.result)).toEqual([
      { id: 1, note: 'item 1', data: '\\x0102', big: '9007199254740993' },
      { id: 2, note: 'item 2', data: '\\x0102', big: '9007199254740993' },
      { id: 3, note: 'item 3', data: '\\x0102', big: '9007199254740993' }
    ])
    expect(main.outputs.rows).toBe('3')
    expect(main.outputs.truncated).toBe('false')
    expect(main.outputs.lsn).toBe(lsnAfterThree)
    expect(main.summary).toContain('<td>item 2</td>')
    expect(mutating(requests)).toEqual([])
    expect((await harness.branches()).map((branch) => branch.name).sort()).toEqual(['main', 'shop'])
  })

  it('at a timestamp returns the rows committed at or before it', async () => {
    const { main } = await harness.run({
      operation: 'query',
      branch: 'shop',
      at: timeAfterThree,
      sql: 'SELECT count(*)::int AS n, max(id) AS last FROM items'
    })
    expect(main.errors).toEqual([])
    expect(JSON.parse(main.outputs.result)).toEqual([{ n: 3, last: 3 }])
  })

  it('at head sees everything, cut to 1000 rows with truncated set', async () => {
    const { main } = await harness.run({ operation: 'query', branch: 'shop', sql: 'SELECT id FROM items ORDER BY id' })
    expect(main.errors).toEqual([])
    const rows = JSON.parse(main.outputs.result) as { id: number }[]
    expect(rows).toHaveLength(1000)
    expect(rows.at(-1)).toEqual({ id: 1000 })
    expect(main.outputs.rows).toBe('1000')
    expect(main.outputs.truncated).toBe('true')
    expect(main.summary).toContain('first 50 rows')
  })

  it.each([
    ['a write', 'DELETE FROM items', /sql: the statement tries to write/],
    ['a second statement', 'SELECT 1; DELETE FROM items', /sql: give exactly one statement/],
    ['an escape from the transaction', 'SELECT true; COMMIT; DELETE FROM items', /sql: give exactly one statement/],
    ['a syntax error', 'SELEKT 1', /sql: syntax error/]
  ])('refuses %s with a clear message and changes nothing', async (_what, sql, message) => {
    const { main, requests } = await harness.run({ operation: 'query', branch: 'shop', at: lsnAfterThree, sql })
    expect(main.exitCode).toBe(1)
    expect(main.errors.join('\n')).toMatch(message)
    expect(mutating(requests)).toEqual([])
    expect((await query<{ n: number }>(shop.uri, 'SELECT count(*)::int AS n FROM items'))[0].n).toBe(2500)
  })

  it('never shows a secret outside a mask command', async () => {
    expect(leaks(harness.steps, await harness.secrets())).toEqual([])
  })
})
