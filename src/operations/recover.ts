/**
 * recover: copy tables (or some of their rows) from `branch` as it was at `at` into the same branch at its head,
 * changing nothing else. The past is read through a read-only time-travel connection (no branch is created);
 * the rows are streamed with COPY into the live branch inside one transaction, so a failure leaves no trace.
 * By default the tables land in a new schema; with mode: merge, the rows missing from each original table
 * (by primary key) go back into it.
 */
import { formatDuration } from '../duration.js'
import type { RecoverSettings } from '../inputs.js'
import type { Branch, NeonGateway } from '../neon/index.js'
import { describePoint } from '../point.js'
import { checkSelect, connect, copyRows, readTableShape, schemaExists, type Client } from '../postgres/index.js'
import {
  createTableSql,
  defaultSchemaName,
  displayName,
  mergeSql,
  parseIdentifierText,
  qualifiedName,
  quoteIdent,
  selectSql,
  undoMergeSql,
  type TableShape,
  UNDO_KEY_LIMIT
} from '../recovery-sql.js'
import type { OperationResult, RunContext } from '../run.js'
import { Summary } from '../summary.js'
import { checkPoint, resolveBranch } from './common.js'
import { connectionTo, pointUri } from './branch-connection.js'
import { locatePoint, type PointOn } from './lineage.js'

/** One table to copy: what is read at the point, and where it goes. */
export interface TableCopy {
  /** The table as it was at the point. */
  past: TableShape
  /** The columns copied, in order. */
  columns: string[]
  select: string
  /** The table the rows go into: quoted, schema-qualified. */
  into: string
  /** merge: the original table's primary key columns and whether it has identity ALWAYS columns. */
  merge?: { keyColumns: string[]; overridingSystemValue: boolean }
  /** schema mode: the CREATE TABLE of the copy. */
  ddl?: string
}

export interface RecoverPlan {
  settings: RecoverSettings
  branch: Branch
  /** Where the point is read: the branch, or the backup that held it before a restore. */
  at: PointOn
  database: string
  role: string
  /** schema mode: the schema created for the copies. */
  schema?: string
  copies: TableCopy[]
  liveUri: string
  pastUri: string
}

export async function plan(settings: RecoverSettings, gateway: NeonGateway, context: RunContext): Promise<RecoverPlan> {
  const branch = await resolveBranch(gateway, settings.branch)
  const at = await locatePoint(gateway, branch, settings.at, 'at', settings.history)
  await checkPoint(gateway, at.branch, settings.at, 'at', context)
  const connection = await connectionTo(branch, settings, gateway, context, 'recover')
  const { database, role, uri: liveUri } = connection
  const { uri: pastUri } = await pointUri(connection, settings.at, context, at.branch)

  const [past, live] = await connectBoth(pastUri, liveUri)
  try {
    await past.query('BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY')
    const schema = settings.mode === 'schema' ? intoSchema(settings, context) : undefined
    if (schema !== undefined && (await schemaExists(live, schema))) {
      throw new Error(`into: schema "${schema}" already exists on ${branch.name}; choose another name or drop it`)
    }
    const copies: TableCopy[] = []
    for (const table of settings.tables) {
      const shape = await readTableShape(past, table)
      if (!shape) {
        throw new Error(`tables: ${table} did not exist on ${branch.name} at ${describePoint(settings.at)}`)
      }
      copies.push(
        schema === undefined
          ? await mergeCopy(shape, live, branch, settings.where)
          : schemaCopy(shape, schema, settings.where)
      )
    }
    const destinations = copies.map((copy) => copy.into)
    const duplicate = destinations.find((into, index) => destinations.indexOf(into) !== index)
    if (duplicate) throw new Error(`tables: two tables would be copied to ${duplicate}; recover them in separate steps`)
    for (const copy of copies) {
      // One condition on the read-only past, parsed before anything is written (a second statement is refused).
      await checkSelect(past, copy.select).catch((error: Error) => {
        throw new Error(`where: ${error.message} (in ${copy.select})`)
      })
    }
    return { settings, branch, at, database, role, schema, copies, liveUri, pastUri }
  } finally {
    await Promise.all([past.end().catch(() => undefined), live.end().catch(() => undefined)])
  }
}

function facts(plan: RecoverPlan): [string, string | undefined][] {
  const { settings, branch, schema } = plan
  return [
    ['Branch', `${branch.name} (${branch.id}), database ${plan.database} as ${plan.role}`],
    ['Read at', `${describePoint(settings.at)} (a read-only time-travel connection)`],
    ['Read on', plan.at.note && plan.at.branch.name],
    ['Mode', settings.mode === 'merge' ? 'merge: missing rows back into the original tables' : 'schema'],
    ['Into', schema === undefined ? 'the original tables' : `schema ${schema} (new)`],
    ['Only rows where', settings.where]
  ]
}

function title(plan: RecoverPlan): string {
  const tables = plan.copies.map((copy) => displayName(copy.past)).join(', ')
  return `Recovery of ${tables} from ${plan.branch.name} at ${describePoint(plan.settings.at)}`
}

