/**
 * The SQL text of `recover`, built from table shapes (read by src/postgres/tables.ts) with every identifier
 * quoted: the DDL of a copy, the SELECT and COPY statements, the merge and its undo. Pure: no connection here.
 */

export interface Column {
  name: string
  /** As format_type prints it, schema-qualified unless in pg_catalog (read with search_path = pg_catalog). */
  type: string
  notNull: boolean
  /** A stored generated column: its values are computed, never written. */
  generated: boolean
  /** 'a' (ALWAYS), 'd' (BY DEFAULT) or '' for columns that are not identity columns. */
  identity: string
  /** A built-in type (arrays: of one) with binary send and receive functions. */
  builtinBinary: boolean
}

export interface TableShape {
  schema: string
  name: string
  /** r: ordinary table, p: partitioned table. */
  kind: 'r' | 'p'
  columns: Column[]
  primaryKey?: { definition: string; columns: string[] }
}

/** A PostgreSQL identifier in double quotes, inner quotes doubled. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`
}

export function qualifiedName(schema: string, name: string): string {
  return `${quoteIdent(schema)}.${quoteIdent(name)}`
}

/** How a table is named in outputs and summaries: `schema.table`, unquoted. */
export function displayName(table: { schema: string; name: string }): string {
  return `${table.schema}.${table.name}`
}

/** An identifier as the user wrote it, as PostgreSQL reads it: "Quoted" kept exactly, anything else lower-cased. */
export function parseIdentifierText(text: string): string {
  return text.startsWith('"') ? text.slice(1, -1).replace(/""/g, '"') : text.toLowerCase()
}

/** `recovered_20261124_063357`: the schema a recovery at `now` (UTC) copies into when `into` is not given. */
export function defaultSchemaName(now: Date): string {
  const iso = now.toISOString()
  return `recovered_${iso.slice(0, 10).replace(/-/g, '')}_${iso.slice(11, 19).replace(/:/g, '')}`
}

/** The rows to copy: `columns` of the table at the point, only those matching `where` when given. */
export function selectSql(shape: TableShape, columns: string[], where?: string): string {
  // ONLY keeps rows of inheritance children out; a partitioned table's rows are all in its partitions.
  const only = shape.kind === 'r' ? 'ONLY ' : ''
  const list = columns.map(quoteIdent).join(', ')
  const filter = where === undefined ? '' : ` WHERE (${where})`
  return `SELECT ${list} FROM ${only}${qualifiedName(shape.schema, shape.name)}${filter}`
}

/**
 * Whether the rows of `columns` can travel from `from` (the table at the point) to `to` (the table they go into)
 * in COPY's binary format, which skips printing and parsing every value as text: at 1M rows that halves the COPY
 * into recover's staging table (bench/RESULTS-recover.md). Binary data is type specific ("it will not work to
 * output binary data from a smallint column and read it into an integer column", PostgreSQL's COPY page) and
 * carries type OIDs inside arrays, so it is used only when every column has the same built-in type on both
 * sides, both sides being one Neon project and so one server version. Anything else goes as text, which converts.
 */
export function binaryCopyable(columns: string[], from: Column[], to: Column[]): boolean {
  return columns.every((name) => {
    const past = from.find((column) => column.name === name)
    const into = to.find((column) => column.name === name)
    return past !== undefined && into !== undefined && past.builtinBinary && past.type === into.type
  })
}

export type CopyFormat = 'text' | 'binary'

function copyOptions(format: CopyFormat): string {
  return format === 'binary' ? ' (FORMAT binary)' : ''
}

export function copyOutSql(select: string, format: CopyFormat = 'text'): string {
  return `COPY (${select}) TO STDOUT${copyOptions(format)}`
}

/** COPY into `columns` of `into`, a quoted, schema-qualified table. */
export function copyInSql(into: string, columns: string[], format: CopyFormat = 'text'): string {
  return `COPY ${into} (${columns.map(quoteIdent).join(', ')}) FROM STDIN${copyOptions(format)}`
}

/** How many keys of merged rows the summary lists in its undo statement. */
export const UNDO_KEY_LIMIT = 1000

/**
 * Inserts the staged rows that are missing from `into` (by primary key) and returns how many, with the keys of
 * the first UNDO_KEY_LIMIT as SQL row literals for an undo statement. The NOT EXISTS leaves out the rows already
 * there when the statement starts. Without `skipConflicts` the INSERT is plain: 1.5-2 times as fast as ON CONFLICT
 * (whose speculative insertion costs per row; bench/RESULTS-recover.md), and it fails with a unique violation when
 * a concurrent writer commits one of the keys meanwhile. With it, ON CONFLICT DO NOTHING skips such a row instead.
 */
export function mergeSql(options: {
  into: string
  staging: string
  columns: string[]
  keyColumns: string[]
  overridingSystemValue: boolean
  skipConflicts: boolean
}): string {
  const list = options.columns.map(quoteIdent).join(', ')
  const keys = options.keyColumns.map(quoteIdent).join(', ')
  const sameKey = options.keyColumns.map((column) => `t.${quoteIdent(column)} = s.${quoteIdent(column)}`).join(' AND ')
  const literal = `format('(${options.keyColumns.map(() => '%L').join(', ')})', ${options.keyColumns
    .map((column) => `k.${quoteIdent(column)}`)
    .join(', ')})`
  const overriding = options.overridingSystemValue ? ' OVERRIDING SYSTEM VALUE' : ''
  const onConflict = options.skipConflicts ? ` ON CONFLICT (${keys}) DO NOTHING` : ''
  return (
    `WITH inserted AS (INSERT INTO ${options.into} (${list})${overriding} ` +
    `SELECT ${list} FROM ${options.staging} s WHERE NOT EXISTS (SELECT FROM ${options.into} t WHERE ${sameKey})` +
    `${onConflict} RETURNING ${keys}) ` +
    `SELECT (SELECT count(*) FROM inserted)::bigint::text AS count, ` +
    `(SELECT string_agg(${literal}, ', ') FROM (SELECT * FROM inserted LIMIT ${UNDO_KEY_LIMIT}) k) AS keys`
  )
}

/** The statement that removes merged rows again, from the keys mergeSql returned. */
export function undoMergeSql(into: string, keyColumns: string[], keys: string): string {
  return `DELETE FROM ${into} WHERE (${keyColumns.map(quoteIdent).join(', ')}) IN (${keys});`
}
