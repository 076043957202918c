/** The pure pieces of "what changed": the merge-join diff, the comparison layout, plan relations, staging lines. */
import { comparison, orderedSelectSql } from '../../src/changes/compare-sql.js'
import { compareText, diffRows, SAMPLE_KEYS, type Row, type RowLayout } from '../../src/changes/diff.js'
import { relationsInPlan } from '../../src/changes/relations.js'
import { conflictsSql, stagingLine, undoSql } from '../../src/changes/undo-sql.js'
import type { Column, TableShape } from '../../src/recovery-sql.js'

async function* rows(list: Row[]): AsyncGenerator<Row> {
  yield* list
}

const keyed: RowLayout = { columns: ['id', 'name', 'n'], key: [0], keyKinds: ['integer'], keyed: true }

describe('diffRows', () => {
  it('merges two key-ordered streams into deleted, inserted and updated rows, with the columns that changed', async () => {
    const before: Row[] = [
      ['1', 'a', '1'],
      ['2', 'b', '2'],
      ['9', 'c', '3'],
      ['10', 'd', null]
    ]
    const after: Row[] = [
      ['1', 'a', '1'],
      ['3', 'x', '0'],
      ['9', 'c', '4'],
      ['10', 'd', '5'],
      ['11', 'e', '6']
    ]
    const seen: string[] = []
    const diff = await diffRows(rows(before), rows(after), keyed, (kind, old, now) => {
      seen.push(`${kind} ${old?.[0] ?? '-'} ${now?.[0] ?? '-'}`)
    })
    expect(diff).toEqual({
      deleted: 1,
      inserted: 2,
      updated: 2,
      samples: { deleted: ['2'], inserted: ['3', '11'], updated: ['9', '10'] },
      changedColumns: ['n']
    })
    // Integer keys compare by value (10 after 9), as the primary key index orders them.
    expect(seen).toEqual(['deleted 2 -', 'inserted - 3', 'updated 9 9', 'updated 10 10', 'inserted - 11'])
  })

  it('keeps only the first keys of each kind, and writes composite keys in parentheses', async () => {
    const layout: RowLayout = { columns: ['a', 'b'], key: [0, 1], keyKinds: ['text', 'integer'], keyed: true }
    const before = Array.from({ length: 25 }, (_, index): Row => ['k', String(index)])
    const diff = await diffRows(rows(before), rows([]), layout)
    expect(diff.deleted).toBe(25)
    expect(diff.samples.deleted).toHaveLength(SAMPLE_KEYS)
    expect(diff.samples.deleted[0]).toBe('(k, 0)')
  })

  it('compares a table without a key as a multiset of whole rows (a changed row is one deleted, one inserted)', async () => {
    const layout: RowLayout = { columns: ['kind', 'n'], key: [0, 1], keyKinds: ['text', 'text'], keyed: false }
    const before: Row[] = [
      ['a', '1'],
      ['a', '1'],
      ['b', null]
    ]
    const after: Row[] = [
      ['a', '1'],
      ['a', '2'],
      ['b', null]
    ]
    const diff = await diffRows(rows(before), rows(after), layout)
    expect(diff).toMatchObject({
      deleted: 1,
      inserted: 1,
      updated: 0,
      samples: { deleted: ['(a, 1)'], inserted: ['(a, 2)'] }
    })
  })

  it('orders text as the "C" collation does: by code point, not by UTF-16 unit', () => {
    expect(compareText('a', 'b')).toBeLessThan(0)
    expect(compareText('ab', 'a')).toBeGreaterThan(0)
    // U+1F600 (a surrogate pair in UTF-16) comes after U+FFFD in UTF-8 byte order.
    expect(compareText('\u{1F600}', '\uFFFD')).toBeGreaterThan(0)
  })
})

const column = (name: string, type = 'integer', fields: Partial<Column> = {}): Column => ({
  name,
  type,
  notNull: false,
  generated: false,
  identity: '',
  builtinBinary: true,
  ...fields
})
const shape = (columns: Column[], key?: string[]): TableShape => ({
  schema: 'public',
  name: 'accounts',
  kind: 'r',
  columns,
  primaryKey: key && { definition: `PRIMARY KEY (${key.join(', ')})`, columns: key }
})