export function describe(plan: RecoverPlan): OperationResult {
  const summary = new Summary()
    .heading(`Dry run: ${title(plan)}`)
    .paragraph(plan.at.note)
    .paragraph('Nothing was changed. This step would run, in one transaction:')
    .keyValues(facts(plan))
    .code(statements(plan).join('\n'), 'sql')
  return { outputs: {}, summary }
}

export async function execute(
  plan: RecoverPlan,
  _gateway: NeonGateway,
  context: RunContext
): Promise<{ copies: CopyResult[]; ms: number }> {
  const started = Date.now()
  const copies = await copyAll(plan, context)
  return { copies, ms: Date.now() - started }
}

export function report(
  plan: RecoverPlan,
  result: { copies: CopyResult[]; ms: number },
  context: RunContext
): OperationResult {
  const { branch, schema } = plan
  const results = result.copies
  const rows = Object.fromEntries(results.map((copy) => [displayName(copy.copy.past), copy.written]))
  const total = results.reduce((sum, copy) => sum + copy.written, 0)
  const summary = new Summary()
    .heading(title(plan))
    .paragraph(plan.at.note)
    .paragraph(
      schema === undefined
        ? `Inserted ${total} rows that were missing from the original tables; rows already there were left as they are.`
        : `Copied ${total} rows into the new schema ${schema}. Nothing else on ${branch.name} changed.`
    )
    .keyValues([...facts(plan), ['Took', formatDuration(result.ms)]])
    .table(
      ['Table', 'Rows at the point', schema === undefined ? 'Rows inserted' : 'Rows copied', 'Into'],
      results.map((copy) => [displayName(copy.copy.past), String(copy.read), String(copy.written), copy.copy.into])
    )
    .heading('To undo this recovery', 3)
  if (schema !== undefined) summary.code(`DROP SCHEMA ${quoteIdent(schema)} CASCADE;`, 'sql')
  else summary.paragraph('Delete the inserted rows by their primary keys:').code(undoSql(results), 'sql')
  context.info(
    `Recovered ${plan.copies.map((copy) => displayName(copy.past)).join(', ')} from ${branch.name} at ${describePoint(plan.settings.at)}: ${JSON.stringify(rows)}`
  )
  return { outputs: { rows: JSON.stringify(rows) }, summary }
}

function undoSql(results: CopyResult[]): string {
  return (
    results
      .filter((result) => result.written > 0)
      .map(
        (result) =>
          undoMergeSql(result.copy.into, result.copy.merge!.keyColumns, result.keys!) +
          (result.written > result.listed
            ? `\n-- only the first ${result.listed} of ${result.written} keys are listed above`
            : '')
      )
      .join('\n') || '-- nothing was inserted'
  )
}

interface CopyResult {
  copy: TableCopy
  read: number
  written: number
  /** merge: SQL row literals of the inserted keys (at most UNDO_KEY_LIMIT). */
  keys?: string
  listed: number
}

/** Every table in one transaction on the live branch: all of them arrive, or nothing changes. */
async function copyAll(plan: RecoverPlan, context: RunContext): Promise<CopyResult[]> {
  const [past, live] = await connectBoth(plan.pastUri, plan.liveUri)
  const results: CopyResult[] = []
  let current: TableCopy | undefined
  try {
    await past.query('BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY')
    await live.query('BEGIN')
    if (plan.schema !== undefined) await live.query(`CREATE SCHEMA ${quoteIdent(plan.schema)}`)
    for (const [index, copy] of plan.copies.entries()) {
      current = copy
      if (copy.merge) {
        results.push(await mergeRows(past, live, copy, quoteIdent(`nra_recover_${index}`)))
      } else {
        await live.query(copy.ddl!)
        const { read, written } = await copyRows(past, live, copy.select, copy.into, copy.columns)
        if (read !== written) throw new Error(`read ${read} rows at the point but wrote ${written}`)
        results.push({ copy, read, written, listed: 0 })
      }
      context.info(`${displayName(copy.past)}: ${results[results.length - 1].written} rows into ${copy.into}`)
    }
    current = undefined
    await live.query('COMMIT')
    return results
  } catch (error) {
    await live.query('ROLLBACK').catch(() => undefined)
    const where = current ? ` while copying ${displayName(current.past)}` : ''
    throw new Error(
      `recover failed${where}; nothing was changed on ${plan.branch.name} (the transaction was rolled back): ${(error as Error).message}`
    )
  } finally {
    await Promise.all([past.end().catch(() => undefined), live.end().catch(() => undefined)])
  }
}

