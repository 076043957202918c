/**
 * recover with mode: undo: undoes what changed in `tables` between `good` and `bad` (bisect's last good and first
 * bad LSNs: the bad transaction) and keeps every later write. Both points are read over read-only time-travel
 * connections and diffed in key order (./changes.ts); the changed rows stream into a temporary table on the live
 * branch, where three statements merge them with head (src/changes/undo-sql.ts), all in one transaction: a failure
 * leaves no trace. A row changed again since is left as it is and reported as a conflict. bisect's then: recover
 * runs the same code after its search.
 */
import { type ChangeKind, type Row, type TableDiff } from '../changes/diff.js'
import {
  conflictsSql,
  stagingCopySql,
  stagingIndexSql,
  stagingLine,
  stagingTableSql,
  undoSql,
  type UndoTarget
} from '../changes/undo-sql.js'
import type { UndoSettings } from '../inputs.js'
import type { Branch, NeonGateway } from '../neon/index.js'
import { describePoint } from '../point.js'
import { canonicalText, checkSelect, connect, copyWriter, readTableShape, type Client } from '../postgres/index.js'
import { qualifiedName, quoteIdent } from '../recovery-sql.js'
import type { RunContext } from '../run.js'
import { compareTables, diffTable, openAt, type ComparedTable } from './changes.js'
import { resolveBranch } from './common.js'
import { connectionTo, pointUri } from './branch-connection.js'
import { locateBounds, type PointOn } from './lineage.js'
import { describeUndo, reportUndo } from './undo-report.js'

export interface UndoTable extends ComparedTable {
  target: UndoTarget
}

export interface UndoPlan {
  settings: UndoSettings
  branch: Branch
  /** Where good and bad are read: the branch, or the backup that held them before a restore. */
  on: PointOn
  database: string
  role: string
  tables: UndoTable[]
  /** Tables whose undo is refused, with the reason (bisect's then: recover undoes the others). */
  refused: { table: string; reason: string }[]
  /** Dry run: what changed between good and bad, read while planning. */
  preview?: { table: string; diff: TableDiff }[]
  uris: { live: string; good: string; bad: string }
}

export interface TableUndone {
  table: string
  diff: TableDiff
  restored: number
  reverted: number
  removed: number
  conflicts: { count: number; keys: string[] }
}

export interface UndoResult {
  tables: TableUndone[]
  ms: number
}

export const plan = (settings: UndoSettings, gateway: NeonGateway, context: RunContext) =>
  planUndo(settings, gateway, context, { strict: true })
export const describe = describeUndo
export const report = reportUndo

/**
 * The plan, read without changing anything. `strict`: a table whose undo is refused is an input error; otherwise
 * (bisect, whose tables came from the check's plan) the undo goes on with the others and reports it.
 */
export async function planUndo(
  settings: UndoSettings,
  gateway: NeonGateway,
  context: RunContext,
  { strict }: { strict: boolean }
): Promise<UndoPlan> {
  const branch = await resolveBranch(gateway, settings.branch)
  const located = await locateBounds(gateway, branch, settings, settings.history)
  const connection = await connectionTo(branch, settings, gateway, context, 'recover')
  const [good, bad] = await Promise.all(
    [settings.good, settings.bad].map((point) => pointUri(connection, point, context, located.good.branch))
  )
  checkOrder(settings, good.lsn, bad.lsn)
  const uris = { live: connection.uri, good: good.uri, bad: bad.uri }
  const planned = await planTables(settings, uris)
  if (strict && planned.refused.length > 0) {
    throw new Error(
      planned.refused.map(({ table, reason }) => `tables: ${table} cannot be undone: ${reason}`).join('\n') +
        '\n(leave it out of tables, or recover it with mode: merge or mode: schema)'
    )
  }
  const { database, role } = connection
  return { settings, branch, on: located.good, database, role, uris, ...planned }
}

/** good must come before bad: an LSN before an LSN, a time before a time (a mix is checked by Neon's answer). */
function checkOrder(settings: UndoSettings, good?: bigint, bad?: bigint): void {
  const { good: g, bad: b } = settings
  const times = g.kind === 'timestamp' && b.kind === 'timestamp' && Date.parse(g.timestamp) >= Date.parse(b.timestamp)
  if ((good !== undefined && bad !== undefined && good >= bad) || times) {
    throw new Error(
      `good: ${describePoint(g)} is not before bad: ${describePoint(b)}; give bisect's last-good-lsn as good ` +
        'and its first-bad-lsn as bad'
    )
  }
}