describe('comparison', () => {
  it('keys by the primary key, leaves generated columns out, and orders integer keys natively', () => {
    const table = shape(
      [column('id'), column('owner', 'text'), column('twice', 'integer', { generated: true })],
      ['id']
    )
    const found = comparison(table, table)
    expect(found).toEqual({ layout: { columns: ['id', 'owner'], key: [0], keyKinds: ['integer'], keyed: true } })
    expect(orderedSelectSql(table, found.layout, 'id > 3')).toBe(
      'SELECT "id"::text AS "nra 0", "owner"::text AS "nra 1" FROM ONLY "public"."accounts" WHERE (id > 3) ORDER BY "id"'
    )
  })

  it('compares a table without a primary key whole, in "C" text order, and refuses its undo', () => {
    const table = shape([column('kind', 'text'), column('n')])
    const found = comparison(table, table)
    expect(found.layout).toEqual({ columns: ['kind', 'n'], key: [0, 1], keyKinds: ['text', 'text'], keyed: false })
    expect(found.undoRefusal).toMatch(/no primary key/)
    expect(orderedSelectSql(table, found.layout)).toMatch(/ORDER BY "kind"::text COLLATE "C", "n"::text COLLATE "C"$/)
  })

  it('refuses the undo of a table whose columns changed between the points', () => {
    const before = shape([column('id'), column('owner', 'text')], ['id'])
    const after = shape([column('id'), column('owner', 'varchar(10)')], ['id'])
    const found = comparison(before, after)
    expect(found.layout.columns).toEqual(['id'])
    expect(found.undoRefusal).toMatch(/columns differ between the two points/)
  })
})

describe('relationsInPlan', () => {
  it('collects every scanned relation with its schema, in subplans too, once each', () => {
    const plan = [
      {
        Plan: {
          'Node Type': 'Result',
          Plans: [
            {
              'Node Type': 'Aggregate',
              Plans: [{ 'Node Type': 'Seq Scan', 'Relation Name': 'accounts', Schema: 'public' }]
            },
            { 'Node Type': 'Index Scan', 'Relation Name': 'Events', Schema: 'shop', 'Parent Relationship': 'InitPlan' },
            { 'Node Type': 'Seq Scan', 'Relation Name': 'accounts', Schema: 'public' }
          ]
        }
      }
    ]
    expect(relationsInPlan(plan)).toEqual([
      { schema: 'public', name: 'accounts' },
      { schema: 'shop', name: 'Events' }
    ])
    expect(relationsInPlan(JSON.stringify([{ Plan: { 'Node Type': 'Result' } }]))).toEqual([])
  })
})

describe('undo SQL', () => {
  const target = {
    into: '"public"."accounts"',
    columns: ['id', 'owner'],
    keyColumns: ['id'],
    alwaysIdentity: ['id'],
    staging: '"nra_undo_0"'
  }

  it('writes staged rows in COPY text format, escaping what COPY reads as special', () => {
    expect(stagingLine('l', ['1', 'a\tb\\c\nd', null])).toBe('l\t1\ta\\tb\\\\c\\nd\t\\N\n')
  })

  it('inserts identity ALWAYS values with OVERRIDING SYSTEM VALUE and never updates them', () => {
    const sql = undoSql(target)
    expect(sql.restore).toContain('INSERT INTO "public"."accounts" ("id", "owner") OVERRIDING SYSTEM VALUE SELECT')
    expect(sql.revert).toContain('SET "owner" = l."owner" FROM')
    expect(sql.revert).toContain('ROW(h."id", h."owner")::text = ROW(b."id", b."owner")::text')
    expect(undoSql({ ...target, columns: ['id'] }).revert).toBe('SELECT 0 AS count')
    expect(conflictsSql(target)).toContain('IS DISTINCT FROM')
  })
})
