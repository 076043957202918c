/**
 * What changed in some tables between two points of a branch, read over two read-only time-travel connections:
 * each table streamed at both points in key order and merged (src/changes/diff.ts), so memory stays flat however
 * large the table. Also which tables a check reads, from its plan (src/changes/relations.ts). bisect reports it
 * across its boundary; recover's mode: undo stages the changed rows through the same diff (./undo.ts).
 */
import { comparison, orderedSelectSql, type Comparison } from '../changes/compare-sql.js'
import { diffRows, type ChangeSink, type TableDiff } from '../changes/diff.js'
import { relationsInPlan } from '../changes/relations.js'
import { beginReadOnly, canonicalText, connect, readTableShape, streamRows, type Client } from '../postgres/index.js'
import { displayName, quoteIdent, type TableShape } from '../recovery-sql.js'

/** A table compared across two points. */
export interface ComparedTable {
  /** `schema.table`, as outputs name it. */
  table: string
  /** The table at the later point. */
  shape: TableShape
  comparison: Comparison
  /** The SELECT run at both points. */
  select: string
}

export interface TableChanges extends ComparedTable {
  diff: TableDiff
}

/** A point inside an uncommitted DDL keeps its lock for ever on a read-only compute: give up on it, do not wait. */
const LOCK_TIMEOUT_MS = 5000

/**
 * A read-only session at a point, in one snapshot, its values in their canonical text; the caller ends it. Neon's
 * Time Travel page (https://neon.com/docs/guides/time-travel-assist) gives such a connection for running queries
 * on an ephemeral compute; it does not list which statements work there. A cursor (as operation: query reads) and
 * EXPLAIN are ordinary read-only statements; the emulator serves them from a real PostgreSQL at the point.
 */
export async function openAt(uri: string): Promise<Client> {
  const client = await connect(uri)
  try {
    await client.query('BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY')
    await client.query(`SET LOCAL lock_timeout = ${LOCK_TIMEOUT_MS}`)
    await canonicalText(client)
    return client
  } catch (error) {
    await client.end().catch(() => undefined)
    throw error
  }
}

/** Each table as both points have it; `label` names the points in the error when a table is missing at one. */
export async function compareTables(
  before: Client,
  after: Client,
  tables: string[],
  label: { before: string; after: string },
  where?: string
): Promise<ComparedTable[]> {
  const compared: ComparedTable[] = []
  for (const table of tables) {
    const [old, now] = [await readTableShape(before, table), await readTableShape(after, table)]
    if (!old || !now) throw new Error(`${table} does not exist at ${old ? label.after : label.before}`)
    const found = comparison(old, now)
    compared.push({
      table: displayName(now),
      shape: now,
      comparison: found,
      select: orderedSelectSql(now, found.layout, where)
    })
  }
  return compared
}

/** Streams the table at both points and merges them; `sink` hears of each changed row. */
export function diffTable(before: Client, after: Client, table: ComparedTable, sink?: ChangeSink): Promise<TableDiff> {
  return diffRows(streamRows(before, table.select), streamRows(after, table.select), table.comparison.layout, sink)
}

/** What changed in `tables` between the points `beforeUri` and `afterUri` reach. */
export async function readChanges(
  beforeUri: string,
  afterUri: string,
  tables: string[],
  label: { before: string; after: string }
): Promise<TableChanges[]> {
  const before = await openAt(beforeUri)
  try {
    const after = await openAt(afterUri)
    try {
      const compared = await compareTables(before, after, tables, label)
      const changes: TableChanges[] = []
      for (const table of compared) changes.push({ ...table, diff: await diffTable(before, after, table) })
      return changes
    } finally {
      await after.end().catch(() => undefined)
    }
  } finally {
    await before.end().catch(() => undefined)
  }
}

/** A table as SQL (and the `tables` input) name it: `public.users`, quoting only what needs it. */
export function tableText(table: { schema: string; name: string }): string {
  const part = (name: string) => (/^[a-z_][a-z0-9_$]*$/.test(name) ? name : quoteIdent(name))
  return `${part(table.schema)}.${part(table.name)}`
}

/**
 * The tables (ordinary or partition leaves) that `check` reads, from its plan at the point `uri` reaches: EXPLAIN
 * plans without running it. A function that queries a table inside is opaque to the plan, so its tables are not
 * found: the `tables` input names them then.
 */
export async function tablesReadBy(uri: string, check: string): Promise<string[]> {
  const client = await connect(uri)
  try {
    await beginReadOnly(client, { timeoutMs: 30_000, lockTimeoutMs: LOCK_TIMEOUT_MS })
    const plan = await client.query<{ 'QUERY PLAN': unknown }>(
      `EXPLAIN (VERBOSE, FORMAT JSON) ${check.trim().replace(/;+$/, '')}`
    )
    const relations = relationsInPlan(plan.rows[0]['QUERY PLAN'])
    const tables = await client.query<{ name: string }>(
      `SELECT n.nspname || '.' || c.relname AS name FROM pg_catalog.pg_class c
         JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname || '.' || c.relname = ANY($1) AND c.relkind IN ('r', 'p')`,
      [relations.map(displayName)]
    )
    const kept = new Set(tables.rows.map((row) => row.name))
    return relations.filter((relation) => kept.has(displayName(relation))).map(tableText)
  } finally {
    await client.end().catch(() => undefined)
  }
}
