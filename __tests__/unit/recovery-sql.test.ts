import {
  binaryCopyable,
  copyInSql,
  copyOutSql,
  defaultSchemaName,
  mergeSql,
  parseIdentifierText,
  qualifiedName,
  quoteIdent,
  selectSql,
  undoMergeSql,
  type TableShape
} from '../../src/recovery-sql.js'

const orders: TableShape = {
  schema: 'public',
  name: 'orders',
  kind: 'r',
  columns: [
    {
      name: 'id',
      type: 'integer',
      notNull: true,
      generated: false,
      identity: '',
      builtinBinary: true
    },
    { name: 'total', type: 'numeric(10,2)', notNull: false, generated: false, identity: '', builtinBinary: true },
    {
      name: 'Status',
      type: 'public.status',
      notNull: true,
      generated: false,
      identity: '',
      builtinBinary: false
    },
    { name: 'doubled', type: 'numeric', notNull: false, generated: true, identity: '', builtinBinary: true },
    { name: 'seq', type: 'bigint', notNull: true, generated: false, identity: 'a', builtinBinary: true }
  ],
  primaryKey: { definition: 'PRIMARY KEY (id)', columns: ['id'] }
}

describe('recovery SQL', () => {
  it('quotes every identifier, doubling inner quotes', () => {
    expect(quoteIdent('orders')).toBe('"orders"')
    expect(quoteIdent('Line "Items"')).toBe('"Line ""Items"""')
    expect(qualifiedName('Sales Data', 'x;drop')).toBe('"Sales Data"."x;drop"')
  })

  it('reads identifiers as PostgreSQL does: quoted exactly, unquoted lower-cased', () => {
    expect(parseIdentifierText('Rescue')).toBe('rescue')
    expect(parseIdentifierText('"Rescue ""Here"""')).toBe('Rescue "Here"')
  })

  it('names the default schema after the time in UTC', () => {
    expect(defaultSchemaName(new Date('2026-11-24T06:33:57.123Z'))).toBe('recovered_20261124_063357')
  })

  it('reads only the table itself, or every partition of a partitioned table', () => {
    expect(selectSql(orders, ['id', 'Status'])).toBe('SELECT "id", "Status" FROM ONLY "public"."orders"')
    expect(selectSql({ ...orders, kind: 'p' }, ['id'], 'id < 10')).toBe(
      'SELECT "id" FROM "public"."orders" WHERE (id < 10)'
    )
  })

  it('merges the rows missing by primary key, skipping conflicts only when asked, and returns the keys for the undo', () => {
    const options = {
      into: '"public"."orders"',
      staging: '"nra_recover_0"',
      columns: ['id', 'seq'],
      keyColumns: ['id', 'seq'],
      overridingSystemValue: true
    }
    const insert =
      'INSERT INTO "public"."orders" ("id", "seq") OVERRIDING SYSTEM VALUE SELECT "id", "seq" FROM "nra_recover_0" s ' +
      'WHERE NOT EXISTS (SELECT FROM "public"."orders" t WHERE t."id" = s."id" AND t."seq" = s."seq")'
    const plain = mergeSql({ ...options, skipConflicts: false })
    expect(plain).toContain(`${insert} RETURNING "id", "seq"`)
    expect(plain).not.toContain('ON CONFLICT')
    const skipping = mergeSql({ ...options, skipConflicts: true })
    expect(skipping).toContain(`${insert} ON CONFLICT ("id", "seq") DO NOTHING RETURNING "id", "seq"`)
    expect(skipping).toContain(`format('(%L, %L)', k."id", k."seq")`)
    expect(undoMergeSql('"public"."orders"', ['id'], "('1'), ('2')")).toBe(
      `DELETE FROM "public"."orders" WHERE ("id") IN (('1'), ('2'));`
    )
  })

  it('sends rows in binary only when every column has the same built-in type on both sides', () => {
    const [id, total, status] = orders.columns
    expect(binaryCopyable(['id', 'total'], orders.columns, orders.columns)).toBe(true)
    // A user type (enum, composite, domain) goes as text: its binary form can carry OIDs of the past.
    expect(binaryCopyable(['id', 'Status'], orders.columns, orders.columns)).toBe(false)
    // A type changed since (integer at the point, bigint at head): binary integer data cannot be read as bigint.
    expect(binaryCopyable(['id'], [id], [{ ...id, type: 'bigint' }])).toBe(false)
    expect(binaryCopyable(['total'], [total], [])).toBe(false)
    expect(status.builtinBinary).toBe(false)
  })

  it('writes the COPY statements in the format chosen', () => {
    expect(copyOutSql('SELECT 1')).toBe('COPY (SELECT 1) TO STDOUT')
    expect(copyOutSql('SELECT 1', 'binary')).toBe('COPY (SELECT 1) TO STDOUT (FORMAT binary)')
    expect(copyInSql('"public"."t"', ['a'], 'binary')).toBe('COPY "public"."t" ("a") FROM STDIN (FORMAT binary)')
  })
})
