/**
 * operation: recover, run from dist/index.js as the runner does, on the seed's story: a table is dropped and rows
 * are deleted, then the afternoon's writes go on; recover brings the lost data back without losing those writes.
 */
import pg from 'pg'
import { ActionHarness, currentLsn, ids, leaks, mutating, query, sleep } from './helpers.js'

let harness: ActionHarness
let shop: { id: string; uri: string }
/** Before the accident: orders 1-100 and every line item exist. */
let beforeLsn: string
let beforeTime: string

const columnsOf = (schema: string, table: string) =>
  query<{ name: string; type: string; notnull: boolean }>(
    shop.uri,
    `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS notnull
       FROM pg_attribute a WHERE a.attrelid = to_regclass($1) AND a.attnum > 0 AND NOT a.attisdropped
      ORDER BY a.attnum`,
    [`"${schema}"."${table}"`]
  )
const primaryKeyOf = async (schema: string, table: string) =>
  (
    await query<{ def: string }>(
      shop.uri,
      `SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = to_regclass($1) AND contype = 'p'`,
      [`"${schema}"."${table}"`]
    )
  ).map((row) => row.def)
const schemas = async () =>
  (
    await query<{ nspname: string }>(
      shop.uri,
      `SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema' ORDER BY 1`
    )
  ).map((row) => row.nspname)

beforeAll(async () => {
  harness = await ActionHarness.start()
  shop = await harness.createBranch('shop')
  await query(
    shop.uri,
    `CREATE TABLE orders (id serial PRIMARY KEY, customer text NOT NULL, amount numeric(10,2) DEFAULT 0,
                          placed timestamptz NOT NULL DEFAULT now(), note varchar(40), tags text[]);
     INSERT INTO orders (customer, amount, note, tags)
       SELECT 'c' || g, g * 1.5, CASE WHEN g % 7 = 0 THEN NULL ELSE 'note ' || g END, ARRAY['a', 'b''' || g]
       FROM generate_series(1, 100) g;
     CREATE SCHEMA "Sales Data";
     CREATE TABLE "Sales Data"."Line Items" ("Order Id" int, "line" int, "qty" int NOT NULL CHECK (qty > 0),
                                            "Text" text, PRIMARY KEY ("Order Id", "line"));
     INSERT INTO "Sales Data"."Line Items" SELECT g / 3, g % 3, g, E'tab\\there "quoted"\\nnew line'
       FROM generate_series(3, 302) g;
     CREATE TABLE tickets (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, title text,
                           shout text GENERATED ALWAYS AS (upper(title)) STORED);
     INSERT INTO tickets (title) SELECT 'ticket ' || g FROM generate_series(1, 10) g;
     CREATE TYPE mood AS ENUM ('calm', 'cross');
     CREATE TABLE feelings (id int PRIMARY KEY, m mood);
     INSERT INTO feelings VALUES (1, 'calm'), (2, 'cross');
     CREATE TABLE audit_log (at timestamptz DEFAULT now(), what text);
     INSERT INTO audit_log (what) SELECT 'event ' || g FROM generate_series(1, 5) g;`
  )
  beforeLsn = await currentLsn(shop.uri)
  await sleep(50)
  beforeTime = new Date().toISOString()
  await sleep(50)
  // The accident, then the afternoon's writes.
  await query(shop.uri, 'DELETE FROM orders WHERE id BETWEEN 20 AND 40')
  await query(shop.uri, 'DROP TABLE "Sales Data"."Line Items"')
  await query(shop.uri, "DELETE FROM audit_log WHERE what = 'event 1'")
  await query(shop.uri, 'DELETE FROM tickets WHERE id IN (2, 3, 9)')
  await query(shop.uri, 'DROP TABLE feelings; DROP TYPE mood')
  await query(
    shop.uri,
    `INSERT INTO orders (customer) SELECT 'later ' || g FROM generate_series(1, 10) g;
     UPDATE orders SET note = 'changed after' WHERE id = 5`
  )
}, 60_000)

afterAll(() => harness?.stop())

