/**
 * Foreign keys, added after every table's rows are in: each is added NOT VALID (no check of the rows at all),
 * then validated on its own (src/operations/recreate.ts runs that in a savepoint), so a key that rows written
 * since violate can stay NOT VALID and be reported by the violators' keys, while the rest of the recovery stands.
 * Pure: no connection here.
 */
import { displayName, qualifiedName, quoteIdent } from '../recovery-sql.js'
import type { ForeignKeyDefinition, TableName } from './definition.js'
import { placed, type Placement } from './table.js'
import { quoteLiteral, replaceOnce } from './text.js'

/** How many violating rows a report names per key. */
export const VIOLATION_LIMIT = 100

export interface ForeignKeyDdl {
  /** The referencing table (where it is now), displayed. */
  table: string
  name: string
  /** ALTER TABLE ... ADD CONSTRAINT ... NOT VALID. */
  add: string
  /** ALTER TABLE ... VALIDATE CONSTRAINT; undefined for a key that was NOT VALID at the point already. */
  validate?: string
  /** Rows that break the key: `total` (of all, on every row) and `key` (JSON of the row's key columns). */
  violations: string
  comment?: string
}

/** A table keeps its place unless it is recovered together with the others into a schema. */
function where(table: TableName, placement: Placement): TableName {
  return placement.together.has(displayName(table)) ? placed(table, placement) : table
}

export function foreignKeyDdl(key: ForeignKeyDefinition, placement: Placement): ForeignKeyDdl {
  const table = where(key.table, placement)
  const into = qualifiedName(table.schema, table.name)
  const target = where(key.references, placement)
  const referenced = qualifiedName(target.schema, target.name)
  const definition = replaceOnce(
    key.definition.replace(/ NOT VALID$/, ''),
    ` REFERENCES ${key.references.printed}(`,
    ` REFERENCES ${referenced}(`
  )
  const name = quoteIdent(key.name)
  return {
    table: displayName(table),
    name: key.name,
    add: `ALTER TABLE ${into} ADD CONSTRAINT ${name} ${definition} NOT VALID`,
    validate: key.validated ? `ALTER TABLE ${into} VALIDATE CONSTRAINT ${name}` : undefined,
    violations: violationsSql(key, into, referenced),
    comment:
      key.comment === undefined ? undefined : `COMMENT ON CONSTRAINT ${name} ON ${into} IS ${quoteLiteral(key.comment)}`
  }
}

/**
 * The rows whose key columns are all set (a NULL in any passes, as with MATCH SIMPLE, the default) and match no
 * referenced row, named by the table's primary key and the key columns.
 */
function violationsSql(key: ForeignKeyDefinition, into: string, referenced: string): string {
  const named = [...new Set([...key.keyColumns, ...key.columns])]
  const json = named.map((column) => `${quoteLiteral(column)}, r.${quoteIdent(column)}`).join(', ')
  const set = key.columns.map((column) => `r.${quoteIdent(column)} IS NOT NULL`).join(' AND ')
  const match = key.columns
    .map((column, index) => `t.${quoteIdent(key.referencedColumns[index])} = r.${quoteIdent(column)}`)
    .join(' AND ')
  return (
    `SELECT count(*) OVER ()::text AS total, json_build_object(${json})::text AS key FROM ${into} r ` +
    `WHERE ${set} AND NOT EXISTS (SELECT FROM ${referenced} t WHERE ${match}) LIMIT ${VIOLATION_LIMIT}`
  )
}
