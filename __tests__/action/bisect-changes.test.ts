/**
 * bisect says what the bad transaction changed, and then: recover (or recover with mode: undo) undoes it, run from
 * dist/index.js as the runner does. The bad transaction deletes some accounts, zeroes others, inserts one and
 * deletes rows of a table without a primary key, among traffic; after it, one zeroed account is changed again.
 * Judged from the rows in Postgres: the changed rows are put back, every later write stays, the account changed
 * again is left as it is and named as a conflict, and the table without a key is compared but never undone.
 */
import pg from 'pg'
import { formatLsn } from '../../src/lsn.js'
import { ActionHarness, commitEnd, expectAnswer, mutating, query, type Step } from './helpers.js'

/** The check reads accounts through a view, and events: EXPLAIN resolves both to their tables. */
const CHECK = 'SELECT (SELECT count(*) FROM funded) >= 40 AND (SELECT count(*) FROM events) >= 6'

/**
 * Keys in "C" order (B < Z < a < … < é < U+FFFD < U+1F600, which UTF-16 order would put before U+FFFD: the diff
 * would then pair U+1F600 with nothing once U+FFFD is deleted).
 */
const NOTES: [string, string | null][] = [
  ['B', 'line 1\nline 2\r'],
  ['Z', 'kept'],
  ['a', 'tab\there'],
  ['a b', 'back\\slash \\N'],
  ['é', '{"json": true}'],
  ['\uFFFD', 'replacement'],
  ['\u{1F600}', null]
]

let harness: ActionHarness
let client: pg.Client
const points = {} as { good: string; firstBad: bigint }
/** The accounts as they should be once the bad transaction is undone: every later write kept. */
let expected: { id: number; owner: string; balance: string; tags: string }[]

const accounts = (uri: string) =>
  query<{ id: number; owner: string; balance: string; tags: string }>(
    uri,
    'SELECT id, owner, balance::text AS balance, tags::text AS tags FROM accounts ORDER BY id'
  )

beforeAll(async () => {
  harness = await ActionHarness.start()
  client = new pg.Client(harness.emulator.info.connectionUri)
  client.on('error', () => undefined)
  await client.connect()
  await client.query(`
    CREATE TABLE audit (id serial PRIMARY KEY, note text);
    CREATE TABLE accounts (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, owner text NOT NULL,
                           balance numeric NOT NULL, tags json, doubled numeric GENERATED ALWAYS AS (balance * 2) STORED);
    INSERT INTO accounts (owner, balance, tags) SELECT 'owner ' || g, 100 + g, '{"tier": 1}' FROM generate_series(1, 40) g;
    CREATE VIEW funded AS SELECT * FROM accounts WHERE balance > 0;
    CREATE TABLE events (kind text, n int);
    INSERT INTO events SELECT 'e', g % 3 FROM generate_series(1, 9) g;
    CREATE TABLE notes (code text PRIMARY KEY, body text);`)
  // Text keys in an order JavaScript's < gets wrong, and values that COPY must escape.
  await client.query('INSERT INTO notes SELECT * FROM unnest($1::text[], $2::text[])', [
    NOTES.map(([code]) => code),
    NOTES.map(([, body]) => body)
  ])
  const traffic = async (count: number) => {
    for (let index = 0; index < count; index++)
      await client.query('INSERT INTO audit (note) VALUES ($1)', [`t${index}`])
  }
  points.good = (await client.query('SELECT pg_current_wal_lsn()::text AS lsn')).rows[0].lsn
  await traffic(10)
  await client.query("UPDATE accounts SET owner = 'renamed before' WHERE id = 2")
  points.firstBad = await commitEnd(
    client,
    `DELETE FROM accounts WHERE id BETWEEN 10 AND 14;
     UPDATE accounts SET balance = 0, tags = '{"tier": 0}' WHERE id IN (20, 21, 22);
     INSERT INTO accounts (id, owner, balance) OVERRIDING SYSTEM VALUE VALUES (900, 'mallory', 1000000);
     DELETE FROM events WHERE n = 1;
     UPDATE notes SET body = 'lost' WHERE code IN ('a', 'a b', 'é', '${'\u{1F600}'}');
     DELETE FROM notes WHERE code IN ('B', '${'\uFFFD'}');
     INSERT INTO notes VALUES ('new', 'bad')`
  )
  await traffic(10)
  // Later writes: one zeroed account changed again (a conflict), a new account, an update of an untouched one.
  await client.query("UPDATE accounts SET balance = 5 WHERE id = 21; UPDATE accounts SET owner = 'later' WHERE id = 30")
  await client.query("INSERT INTO accounts (owner, balance) VALUES ('newcomer', 7)")
  expected = await accounts(harness.emulator.info.connectionUri)
}, 60_000)

