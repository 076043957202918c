/**
 * How a table is compared across two points: which columns, which key, and the SELECT that streams its rows in
 * the order src/changes/diff.ts merges them. Pure: the shapes come from src/postgres/tables.ts.
 */
import { qualifiedName, quoteIdent, type TableShape } from '../recovery-sql.js'
import type { KeyKind, RowLayout } from './diff.js'

/** Types whose primary key index order is the numeric order diff.ts compares by. */
const INTEGER_TYPES = new Set(['smallint', 'integer', 'bigint'])

export interface Comparison {
  layout: RowLayout
  /** Why the changes of this table cannot be undone (compared all the same); undefined when they can. */
  undoRefusal?: string
}

/**
 * The columns both points have with the same type (generated ones left out: they follow from the others), keyed
 * by the primary key when both points have the same one. Undo needs that key and the same columns at both points.
 */
export function comparison(before: TableShape, after: TableShape): Comparison {
  const types = new Map(after.columns.filter((column) => !column.generated).map((column) => [column.name, column.type]))
  const kept = before.columns.filter((column) => !column.generated && types.get(column.name) === column.type)
  const columns = kept.map((column) => column.name)
  const keyColumns =
    samePrimaryKey(before, after) && before.primaryKey!.columns.every((name) => columns.includes(name))
      ? before.primaryKey!.columns
      : undefined
  const refusals: string[] = []
  if (kept.length !== types.size || kept.length !== before.columns.filter((column) => !column.generated).length) {
    refusals.push(
      'its columns differ between the two points (the change altered the table), so rows cannot be put back'
    )
  }
  if (!keyColumns) {
    refusals.push(
      'it has no primary key (the same at both points), so its rows are compared whole and a row changed since ' +
        'cannot be told from one the change made'
    )
  }
  const key = keyColumns ? keyColumns.map((name) => columns.indexOf(name)) : columns.map((_, index) => index)
  const kinds = key.map((index): KeyKind => {
    const type = kept[index].type
    return keyColumns && INTEGER_TYPES.has(type) ? 'integer' : 'text'
  })
  const layout = { columns, key, keyKinds: kinds, keyed: keyColumns !== undefined }
  return { layout, undoRefusal: refusals.length > 0 ? refusals.join('; ') : undefined }
}

function samePrimaryKey(before: TableShape, after: TableShape): boolean {
  const a = before.primaryKey?.columns
  const b = after.primaryKey?.columns
  return a !== undefined && b !== undefined && a.length === b.length && a.every((name, index) => name === b[index])
}

/**
 * Every compared column as text, in key order: integer keys in their own order (the primary key index reads them
 * so, without a sort), anything else by its text in the "C" collation (a sort on the server, which spills to disk
 * on a large table, rather than memory here). NULLs come last, as compareKeys expects.
 */
export function orderedSelectSql(shape: TableShape, layout: RowLayout, where?: string): string {
  // Output names of their own: ORDER BY "id" would otherwise sort by the output column "id", the text.
  const list = layout.columns.map((column, index) => `${quoteIdent(column)}::text AS "nra ${index}"`).join(', ')
  const order = layout.key
    .map((index, position) => {
      const column = quoteIdent(layout.columns[index])
      return layout.keyKinds[position] === 'integer' ? column : `${column}::text COLLATE "C"`
    })
    .join(', ')
  // ONLY keeps rows of inheritance children out; a partitioned table's rows are all in its partitions.
  const only = shape.kind === 'r' ? 'ONLY ' : ''
  const filter = where === undefined ? '' : ` WHERE (${where})`
  return `SELECT ${list} FROM ${only}${qualifiedName(shape.schema, shape.name)}${filter} ORDER BY ${order}`
}
