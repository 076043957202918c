/**
 * What bisect can tell beyond the boundary, read over time-travel connections on both sides of it: the commit
 * time of the first bad LSN and the schema difference. A failure here only loses the extra detail.
 */
import { formatTime } from '../../format.js'
import type { Lsn } from '../../lsn.js'
import { pastUri, readRows, type BranchEndpoint } from '../../postgres/index.js'
import type { SearchResult } from '../../search.js'

export interface Insights {
  badCommitTime?: string
  /** `-` lines at the last good LSN only, `+` lines at the first bad LSN only. */
  schemaDiff?: string[]
  notes: string[]
}

/**
 * One line per schema object, so two points compare as two sorted sets of lines. Catalog columns only: functions
 * like pg_get_expr open the table, and at a point inside an uncommitted DDL that would wait on its lock forever.
 */
const SCHEMA_SQL = `
WITH rels AS (
  SELECT c.oid, c.relkind, quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS name
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f', 'i')
    AND n.nspname NOT IN ('pg_catalog', 'information_schema')
    AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'
)
SELECT line FROM (
  SELECT CASE relkind WHEN 'v' THEN 'view ' WHEN 'm' THEN 'materialized view ' WHEN 'S' THEN 'sequence '
         WHEN 'f' THEN 'foreign table ' WHEN 'i' THEN 'index ' ELSE 'table ' END || name AS line
  FROM rels
  UNION ALL
  SELECT 'column ' || r.name || '.' || quote_ident(a.attname) || ' ' || format_type(a.atttypid, a.atttypmod)
         || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END || CASE WHEN a.atthasdef THEN ' with default' ELSE '' END
  FROM rels r JOIN pg_attribute a ON a.attrelid = r.oid AND a.attnum > 0 AND NOT a.attisdropped
  WHERE r.relkind NOT IN ('S', 'i')
  UNION ALL
  SELECT 'constraint ' || r.name || '.' || quote_ident(c.conname) || ' ' ||
         CASE c.contype WHEN 'p' THEN 'primary key' WHEN 'u' THEN 'unique' WHEN 'f' THEN 'foreign key'
         WHEN 'c' THEN 'check' WHEN 'x' THEN 'exclusion' ELSE 'constraint' END
  FROM pg_constraint c JOIN rels r ON r.oid = c.conrelid
) lines ORDER BY line`

/** Read over time-travel connections at both sides of the boundary; a failure here only loses the extra detail. */
export async function readInsights(endpoint: BranchEndpoint, result: SearchResult): Promise<Insights> {
  const at = (lsn: Lsn) => pastUri(endpoint, lsn)
  const notes: string[] = []
  const note = (what: string) => (error: Error) => {
    notes.push(`Could not read ${what}: ${error.message}`)
    return undefined
  }
  const [commit, before, after] = await Promise.all([
    readRows<{ time: Date | null }>(at(result.firstBad), 'SELECT pg_last_xact_replay_timestamp() AS time').catch(
      note('the commit time of the first bad LSN')
    ),
    readRows<{ line: string }>(at(result.lastGood), SCHEMA_SQL).catch(note('the schema at the last good LSN')),
    readRows<{ line: string }>(at(result.firstBad), SCHEMA_SQL).catch(note('the schema at the first bad LSN'))
  ])
  const time = commit?.[0]?.time
  const insights: Insights = { notes, badCommitTime: time ? formatTime(time) : undefined }
  if (before && after)
    insights.schemaDiff = schemaDiff(
      before.map((row) => row.line),
      after.map((row) => row.line)
    )
  return insights
}

export function schemaDiff(before: string[], after: string[]): string[] {
  const old = new Set(before)
  const now = new Set(after)
  return [
    ...before.filter((line) => !now.has(line)).map((line) => `- ${line}`),
    ...after.filter((line) => !old.has(line)).map((line) => `+ ${line}`)
  ]
}