afterAll(async () => {
  await client?.end().catch(() => undefined)
  await harness?.stop()
})

function bisect(inputs: Record<string, string>): Promise<Step> {
  return harness.run({ operation: 'bisect', check: CHECK, good: points.good, ...inputs })
}

describe('bisect reports what the bad transaction changed', () => {
  it('names the changed keys and columns of the tables the check reads, and pastes an undo step', async () => {
    const step = await bisect({})
    expectAnswer(step, points.firstBad)
    expect(JSON.parse(step.main.outputs.changes)).toEqual({
      'public.accounts': { deleted: 5, inserted: 1, updated: 3 },
      'public.events': { deleted: 3, inserted: 0, updated: 0 }
    })
    const { summary } = step.main
    expect(summary).toContain('What the bad transaction changed')
    expect(summary).toContain('<td>10, 11, 12, 13, 14</td><td>900</td><td>20, 21, 22</td>')
    expect(summary).toContain('<td>balance, tags</td>')
    // events has no primary key: compared whole (a deleted row is its whole text), never offered for undo.
    expect(summary).toContain('<td>(e, 1), (e, 1), (e, 1)</td>')
    expect(summary).toMatch(/public\.events cannot be undone this way: it has no primary key/)
    expect(summary).toContain(
      `mode: undo\n    good: ${formatLsn(points.firstBad - 8n)}\n    bad: ${formatLsn(points.firstBad)}\n    tables: public.accounts`
    )
    expect(mutating(step.requests)).toEqual([])
  })
})

describe('recover with mode: undo refuses before anything changes', () => {
  const undo = (inputs: Record<string, string>) =>
    harness.run({
      operation: 'recover',
      mode: 'undo',
      good: formatLsn(points.firstBad - 8n),
      bad: formatLsn(points.firstBad),
      ...inputs
    })

  it('refuses a table without a primary key, and good after bad, naming the input', async () => {
    const events = await undo({ tables: 'events' })
    expect(events.main.exitCode).toBe(1)
    expect(events.main.errors.join('\n')).toMatch(/tables: public\.events cannot be undone: .*no primary key/)
    const swapped = await undo({
      tables: 'accounts',
      good: formatLsn(points.firstBad),
      bad: formatLsn(points.firstBad - 8n)
    })
    expect(swapped.main.errors.join('\n')).toMatch(/^good: LSN .* is not before bad: LSN /)
    const dry = await undo({ tables: 'accounts', 'dry-run': 'true' })
    expect(dry.main.exitCode).toBe(0)
    expect(JSON.parse(dry.main.outputs.changes)).toEqual({ 'public.accounts': { deleted: 5, inserted: 1, updated: 3 } })
    expect(dry.main.summary).toContain('OVERRIDING SYSTEM VALUE')
    // where (one table) compares only the rows matching it at both points; a second statement is refused.
    const some = await undo({ tables: 'accounts', where: 'id < 12', 'dry-run': 'true' })
    expect(JSON.parse(some.main.outputs.changes)).toEqual({
      'public.accounts': { deleted: 2, inserted: 0, updated: 0 }
    })
    const smuggled = await undo({ tables: 'accounts', where: 'true; DELETE FROM accounts' })
    expect(smuggled.main.errors.join('\n')).toMatch(/^where: /)
    expect(mutating([...events.requests, ...swapped.requests, ...dry.requests, ...smuggled.requests])).toEqual([])
    expect(await query(harness.emulator.info.connectionUri, 'SELECT count(*)::int AS n FROM events')).toEqual([
      { n: 6 }
    ])
    expect(await accounts(harness.emulator.info.connectionUri)).toEqual(expected)
  })
})