async function planTables(
  settings: UndoSettings,
  uris: UndoPlan['uris']
): Promise<Pick<UndoPlan, 'tables' | 'refused' | 'preview'>> {
  const [before, after, live] = await Promise.all([openAt(uris.good), openAt(uris.bad), connect(uris.live)])
  try {
    const label = { before: `good (${describePoint(settings.good)})`, after: `bad (${describePoint(settings.bad)})` }
    const compared = await compareTables(before, after, settings.tables, label, settings.where).catch((error) => {
      throw new Error(`tables: ${(error as Error).message}`)
    })
    const tables: UndoTable[] = []
    const refused: UndoPlan['refused'] = []
    for (const table of compared) {
      if (settings.where !== undefined) {
        // User SQL, parsed on the read-only past before anything is written (a second statement is refused).
        await checkSelect(before, table.select).catch((error: Error) => {
          throw new Error(`where: ${error.message} (in ${table.select})`)
        })
      }
      const reason = table.comparison.undoRefusal ?? (await headRefusal(live, table))
      if (reason) refused.push({ table: table.table, reason })
      else tables.push({ ...table, target: await targetOf(live, table, tables.length) })
    }
    const preview = settings.dryRun
      ? await sequential(compared, async (table) => ({
          table: table.table,
          diff: await diffTable(before, after, table)
        }))
      : undefined
    return { tables, refused, preview }
  } finally {
    await Promise.all([before, after, live].map((client) => client.end().catch(() => undefined)))
  }
}

async function sequential<T, R>(items: T[], work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = []
  for (const item of items) results.push(await work(item))
  return results
}

/** The table at head must still be the one compared: the same primary key and columns (types included). */
async function headRefusal(live: Client, table: ComparedTable): Promise<string | undefined> {
  const head = await readTableShape(live, qualifiedName(table.shape.schema, table.shape.name))
  if (!head) return 'it no longer exists at head (recover it with mode: schema)'
  const { layout } = table.comparison
  const key = layout.key.map((index) => layout.columns[index])
  if (head.primaryKey?.columns.join(',') !== key.join(',')) return 'its primary key at head differs from the one at bad'
  const types = new Map(head.columns.filter((column) => !column.generated).map((column) => [column.name, column.type]))
  const past = new Map(table.shape.columns.map((column) => [column.name, column.type]))
  const same =
    types.size === layout.columns.length && layout.columns.every((name) => types.get(name) === past.get(name))
  return same ? undefined : 'its columns at head differ from those at bad (the table was altered since)'
}

async function targetOf(live: Client, table: ComparedTable, index: number): Promise<UndoTarget> {
  const head = (await readTableShape(live, qualifiedName(table.shape.schema, table.shape.name)))!
  const { layout } = table.comparison
  return {
    into: qualifiedName(head.schema, head.name),
    columns: layout.columns,
    keyColumns: layout.key.map((position) => layout.columns[position]),
    alwaysIdentity: head.columns.filter((column) => column.identity === 'a').map((column) => column.name),
    staging: quoteIdent(`nra_undo_${index}`)
  }
}

export async function execute(plan: UndoPlan, _gateway: NeonGateway, context: RunContext): Promise<UndoResult> {
  const started = Date.now()
  const { uris } = plan
  const [before, after, live] = await Promise.all([openAt(uris.good), openAt(uris.bad), connect(uris.live)])
  let current: UndoTable | undefined
  try {
    await live.query('BEGIN')
    // The staged values are the text the past sessions printed: read back under the same settings.
    await canonicalText(live)
    const tables: TableUndone[] = []
    for (const table of plan.tables) {
      current = table
      tables.push(await undoTable(before, after, live, table))
      context.info(`${table.table}: ${JSON.stringify(tables[tables.length - 1], ['restored', 'reverted', 'removed'])}`)
    }
    current = undefined
    await live.query('COMMIT')
    return { tables, ms: Date.now() - started }
  } catch (error) {
    await live.query('ROLLBACK').catch(() => undefined)
    const where = current ? ` while undoing the changes to ${current.table}` : ''
    throw new Error(
      `the undo failed${where}; nothing was changed on ${plan.branch.name} (the transaction was rolled back): ${(error as Error).message}`
    )
  } finally {
    await Promise.all([before, after, live].map((client) => client.end().catch(() => undefined)))
  }
}

/** Stages the rows the diff finds changed, then runs the three statements and reads what is left as conflicts. */
async function undoTable(before: Client, after: Client, live: Client, table: UndoTable): Promise<TableUndone> {
  const { target } = table
  await live.query(stagingTableSql(target))
  const writer = copyWriter(live, stagingCopySql(target))
  const stage = async (kind: ChangeKind, old: Row | undefined, now: Row | undefined) => {
    if (kind !== 'inserted') await writer.write(stagingLine('l', old!))
    if (kind !== 'deleted') await writer.write(stagingLine('b', now!))
  }
  let diff: TableDiff
  try {
    diff = await diffTable(before, after, table, stage)
  } finally {
    // Ended whatever happened, so the connection leaves COPY mode and the rollback can run.
    await writer.end().catch((error: Error) => {
      if (diff) throw error
    })
  }
  for (const sql of stagingIndexSql(target)) await live.query(sql)
  const statements = undoSql(target)
  const count = async (sql: string) => (await live.query<{ count: number }>(sql)).rows[0].count
  const restored = await count(statements.restore)
  const reverted = await count(statements.revert)
  const removed = await count(statements.remove)
  const conflicts = (await live.query<{ count: number; keys: string[] }>(conflictsSql(target))).rows[0]
  return { table: table.table, diff, restored, reverted, removed, conflicts }
}