describe('recover', () => {
  it('in a dry run shows the statements and changes nothing', async () => {
    const { main, requests } = await harness.run({
      operation: 'recover',
      branch: 'shop',
      at: beforeLsn,
      tables: '"Sales Data"."Line Items"',
      'dry-run': 'true'
    })
    expect(main.errors).toEqual([])
    expect(main.exitCode).toBe(0)
    expect(mutating(requests)).toEqual([])
    expect(main.summary).toContain('Dry run: Recovery of Sales Data.Line Items from shop')
    expect(main.summary).toContain('CREATE TABLE')
    expect(await schemas()).toEqual(['Sales Data', 'public'])
  })

  it('brings a dropped table back into a new schema with its column types, primary key and rows', async () => {
    const { main, requests } = await harness.run({
      operation: 'recover',
      branch: 'shop',
      at: beforeLsn,
      tables: '"Sales Data"."Line Items", orders, tickets'
    })
    expect(main.errors).toEqual([])
    expect(main.exitCode).toBe(0)
    expect(mutating(requests)).toEqual([])
    expect(JSON.parse(main.outputs.rows)).toEqual({
      'Sales Data.Line Items': 300,
      'public.orders': 100,
      'public.tickets': 10
    })

    const [schema] = (await schemas()).filter((name) => name.startsWith('recovered_'))
    expect(schema).toMatch(/^recovered_\d{8}_\d{6}$/)
    expect(main.summary).toContain(`DROP SCHEMA &quot;${schema}&quot; CASCADE;`)
    expect(await columnsOf(schema, 'Line Items')).toEqual([
      { name: 'Order Id', type: 'integer', notnull: true },
      { name: 'line', type: 'integer', notnull: true },
      { name: 'qty', type: 'integer', notnull: true },
      { name: 'Text', type: 'text', notnull: false }
    ])
    expect(await primaryKeyOf(schema, 'Line Items')).toEqual(['PRIMARY KEY ("Order Id", line)'])
    expect(await columnsOf(schema, 'orders')).toEqual(await columnsOf('public', 'orders'))
    expect(await primaryKeyOf(schema, 'orders')).toEqual(['PRIMARY KEY (id)'])

    // Every value arrives as it was, escapes included; the live tables are untouched.
    const [copied] = await query<{ digest: string; count: string }>(
      shop.uri,
      `SELECT md5(string_agg(t::text, '|' ORDER BY "Order Id", line)) AS digest, count(*) AS count
         FROM "${schema}"."Line Items" t`
    )
    // Compared with the table as it was, read through a time-travel connection of its own.
    const pastUri = `${shop.uri}${shop.uri.includes('?') ? '&' : '?'}options=${encodeURIComponent(`neon_lsn:${beforeLsn}`)}`
    const [expected] = await query<{ digest: string }>(
      pastUri,
      `SELECT md5(string_agg(t::text, '|' ORDER BY "Order Id", line)) AS digest FROM "Sales Data"."Line Items" t`
    )
    expect(copied.count).toBe('300')
    expect(copied.digest).toBe(expected.digest)
    const [sample] = await query<{ Text: string; tags: string[] }>(
      shop.uri,
      `SELECT l."Text", o.tags FROM "${schema}"."Line Items" l, "${schema}".orders o WHERE l."Order Id" = 1 AND o.id = 30 LIMIT 1`
    )
    expect(sample).toEqual({ Text: 'tab\there "quoted"\nnew line', tags: ['a', "b'30"] })
    expect(await ids(shop.uri, `"${schema}".orders`)).toEqual(Array.from({ length: 100 }, (_, index) => index + 1))
    expect((await ids(shop.uri, 'public.orders')).length).toBe(89)
    // Identity and generated columns stay what they were (id identity ALWAYS, shout generated), with their values.
    const tickets = await query<{ id: number; shout: string; generated: string }>(
      shop.uri,
      `SELECT t.id, t.shout, (SELECT string_agg(attgenerated::text || attidentity::text, '') FROM pg_attribute
                               WHERE attrelid = '"${schema}".tickets'::regclass AND attnum > 0) AS generated
         FROM "${schema}".tickets t ORDER BY id LIMIT 2`
    )
    expect(tickets).toEqual([
      { id: 1, shout: 'TICKET 1', generated: 'as' },
      { id: 2, shout: 'TICKET 2', generated: 'as' }
    ])
  })

  it('refuses mode: merge for a table without a primary key before changing anything', async () => {
    const before = await query(shop.uri, 'SELECT * FROM audit_log ORDER BY what')
    const schemasBefore = await schemas()
    const { main } = await harness.run({
      operation: 'recover',
      branch: 'shop',
      at: beforeTime,
      tables: 'orders, audit_log',
      mode: 'merge'
    })
    expect(main.exitCode).toBe(1)
    expect(main.errors.join('\n')).toMatch(/mode: merge needs a primary key .* public\.audit_log has none/)
    // orders came first and would have merged: it did not.
    expect((await ids(shop.uri, 'orders')).length).toBe(89)
    expect(await query(shop.uri, 'SELECT * FROM audit_log ORDER BY what')).toEqual(before)
    expect(await schemas()).toEqual(schemasBefore)
  })

  it('rolls everything back when a table fails half-way (its type is gone at head)', async () => {
    const schemasBefore = await schemas()
    const { main } = await harness.run({
      operation: 'recover',
      branch: 'shop',
      at: beforeLsn,
      tables: 'orders, feelings',
      into: 'rescue'
    })
    expect(main.exitCode).toBe(1)
    expect(main.errors.join('\n')).toMatch(
      /^recover failed while copying public\.feelings; nothing was changed on shop \(the transaction was rolled back\): type "public\.mood" does not exist/
    )
    // orders had been copied into the new schema by then: the schema and its copy are gone with the rollback.
    expect(main.log).toMatch(/public\.orders: 100 rows into "rescue"\."orders"/)
    expect(await schemas()).toEqual(schemasBefore)
  })

  it('refuses a where that carries a second statement, and leaves the data alone', async () => {
    const { main } = await harness.run({
      operation: 'recover',
      branch: 'shop',
      at: beforeLsn,
      tables: 'orders',
      mode: 'merge',
      where: 'true); DELETE FROM orders; SELECT (1'
    })
    expect(main.exitCode).toBe(1)
    expect(main.errors.join('\n')).toMatch(/^where: cannot insert multiple commands into a prepared statement/)
    expect((await ids(shop.uri, 'orders')).length).toBe(89)
  })

  it('merges the deleted rows back into the original table and keeps the writes made after the accident', async () => {
    const { main, requests } = await harness.run({
      operation: 'recover',
      branch: 'shop',
      at: beforeTime,
      tables: 'public.orders',
      mode: 'merge',
      where: 'id BETWEEN 10 AND 45'
    })
    expect(main.errors).toEqual([])
    expect(main.exitCode).toBe(0)
    expect(mutating(requests)).toEqual([])
    expect(JSON.parse(main.outputs.rows)).toEqual({ 'public.orders': 21 })

    expect(await ids(shop.uri, 'orders')).toEqual(Array.from({ length: 110 }, (_, index) => index + 1))
    const rows = await query<{ id: number; customer: string; amount: string; note: string | null }>(
      shop.uri,
      'SELECT id, customer, amount, note FROM orders WHERE id IN (5, 21, 28, 101) ORDER BY id'
    )
    expect(rows).toEqual([
      { id: 5, customer: 'c5', amount: '7.50', note: 'changed after' },
      { id: 21, customer: 'c21', amount: '31.50', note: null },
      { id: 28, customer: 'c28', amount: '42.00', note: null },
      { id: 101, customer: 'later 1', amount: '0.00', note: null }
    ])
    // The undo lists exactly the inserted keys.
    const undo =
      /DELETE FROM &quot;public&quot;.&quot;orders&quot; WHERE \(&quot;id&quot;\) IN \(([^)]*\)(?:, \([^)]*\))*)\);/.exec(
        main.summary
      )
    expect(undo).not.toBeNull()
    expect(undo![1].match(/&#39;(\d+)&#39;/g)!.map((key) => Number(key.replace(/&#39;/g, '')))).toEqual(
      Array.from({ length: 21 }, (_, index) => index + 20)
    )
  })

  it('merges into a table with an identity ALWAYS key and a generated column', async () => {
    const { main } = await harness.run({
      operation: 'recover',
      branch: 'shop',
      at: beforeLsn,
      tables: 'tickets',
      mode: 'merge'
    })
    expect(main.errors).toEqual([])
    expect(JSON.parse(main.outputs.rows)).toEqual({ 'public.tickets': 3 })
    const rows = await query<{ id: number; shout: string }>(shop.uri, 'SELECT id, shout FROM tickets ORDER BY id')
    expect(rows).toEqual(Array.from({ length: 10 }, (_, index) => ({ id: index + 1, shout: `TICKET ${index + 1}` })))
    // The identity sequence was not touched: new rows still get fresh ids.
    await query(shop.uri, "INSERT INTO tickets (title) VALUES ('new')")
    expect((await ids(shop.uri, 'tickets')).pop()).toBe(11)
  })

  it('merging again inserts nothing', async () => {
    const { main } = await harness.run({
      operation: 'recover',
      branch: 'shop',
      at: beforeLsn,
      tables: 'orders',
      mode: 'merge'
    })
    expect(main.errors).toEqual([])
    expect(JSON.parse(main.outputs.rows)).toEqual({ 'public.orders': 0 })
    expect((await ids(shop.uri, 'orders')).length).toBe(110)
  })

  it('leaves a row that a concurrent writer commits during the merge as that writer wrote it', async () => {
    await query(
      shop.uri,
      "CREATE TABLE stock (id int PRIMARY KEY, label text); INSERT INTO stock SELECT g, 'past ' || g FROM generate_series(1, 20) g"
    )
    const at = await currentLsn(shop.uri)
    await query(shop.uri, 'DELETE FROM stock WHERE id > 5')
    // A writer inserts key 12 and holds its transaction open while the merge runs into that key.
    const writer = new pg.Client({ connectionString: shop.uri })
    await writer.connect()
    try {
      await writer.query("BEGIN; INSERT INTO stock VALUES (12, 'concurrent')")
      const merging = harness.run({ operation: 'recover', branch: 'shop', at, tables: 'stock', mode: 'merge' })
      // The merge's INSERT waits on the writer's uncommitted key 12; commit the writer only once it does.
      const waiting = async () =>
        (await query(shop.uri, "SELECT 1 FROM pg_locks WHERE NOT granted AND locktype = 'transactionid'")).length > 0
      for (let tries = 0; tries < 500 && !(await waiting()); tries++) await sleep(20)
      await writer.query('COMMIT')
      const { main } = await merging
      expect(main.errors).toEqual([])
      expect(main.exitCode).toBe(0)
      expect(JSON.parse(main.outputs.rows)).toEqual({ 'public.stock': 14 })
      const inserted = Array.from({ length: 15 }, (_, index) => index + 6).filter((id) => id !== 12)
      const undo = /DELETE FROM &quot;public&quot;.&quot;stock&quot; WHERE \(&quot;id&quot;\) IN \((.*)\);/.exec(
        main.summary
      )
      expect(undo![1].match(/&#39;(\d+)&#39;/g)!.map((key) => Number(key.replace(/&#39;/g, '')))).toEqual(inserted)
    } finally {
      await writer.end()
    }
    const rows = await query<{ id: number; label: string }>(shop.uri, 'SELECT id, label FROM stock ORDER BY id')
    expect(rows).toEqual(
      Array.from({ length: 20 }, (_, index) => ({
        id: index + 1,
        label: index === 11 ? 'concurrent' : `past ${index + 1}`
      }))
    )
  })

  it('brings back values of every built-in kind exactly (binary COPY), and converts a type changed since (text COPY)', async () => {
    await query(
      shop.uri,
      `CREATE TABLE kinds (id int PRIMARY KEY, n numeric, f float8, r real, t timestamptz, d date, i interval,
                           j json, jb jsonb, b bytea, u uuid, a int[], ta text[], ip inet, ok boolean, m money,
                           c char(3), bits varbit, pt point, rg int4range, small smallint, wide bigint);
       INSERT INTO kinds VALUES
         (1, 'NaN', 'Infinity', -0.0, '2026-12-01 12:00:00.123456+00', 'infinity', '1 mon 2 days 00:00:01.5',
          '{"b": 1,  "a": [1, 2]}', '{"b": 1, "a": null}', '\\x00ff0a', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',
          '{1,NULL,3}', ARRAY['x', NULL, E'tab\\there'], '10.0.0.1/8', true, 12.34, 'ab', B'1011', '(1.5,2)',
          '[1,10)', -32768, 9223372036854775807),
         (2, 12345678901234567890.123456789, 1e-300, 3.4e38, '-infinity', '2000-02-29', '-1 year', 'null', '[]',
          '', '00000000-0000-0000-0000-000000000000', '{}', '{}', '::1', false, -1, NULL, B'', '(0,0)', 'empty',
          0, -1),
         (3, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
          NULL, NULL, NULL, NULL)`
    )
    const rowsOf = async () =>
      (await query<{ row: string }>(shop.uri, 'SELECT to_jsonb(k)::text AS row FROM kinds k ORDER BY id')).map(
        (row) => row.row
      )
    const before = await rowsOf()
    const at = await currentLsn(shop.uri)
    // Rows lost, and one column widened since: smallint at the point, integer at head.
    await query(shop.uri, 'DELETE FROM kinds; ALTER TABLE kinds ALTER COLUMN small TYPE integer')
    const merge = { operation: 'recover', branch: 'shop', at, tables: 'kinds', mode: 'merge' }
    const { main: plan } = await harness.run({ ...merge, 'dry-run': 'true' })
    expect(plan.summary).toMatch(/COPY &lt;staging&gt; \(.*&quot;wide&quot;\) FROM STDIN;/)
    const { main } = await harness.run(merge)
    expect(main.errors).toEqual([])
    expect(JSON.parse(main.outputs.rows)).toEqual({ 'public.kinds': 3 })
    expect(await rowsOf()).toEqual(before)
    // The same values in binary: the types now match, so a schema copy sends them without text.
    const copy = {
      operation: 'recover',
      branch: 'shop',
      at: await currentLsn(shop.uri),
      tables: 'kinds',
      into: 'kinds_copy'
    }
    const { main: copyPlan } = await harness.run({ ...copy, 'dry-run': 'true' })
    expect(copyPlan.summary).toContain('FROM STDIN (FORMAT binary);')
    expect((await harness.run(copy)).main.errors).toEqual([])
    const copied = await query<{ row: string }>(
      shop.uri,
      'SELECT to_jsonb(k)::text AS row FROM kinds_copy.kinds k ORDER BY id'
    )
    expect(copied.map((row) => row.row)).toEqual(before)
  })

  it('shows no secret in logs, outputs or summaries', async () => {
    expect(leaks(harness.steps, await harness.secrets())).toEqual([])
  })
})