describe('bisect with then: recover', () => {
  it('refuses tables that do not exist, or none to undo, before the search', async () => {
    const missing = await bisect({ then: 'recover', tables: 'accounts, nope' })
    expect(missing.main.errors.join('\n')).toMatch(/^tables: nope does not exist at good \(LSN /)
    const none = await bisect({ then: 'recover', check: 'SELECT false' })
    expect(none.main.errors.join('\n')).toMatch(
      /^tables: then: recover needs the tables to undo, and the check's plan names none/
    )
    for (const step of [missing, none]) {
      expect(step.main.exitCode).toBe(1)
      expect(step.main.log).not.toMatch(/Round 1: probing/)
    }
  })

  it('puts the changed rows back, keeps every later write, and leaves the row changed since as a conflict', async () => {
    const step = await bisect({ then: 'recover' })
    expectAnswer(step, points.firstBad)
    expect(JSON.parse(step.main.outputs.conflicts)).toEqual({ 'public.accounts': ['21'] })
    const now = await accounts(harness.emulator.info.connectionUri)
    const byId = new Map(now.map((row) => [row.id, row]))
    // Deleted accounts are back, zeroed ones have their balance and tags again, mallory's account is gone.
    for (const id of [10, 11, 12, 13, 14, 20, 22]) {
      expect(byId.get(id)).toEqual({ id, owner: `owner ${id}`, balance: String(100 + id), tags: '{"tier": 1}' })
    }
    expect(byId.has(900)).toBe(false)
    // Later writes stay: account 21 as changed since, the rename of 30, the newcomer, the rename before good.
    expect(byId.get(21)).toEqual({ id: 21, owner: 'owner 21', balance: '5', tags: '{"tier": 0}' })
    expect(byId.get(30)!.owner).toBe('later')
    expect(byId.get(2)!.owner).toBe('renamed before')
    expect(now.filter((row) => row.owner === 'newcomer')).toHaveLength(1)
    const untouched = (rows: typeof now) => rows.filter((row) => ![10, 11, 12, 13, 14, 20, 22, 900].includes(row.id))
    expect(untouched(now)).toEqual(untouched(expected))
    // The generated column follows the restored balance; the table without a key is left alone.
    expect(
      await query(harness.emulator.info.connectionUri, 'SELECT doubled::text AS d FROM accounts WHERE id = 10')
    ).toEqual([{ d: '220' }])
    expect(await query(harness.emulator.info.connectionUri, 'SELECT count(*)::int AS n FROM events')).toEqual([
      { n: 6 }
    ])
    expect(step.main.summary).toMatch(/<td>public\.accounts<\/td><td>5<\/td><td>2<\/td><td>1<\/td><td>1: 21<\/td>/)
    expect(step.main.summary).toMatch(/Not undone: public\.events: it has no primary key/)
    expect(mutating(step.requests)).toEqual([])
  })
})

describe('recover with mode: undo', () => {
  it('undoes the change in a table with text keys and values COPY escapes, in "C" key order', async () => {
    const step = await harness.run({
      operation: 'recover',
      mode: 'undo',
      good: formatLsn(points.firstBad - 8n),
      bad: formatLsn(points.firstBad),
      tables: 'notes'
    })
    expect(step.main.errors).toEqual([])
    expect(JSON.parse(step.main.outputs.changes)).toEqual({ 'public.notes': { deleted: 2, inserted: 1, updated: 4 } })
    expect(JSON.parse(step.main.outputs.conflicts)).toEqual({ 'public.notes': [] })
    const notes = await query<{ code: string; body: string | null }>(
      harness.emulator.info.connectionUri,
      'SELECT code, body FROM notes ORDER BY code COLLATE "C"'
    )
    expect(notes.map(({ code, body }) => [code, body])).toEqual(NOTES)
  })
})
