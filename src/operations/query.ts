/**
 * query: one read-only SQL statement on `branch` as it was at `at`, through a time-travel connection (Neon
 * starts a read-only compute at the point; no branch is created). The statement runs in a READ ONLY
 * transaction with a timeout, through the extended protocol (so a second statement is refused), and its rows
 * are read through a cursor, so a huge result is cut without being fetched.
 */
import type { QuerySettings } from '../inputs.js'
import { formatLsn } from '../lsn.js'
import type { NeonGateway } from '../neon/index.js'
import { describePoint } from '../point.js'
import { readQuery, StatementError } from '../postgres/index.js'
import type { OperationResult, RunContext } from '../run.js'
import { Summary } from '../summary.js'
import { checkPoint, resolveBranch } from './common.js'
import { connectionTo, pointUri, type BranchConnection } from './branch-connection.js'
import { locatePoint, type PointOn } from './lineage.js'

/** At most this many rows are read; `truncated` says when there were more. */
export const MAX_ROWS = 1000
/** The `result` output stays well under GitHub's 1 MiB limit for one step's outputs. */
export const MAX_RESULT_BYTES = 256 * 1024
/** Rows and cell lengths shown in the job summary. */
const SUMMARY_ROWS = 50
const SUMMARY_CELL = 200
const STATEMENT_TIMEOUT_MS = 5 * 60_000

export interface QueryPlan {
  settings: QuerySettings
  connection: BranchConnection
  /** Where the point is read: the branch, or the backup that held it before a restore. */
  at: PointOn
  /** The time-travel connection (masked). */
  uri: string
  /** The point as an LSN, when known before connecting (head and LSN points). */
  lsn?: string
}

export async function plan(settings: QuerySettings, gateway: NeonGateway, context: RunContext): Promise<QueryPlan> {
  const branch = await resolveBranch(gateway, settings.branch)
  const at = await locatePoint(gateway, branch, settings.at, 'at', settings.history)
  await checkPoint(gateway, at.branch, settings.at, 'at', context)
  const connection = await connectionTo(branch, settings, gateway, context, 'query')
  const { uri, lsn } = await pointUri(connection, settings.at, context, at.branch)
  return { settings, connection, at, uri, lsn: lsn === undefined ? undefined : formatLsn(lsn) }
}

export interface QueryResult {
  columns: string[]
  rows: Record<string, unknown>[]
  truncated: boolean
  /** The LSN the time-travel compute replayed to. */
  lsn?: string
}

/** A JSON value for any cell: bytea as `\x…` hex (as psql shows it), bigint as text. */
function jsonValue(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString()
  if (value && typeof value === 'object' && (value as { type?: string }).type === 'Buffer') {
    return '\\x' + Buffer.from((value as { data: number[] }).data).toString('hex')
  }
  return value
}

/** Explains the database's refusal in terms of the `sql` input. */
function explain(error: StatementError): Error {
  switch (error.code) {
    case '42601':
      if (/multiple commands/.test(error.message)) {
        return new Error('sql: give exactly one statement (query runs a single read-only statement, no ";" lists)')
      }
      return new Error(`sql: syntax error: ${error.message}`)
    case '25006':
      return new Error(`sql: the statement tries to write (${error.message}); query only reads the past`)
    case '57014':
      return new Error(`sql: cancelled after ${STATEMENT_TIMEOUT_MS / 60_000} minutes; narrow the query`)
    default:
      return new Error(`sql: ${error.message}${error.code ? ` (SQLSTATE ${error.code})` : ''}`)
  }
}

export async function runQuery(uri: string, sql: string): Promise<QueryResult> {
  try {
    const read = await readQuery(uri, sql, { maxRows: MAX_ROWS, timeoutMs: STATEMENT_TIMEOUT_MS })
    const lsn = read.replayLsn === undefined ? undefined : formatLsn(read.replayLsn)
    return { columns: read.columns, rows: read.rows, truncated: read.truncated, lsn }
  } catch (error) {
    throw error instanceof StatementError ? explain(error) : error
  }
}

/** The rows as JSON, cut (whole rows) to fit the output limit. */
export function resultJson(rows: Record<string, unknown>[]): { json: string; kept: number } {
  let kept = rows.length
  let json = JSON.stringify(rows, jsonValue)
  while (Buffer.byteLength(json) > MAX_RESULT_BYTES && kept > 0) {
    kept = Math.floor(kept * 0.8)
    json = JSON.stringify(rows.slice(0, kept), jsonValue)
  }
  return { json, kept }
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return 'NULL'
  const text = typeof value === 'string' ? value : JSON.stringify(value, jsonValue)
  return text.length > SUMMARY_CELL ? text.slice(0, SUMMARY_CELL) + '…' : text
}

export function describe(plan: QueryPlan): OperationResult {
  const summary = new Summary()
    .heading(`Dry run: Query of ${plan.connection.branch.name} at ${describePoint(plan.settings.at)}`)
    .paragraph(plan.at.note)
    .paragraph('Nothing was run. This step would run:')
    .code(plan.settings.sql, 'sql')
  return { outputs: {}, summary }
}

export async function execute(plan: QueryPlan): Promise<QueryResult & { ms: number }> {
  const started = Date.now()
  const result = await runQuery(plan.uri, plan.settings.sql)
  return { ...result, ms: Date.now() - started }
}

/** What query reports with either backend: the rows kept (cut to the output limit) and the outputs. */
export function queryOutputs(
  result: QueryResult,
  lsn: string | undefined
): { kept: number; truncated: boolean; outputs: Record<string, string> } {
  const { json, kept } = resultJson(result.rows)
  const truncated = result.truncated || kept < result.rows.length
  return {
    kept,
    truncated,
    outputs: { result: json, rows: String(kept), truncated: String(truncated), lsn: lsn ?? '' }
  }
}

export function rowsFact(kept: number, truncated: boolean): string {
  return `${kept}${truncated ? ` (cut: more rows than ${kept} or over ${MAX_RESULT_BYTES / 1024} KiB)` : ''}`
}

/** The statement and the first rows, in the job summary, with either backend. */
export function addResult(summary: Summary, sql: string, result: QueryResult, kept: number): void {
  summary.code(sql, 'sql')
  if (result.columns.length === 0) return
  const shown = result.rows.slice(0, Math.min(kept, SUMMARY_ROWS))
  summary.table(
    result.columns,
    shown.map((row) => result.columns.map((column) => cellText(row[column])))
  )
  if (kept > shown.length)
    summary.paragraph(`The summary shows the first ${shown.length} rows; the output has ${kept}.`)
}

export function report(plan: QueryPlan, result: QueryResult & { ms: number }, context: RunContext): OperationResult {
  const { settings, connection } = plan
  const point = describePoint(settings.at)
  const lsn = plan.lsn ?? result.lsn
  const { kept, truncated, outputs } = queryOutputs(result, lsn)
  context.info(`${kept} rows from ${connection.branch.name} at ${point}${truncated ? ' (cut)' : ''}`)
  const summary = new Summary().heading(`Query of ${connection.branch.name} at ${point}`).paragraph(plan.at.note)
  summary.keyValues([
    ['Branch', `${connection.branch.name} (${connection.branch.id})`],
    ['Read on', plan.at.note && `${plan.at.branch.name} (${plan.at.branch.id})`],
    ['Point', point],
    ['LSN', lsn],
    ['Database', `${connection.database} as ${connection.role}`],
    ['Rows', rowsFact(kept, truncated)],
    ['Took', `${result.ms} ms`]
  ])
  addResult(summary, settings.sql, result, kept)
  return { outputs, summary }
}
