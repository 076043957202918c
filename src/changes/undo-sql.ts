/**
 * The SQL of an undo: a three-way merge of each changed row as it was at the last good point (L), at the first bad
 * point (B) and at head (H). The changed rows are staged in one temporary table (`side` 'l' holds L's version of
 * deleted and updated rows, 'b' holds B's of inserted and updated ones), then three statements run at head:
 * - restore: a deleted row comes back where no row with its key exists at head;
 * - revert: an updated row is set back to L where H still equals B;
 * - remove: an inserted row is deleted where H still equals B.
 * Rows are compared whole, as the text of every compared column (text compares every type, json included, which
 * has no equality operator). Pure: src/operations/undo.ts runs it in one transaction.
 */
import { quoteIdent } from '../recovery-sql.js'
import type { Row } from './diff.js'

export interface UndoTarget {
  /** The table at head: quoted, schema-qualified. */
  into: string
  /** The compared columns (the same at L, B and head), in the staged order. */
  columns: string[]
  keyColumns: string[]
  /** Identity ALWAYS columns at head: written only with OVERRIDING SYSTEM VALUE, and never by UPDATE. */
  alwaysIdentity: string[]
  /** The temporary staging table: quoted. */
  staging: string
}

/** The staging table's column that says which point a row is from ('l' or 'b'); a name no table is likely to have. */
export const SIDE_COLUMN = 'nra undo side'
const SIDE = quoteIdent(SIDE_COLUMN)
/** How many conflicting keys a table reports. */
export const CONFLICT_KEY_LIMIT = 100

export function stagingTableSql(target: UndoTarget): string {
  return (
    `CREATE TEMPORARY TABLE ${target.staging} ON COMMIT DROP AS SELECT NULL::text AS ${SIDE}, ` +
    `${target.columns.map(quoteIdent).join(', ')} FROM ${target.into} WITH NO DATA`
  )
}

export function stagingCopySql(target: UndoTarget): string {
  return `COPY ${target.staging} (${[SIDE, ...target.columns.map(quoteIdent)].join(', ')}) FROM STDIN`
}

/** After the COPY: an index for the joins, and statistics (autovacuum never analyzes temporary tables). */
export function stagingIndexSql(target: UndoTarget): string[] {
  return [
    `CREATE INDEX ON ${target.staging} (${[SIDE, ...target.keyColumns.map(quoteIdent)].join(', ')})`,
    `ANALYZE ${target.staging}`
  ]
}

/** One staged row in COPY's text format: the side, then each value (`\N` for NULL, backslash escapes). */
export function stagingLine(side: 'l' | 'b', row: Row): string {
  const escape = (value: string) =>
    value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')
  return [side, ...row.map((value) => (value === null ? '\\N' : escape(value)))].join('\t') + '\n'
}

const keysEqual = (a: string, b: string, keys: string[]) =>
  `(${keys.map((key) => `${a}.${quoteIdent(key)}`).join(', ')}) = (${keys.map((key) => `${b}.${quoteIdent(key)}`).join(', ')})`
const rowText = (alias: string, columns: string[]) =>
  `ROW(${columns.map((column) => `${alias}.${quoteIdent(column)}`).join(', ')})::text`
const counted = (statement: string) => `WITH done AS (${statement} RETURNING 1) SELECT count(*)::int AS count FROM done`

/** The three statements, in order; each returns `count`, the rows it changed. */
export function undoSql(target: UndoTarget): { restore: string; revert: string; remove: string } {
  const { into, staging, columns, keyColumns: keys } = target
  const list = columns.map(quoteIdent).join(', ')
  const overriding = target.alwaysIdentity.some((column) => columns.includes(column)) ? ' OVERRIDING SYSTEM VALUE' : ''
  const settable = columns.filter((column) => !keys.includes(column) && !target.alwaysIdentity.includes(column))
  const onlyOn = (alias: string, side: 'l' | 'b', other: 'l' | 'b') =>
    `${alias}.${SIDE} = '${side}' AND NOT EXISTS (SELECT FROM ${staging} o WHERE o.${SIDE} = '${other}' AND ${keysEqual('o', alias, keys)})`
  const restore = counted(
    `INSERT INTO ${into} (${list})${overriding} SELECT ${columns.map((column) => `l.${quoteIdent(column)}`).join(', ')} ` +
      `FROM ${staging} l WHERE ${onlyOn('l', 'l', 'b')} ` +
      `AND NOT EXISTS (SELECT FROM ${into} h WHERE ${keysEqual('h', 'l', keys)}) ` +
      // A row inserted at head meanwhile (by another session) is a conflict, found afterwards, not an error.
      `ON CONFLICT (${keys.map(quoteIdent).join(', ')}) DO NOTHING`
  )
  // Only key or identity ALWAYS columns: a row cannot have been updated, so there is nothing to revert.
  const revert =
    settable.length === 0
      ? 'SELECT 0 AS count'
      : counted(
          `UPDATE ${into} h SET ${settable.map((column) => `${quoteIdent(column)} = l.${quoteIdent(column)}`).join(', ')} ` +
            `FROM ${staging} l JOIN ${staging} b ON b.${SIDE} = 'b' AND ${keysEqual('b', 'l', keys)} ` +
            `WHERE l.${SIDE} = 'l' AND ${keysEqual('h', 'l', keys)} AND ${rowText('h', columns)} = ${rowText('b', columns)}`
        )
  const remove = counted(
    `DELETE FROM ${into} h USING ${staging} b WHERE ${onlyOn('b', 'b', 'l')} AND ${keysEqual('h', 'b', keys)} ` +
      `AND ${rowText('h', columns)} = ${rowText('b', columns)}`
  )
  return { restore, revert, remove }
}

/**
 * Run after the three statements: the changed keys whose row at head is not (now) as it was at L, absent counting
 * as a state too. Those are the rows changed again since, which the undo left as they are (a row someone already
 * put back by hand is not one). Returns `count` and the first CONFLICT_KEY_LIMIT keys as diff.ts's keyText writes them.
 */
export function conflictsSql(target: UndoTarget): string {
  const { into, staging, columns, keyColumns: keys } = target
  const keyList = keys.map(quoteIdent).join(', ')
  const first = quoteIdent(keys[0])
  const text =
    keys.length === 1
      ? `c.${first}::text`
      : `'(' || concat_ws(', ', ${keys.map((key) => `c.${quoteIdent(key)}::text`).join(', ')}) || ')'`
  return (
    `WITH changed AS (SELECT DISTINCT ${keyList} FROM ${staging}), ` +
    `conflicts AS (SELECT c.*, ${text} AS "nra key" FROM changed c ` +
    `LEFT JOIN ${staging} l ON l.${SIDE} = 'l' AND ${keysEqual('l', 'c', keys)} ` +
    `LEFT JOIN ${into} h ON ${keysEqual('h', 'c', keys)} ` +
    `WHERE (CASE WHEN h.${first} IS NULL THEN NULL ELSE ${rowText('h', columns)} END) IS DISTINCT FROM ` +
    `(CASE WHEN l.${SIDE} IS NULL THEN NULL ELSE ${rowText('l', columns)} END)) ` +
    `SELECT (SELECT count(*) FROM conflicts)::int AS count, ` +
    `ARRAY(SELECT "nra key" FROM conflicts ORDER BY ${keyList} LIMIT ${CONFLICT_KEY_LIMIT}) AS keys`
  )
}
