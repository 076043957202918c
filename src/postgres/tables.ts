/**
 * What recover reads about tables before it writes, and only here: a table's shape from the catalogs (not
 * pg_dump, whose version on a runner may be older than the server), whether a schema exists, and whether the
 * SELECT of the rows to copy parses at the point. The SQL built from them is src/recovery-sql.ts.
 */
import type pg from 'pg'
import { displayName, type Column, type TableShape } from '../recovery-sql.js'
import type { Client } from './connect.js'

/** The shape of the table `text` names (resolved as PostgreSQL resolves it, search_path included), or undefined. */
export async function readTableShape(client: Client, text: string): Promise<TableShape | undefined> {
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
    const columns = await client.query<Column>(
      `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS "notNull",
              a.attgenerated <> '' AS generated, a.attidentity::text AS identity,
              -- A built-in type (and element type) with binary send and receive functions: see binaryCopyable.
              (t.typnamespace = 'pg_catalog'::regnamespace AND t.typsend <> 0 AND t.typreceive <> 0
                AND (e.oid IS NULL OR (e.typnamespace = 'pg_catalog'::regnamespace AND e.typsend <> 0
                                       AND e.typreceive <> 0))) AS "builtinBinary"
         FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid LEFT JOIN pg_type e ON e.oid = t.typelem
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
      columns: columns.rows,
      primaryKey: key.rows[0]
    }
  } finally {
    // After a failed query the error above is what matters; a failed reset would only hide it.
    await client.query('RESET search_path').catch(() => undefined)
  }
}

export async function schemaExists(client: Client, schema: string): Promise<boolean> {
  const result = await client.query('SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = $1', [schema])
  return result.rows.length > 0
}

/**
 * Parses `select` on the server with the extended protocol, which refuses a second statement, without running
 * it: the check that `where` is one condition and names only what exists at the point.
 */
export async function checkSelect(client: Client, select: string): Promise<void> {
  await client.query({ text: `${select} LIMIT 0`, queryMode: 'extended' } as pg.QueryConfig)
}