/** merge: the rows at the point go into a staging table, then those missing from the original table into it. */
async function mergeRows(past: Client, live: Client, copy: TableCopy, staging: string): Promise<CopyResult> {
  await live.query(
    `CREATE TEMPORARY TABLE ${staging} ON COMMIT DROP AS SELECT ${copy.columns.map(quoteIdent).join(', ')} ` +
      `FROM ${copy.into} WITH NO DATA`
  )
  const { read } = await copyRows(past, live, copy.select, staging, copy.columns)
  const merge = (skipConflicts: boolean) =>
    live.query<{ count: string; keys: string | null }>(
      mergeSql({ into: copy.into, staging, columns: copy.columns, ...copy.merge!, skipConflicts })
    )
  // The plain INSERT first (see mergeSql); a key that a concurrent writer committed meanwhile makes it fail, and
  // then the savepoint takes it back and ON CONFLICT DO NOTHING leaves that writer's row as it is.
  await live.query('SAVEPOINT nra_merge')
  const merged = await merge(false).catch(async (error: { code?: string }) => {
    if (error.code !== UNIQUE_VIOLATION) throw error
    await live.query('ROLLBACK TO SAVEPOINT nra_merge')
    return merge(true)
  })
  await live.query('RELEASE SAVEPOINT nra_merge')
  const written = Number(merged.rows[0].count)
  const keys = merged.rows[0].keys ?? undefined
  return { copy, read, written, keys, listed: Math.min(written, UNDO_KEY_LIMIT) }
}

/** SQLSTATE unique_violation (https://www.postgresql.org/docs/current/errcodes-appendix.html). */
const UNIQUE_VIOLATION = '23505'

function schemaCopy(shape: TableShape, schema: string, where: string | undefined): TableCopy {
  const columns = shape.columns.map((column) => column.name)
  return {
    past: shape,
    columns,
    select: selectSql(shape, columns, where),
    into: qualifiedName(schema, shape.name),
    ddl: createTableSql(schema, shape)
  }
}

/** The original table at head must exist with a primary key and every column the past rows carry. */
async function mergeCopy(
  shape: TableShape,
  live: Client,
  branch: Branch,
  where: string | undefined
): Promise<TableCopy> {
  const name = displayName(shape)
  const head = await readTableShape(live, qualifiedName(shape.schema, shape.name))
  if (!head) {
    throw new Error(
      `mode: merge needs ${name} at the head of ${branch.name}, and it is gone; recover it into a schema (mode: schema)`
    )
  }
  if (!head.primaryKey) {
    throw new Error(
      `mode: merge needs a primary key to tell missing rows from present ones, and ${name} has none; ` +
        'recover it into a schema (mode: schema) and copy the rows you need by hand'
    )
  }
  const headColumns = new Map(head.columns.map((column) => [column.name, column]))
  const missing = shape.columns.filter((column) => !column.generated && !headColumns.has(column.name))
  if (missing.length > 0) {
    const names = missing.map((column) => column.name).join(', ')
    throw new Error(
      `mode: merge would lose column ${names} of ${name}, which the table at head no longer has; recover it into a schema`
    )
  }
  const columns = shape.columns
    .filter((column) => !column.generated && !headColumns.get(column.name)!.generated)
    .map((column) => column.name)
  const keyColumns = head.primaryKey.columns
  const absentKeys = keyColumns.filter((column) => !columns.includes(column))
  if (absentKeys.length > 0) {
    throw new Error(`mode: merge needs the primary key ${absentKeys.join(', ')} of ${name} in the rows at the point`)
  }
  return {
    past: shape,
    columns,
    select: selectSql(shape, columns, where),
    into: qualifiedName(head.schema, head.name),
    merge: {
      keyColumns,
      overridingSystemValue: head.columns.some((column) => column.identity === 'a' && columns.includes(column.name))
    }
  }
}

function intoSchema(settings: RecoverSettings, context: RunContext): string {
  return settings.into === undefined ? defaultSchemaName(context.now) : parseIdentifierText(settings.into)
}

/** What the transaction runs, for the dry run. */
function statements(plan: RecoverPlan): string[] {
  const lines = ['BEGIN;']
  if (plan.schema !== undefined) lines.push(`CREATE SCHEMA ${quoteIdent(plan.schema)};`)
  for (const copy of plan.copies) {
    if (copy.ddl) lines.push(`${copy.ddl};`, `-- rows of: ${copy.select}`, `COPY ${copy.into} FROM STDIN;`)
    else
      lines.push(
        `-- rows of: ${copy.select}`,
        `INSERT INTO ${copy.into} … WHERE NOT EXISTS (a row with the same ${keyList(copy.merge!)}); ` +
          `-- again with ON CONFLICT (${keyList(copy.merge!)}) DO NOTHING if a concurrent write adds one of the keys`
      )
  }
  lines.push('COMMIT;')
  return lines
}

const keyList = (merge: { keyColumns: string[] }) => merge.keyColumns.map(quoteIdent).join(', ')

/** The past (a time-travel connection) and the live branch; the past is not left open when the live one fails. */
async function connectBoth(pastUri: string, liveUri: string): Promise<[Client, Client]> {
  const past = await connect(pastUri)
  try {
    return [past, await connect(liveUri)]
  } catch (error) {
    await past.end().catch(() => undefined)
    throw error
  }
}
