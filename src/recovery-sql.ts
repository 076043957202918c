/**
 * The SQL of `recover`: table shapes read from the catalogs (not pg_dump, whose version on a runner may be older
 * than the server), the DDL and COPY statements built from them with every identifier quoted, and the COPY
 * pipe that streams rows from the past (a read-only time-travel connection) into the live branch.
 */
import { pipeline } from 'node:stream/promises'
import type pg from 'pg'
import { from as copyFrom, to as copyTo } from 'pg-copy-streams'

export interface Column {
  name: string
  /** As format_type prints it, schema-qualified unless in pg_catalog (read with search_path = pg_catalog). */
  type: string
  notNull: boolean
  /** The default expression; undefined when none. */
  default?: string
  /** A stored generated column: its values are computed, never written. */
  generated: boolean
  /** 'a' (ALWAYS), 'd' (BY DEFAULT) or '' for columns that are not identity columns. */
  identity: string
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

/** `recovered_20261124_063357`: the default target schema of a recovery at `now` (UTC). */
export function defaultSchemaName(now: Date): string {
  const iso = now.toISOString()
  return `recovered_${iso.slice(0, 10).replace(/-/g, '')}_${iso.slice(11, 19).replace(/:/g, '')}`
}

/** Defaults that take values from a sequence would tie the copy to the original's sequence (or fail without it). */
function keepsDefault(column: Column): boolean {
  return column.default !== undefined && !/\bnextval\s*\(/i.test(column.default)
}

/**
 * CREATE TABLE for a copy of `shape` in `schema`: same column types, NOT NULL, primary key, and the defaults
 * that do not use sequences. Identity and generated columns become plain columns holding the copied values.
 */
export function createTableSql(schema: string, shape: TableShape): string {
  const lines = shape.columns.map((column) => {
    const parts = [quoteIdent(column.name), column.type]
    if (column.notNull) parts.push('NOT NULL')
    if (!column.generated && keepsDefault(column)) parts.push(`DEFAULT ${column.default}`)
    return `  ${parts.join(' ')}`
  })
  if (shape.primaryKey) lines.push(`  ${shape.primaryKey.definition}`)
  return `CREATE TABLE ${qualifiedName(schema, shape.name)} (\n${lines.join(',\n')}\n)`
}

/** The rows to copy: `columns` of the table at the point, only those matching `where` when given. */
export function selectSql(shape: TableShape, columns: string[], where?: string): string {
  // ONLY keeps rows of inheritance children out; a partitioned table's rows are all in its partitions.
  const only = shape.kind === 'r' ? 'ONLY ' : ''
  const list = columns.map(quoteIdent).join(', ')
  const filter = where === undefined ? '' : ` WHERE (${where})`
  return `SELECT ${list} FROM ${only}${qualifiedName(shape.schema, shape.name)}${filter}`
}

export function copyOutSql(select: string): string {
  return `COPY (${select}) TO STDOUT`
}

export function copyInSql(target: string, columns: string[]): string {
  return `COPY ${target} (${columns.map(quoteIdent).join(', ')}) FROM STDIN`
}

/** How many keys of merged rows the summary lists in its undo statement. */
export const UNDO_KEY_LIMIT = 1000

/**
 * Inserts the staged rows that are missing from `target` (by primary key) and returns how many, with the keys of
 * the first UNDO_KEY_LIMIT as SQL row literals for an undo statement.
 */
export function mergeSql(options: {
  target: string
  staging: string
  columns: string[]
  keyColumns: string[]
  overridingSystemValue: boolean
}): string {
  const list = options.columns.map(quoteIdent).join(', ')
  const keys = options.keyColumns.map(quoteIdent).join(', ')
  const literal = `format('(${options.keyColumns.map(() => '%L').join(', ')})', ${options.keyColumns
    .map((column) => `k.${quoteIdent(column)}`)
    .join(', ')})`
  const overriding = options.overridingSystemValue ? ' OVERRIDING SYSTEM VALUE' : ''
  return (
    `WITH inserted AS (INSERT INTO ${options.target} (${list})${overriding} ` +
    `SELECT ${list} FROM ${options.staging} ON CONFLICT (${keys}) DO NOTHING RETURNING ${keys}) ` +
    `SELECT (SELECT count(*) FROM inserted)::bigint::text AS count, ` +
    `(SELECT string_agg(${literal}, ', ') FROM (SELECT * FROM inserted LIMIT ${UNDO_KEY_LIMIT}) k) AS keys`
  )
}

/** The statement that removes merged rows again, from the keys mergeSql returned. */
export function undoMergeSql(target: string, keyColumns: string[], keys: string): string {
  return `DELETE FROM ${target} WHERE (${keyColumns.map(quoteIdent).join(', ')}) IN (${keys});`
}

/** The shape of the table `text` names (resolved as PostgreSQL resolves it, search_path included), or undefined. */
export async function readTableShape(client: pg.Client, text: string): Promise<TableShape | undefined> {
  const found = await client.query<{ oid: number; schema: string; name: string; kind: string }>(
    `SELECT c.oid::int AS oid, n.nspname AS schema, c.relname AS name, c.relkind::text AS kind
       FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      WHERE c.oid = pg_catalog.to_regclass($1)`,
    [text]
  )
  if (found.rows.length === 0) return undefined
  const { oid, schema, name, kind } = found.rows[0]
  if (kind !== 'r' && kind !== 'p') {
    throw new Error(`${displayName({ schema, name })} is not a table (relkind ${kind}); recover copies tables`)
  }
  // Qualify every type and expression by reading them with only pg_catalog on the search path.
  await client.query(`SET search_path = pg_catalog`)
  try {
    const columns = await client.query<Column & { default: string | null }>(
      `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS "notNull",
              pg_get_expr(d.adbin, d.adrelid) AS default, a.attgenerated <> '' AS generated,
              a.attidentity::text AS identity
         FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        WHERE a.attrelid = $1 AND a.attnum > 0 AND NOT a.attisdropped
        ORDER BY a.attnum`,
      [oid]
    )
    const key = await client.query<{ definition: string; columns: string[] }>(
      `SELECT pg_get_constraintdef(con.oid) AS definition,
              array(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
                      JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
                     ORDER BY k.ord) AS columns
         FROM pg_constraint con
        WHERE con.conrelid = $1 AND con.contype = 'p'`,
      [oid]
    )
    return {
      schema,
      name,
      kind: kind as TableShape['kind'],
      columns: columns.rows.map((column) => ({ ...column, default: column.default ?? undefined })),
      primaryKey: key.rows[0]
    }
  } finally {
    // After a failed query the error above is what matters; a failed reset would only hide it.
    await client.query('RESET search_path').catch(() => undefined)
  }
}

export async function schemaExists(client: pg.Client, schema: string): Promise<boolean> {
  const result = await client.query('SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = $1', [schema])
  return result.rows.length > 0
}

/**
 * Parses `select` on the server with the extended protocol, which refuses a second statement, without running
 * it: the check that `where` is one condition and names only what exists at the point.
 */
export async function checkSelect(client: pg.Client, select: string): Promise<void> {
  await client.query({ text: `${select} LIMIT 0`, queryMode: 'extended' } as pg.QueryConfig)
}

/**
 * Streams the rows of `select` on `past` into `target` on `live` with COPY: the past side's COPY TO STDOUT piped
 * into the live side's COPY FROM STDIN, so no more than a few buffers of rows are in memory at once.
 * Returns the row counts both sides reported.
 */
export async function copyRows(
  past: pg.Client,
  live: pg.Client,
  select: string,
  target: string,
  columns: string[]
): Promise<{ read: number; written: number }> {
  const source = past.query(copyTo(copyOutSql(select)))
  const sink = live.query(copyFrom(copyInSql(target, columns)))
  await pipeline(source, sink)
  return { read: source.rowCount, written: sink.rowCount }
}
