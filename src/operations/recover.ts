/**
 * recover: copy tables (or some of their rows) from `branch` as it was at `at` into the same branch at its head,
 * changing nothing else. The past is read through a read-only time-travel connection (no branch is created);
 * the rows are streamed with COPY into the live branch inside one transaction, so a failure leaves no trace.
 * By default the tables land in a new schema, re-created from their definition at the point (src/ddl/); with
 * mode: merge, the rows missing from each original table (by primary key) go back into it, and a table dropped
 * since comes back in place, exactly as it was (src/operations/recreate.ts).
 */
import { formatDuration } from '../duration.js'
import type { RecoverSettings } from '../inputs.js'
import type { Branch, NeonGateway } from '../neon/index.js'
import { describePoint } from '../point.js'
import { checkSelect, connect, copyRows, readTableShape, schemaExists, type Client } from '../postgres/index.js'
import { placed } from '../ddl/table.js'
import type { TableDdl } from '../ddl/table.js'
import {
  binaryCopyable,
  copyInSql,
  type CopyFormat,
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
import { VIOLATION_LIMIT } from '../ddl/foreign-keys.js'
import { addForeignKeys, foreignKeyStatements, planRecreation, type InvalidKey, type Recreation } from './recreate.js'

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
  /** A table re-created (dropped since, or copied into a schema): its DDL before and after the COPY. */
  create?: TableDdl
  /** How the rows travel: binary where every column's type allows it (binaryCopyable). */
  format: CopyFormat
}

/** What the table planning reads of the settings, with either backend. */
export type TableSettings = Pick<RecoverSettings, 'at' | 'tables' | 'where' | 'into' | 'mode'>

/** The two databases of a recovery, and how messages name the live one. */
export interface RecoveryEnds {
  /** The past: read in a REPEATABLE READ READ ONLY transaction. */
  pastUri: string
  /** Where the rows go. */
  liveUri: string
  /** The live database in messages (on Neon the branch's name). */
  liveName: string
  /** The role the live connection writes as: the re-created tables' creator. */
  role: string
}

/** What is copied, and where, planned from the past and the live database. */
export interface TablesPlan {
  /** schema mode: the schema created for the copies. */
  schema?: string
  copies: TableCopy[]
  /** The tables re-created: their foreign keys (added after every COPY) and what does not come back. */
  recreation?: Recreation
}

export interface RecoverPlan extends TablesPlan {
  settings: RecoverSettings
  branch: Branch
  /** Where the point is read: the branch, or the backup that held it before a restore. */
  at: PointOn
  database: string
  ends: RecoveryEnds
}

export async function plan(settings: RecoverSettings, gateway: NeonGateway, context: RunContext): Promise<RecoverPlan> {
  const branch = await resolveBranch(gateway, settings.branch)
  const at = await locatePoint(gateway, branch, settings.at, 'at', settings.history)
  await checkPoint(gateway, at.branch, settings.at, 'at', context)
  const connection = await connectionTo(branch, settings, gateway, context, 'recover')
  const { database, role, uri: liveUri } = connection
  const { uri: pastUri } = await pointUri(connection, settings.at, context, at.branch)
  const ends = { pastUri, liveUri, liveName: branch.name, role }
  return { settings, branch, at, database, ends, ...(await planTables(settings, ends, context)) }
}

/**
 * The tables to copy, read from both databases before anything is written: each table as it was at the point,
 * merged into the live table or re-created (gone since, or copied into a schema), and each `where` parsed.
 */
export async function planTables(
  settings: TableSettings,
  ends: RecoveryEnds,
  context: RunContext
): Promise<TablesPlan> {
  const [past, live] = await connectBoth(ends.pastUri, ends.liveUri)
  try {
    await past.query('BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY')
    const schema = settings.mode === 'schema' ? intoSchema(settings, context) : undefined
    if (schema !== undefined && (await schemaExists(live, schema))) {
      throw new Error(`into: schema "${schema}" already exists on ${ends.liveName}; choose another name or drop it`)
    }
    const copies: TableCopy[] = []
    const gone: TableShape[] = []
    for (const table of settings.tables) {
      const shape = await readTableShape(past, table)
      if (!shape) {
        throw new Error(`tables: ${table} did not exist on ${ends.liveName} at ${describePoint(settings.at)}`)
      }
      // merge into the table at head; re-create it when it is gone, and always for a copy in a schema.
      const head =
        schema === undefined ? await readTableShape(live, qualifiedName(shape.schema, shape.name)) : undefined
      if (head) copies.push(mergeCopy(shape, head, settings.where))
      else gone.push(shape)
    }
    const recreation =
      gone.length === 0
        ? undefined
        : await planRecreation(past, live, gone, { schema, role: ends.role, branch: ends.liveName })
    for (const { definition, ddl } of recreation?.tables ?? []) {
      const shape = gone.find((table) => displayName(table) === displayName(definition))!
      copies.push(recreatedCopy(shape, ddl, schema, settings.where))
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
    return { schema, copies, recreation }
  } finally {
    await Promise.all([past.end().catch(() => undefined), live.end().catch(() => undefined)])
  }
}

function facts(plan: RecoverPlan): [string, string | undefined][] {
  const { settings, branch, schema } = plan
  return [
    ['Branch', `${branch.name} (${branch.id}), database ${plan.database} as ${plan.ends.role}`],
    ['Read at', `${describePoint(settings.at)} (a read-only time-travel connection)`],
    ['Read on', plan.at.note && plan.at.branch.name],
    ...modeFacts(settings, schema)
  ]
}

/** How the rows go back, with either backend. */
export function modeFacts(settings: TableSettings, schema: string | undefined): [string, string | undefined][] {
  return [
    ['Mode', settings.mode === 'merge' ? 'merge: missing rows back into the original tables' : 'schema'],
    ['Into', schema === undefined ? 'the original tables' : `schema ${schema} (new)`],
    ['Only rows where', settings.where]
  ]
}

function title(plan: TablesPlan, source: string): string {
  const tables = plan.copies.map((copy) => displayName(copy.past)).join(', ')
  return `Recovery of ${tables} from ${source}`
}

/** On Neon the past is the branch itself at the point. */
function neonView(plan: RecoverPlan): RecoveryView {
  return {
    source: `${plan.branch.name} at ${describePoint(plan.settings.at)}`,
    liveName: plan.branch.name,
    note: plan.at.note,
    facts: facts(plan)
  }
}

export function describe(plan: RecoverPlan): OperationResult {
  const summary = new Summary()
    .heading(`Dry run: ${title(plan, neonView(plan).source)}`)
    .paragraph(plan.at.note)
    .paragraph('Nothing was changed. This step would run, in one transaction:')
    .keyValues(facts(plan))
    .code(statements(plan).join('\n'), 'sql')
  return { outputs: {}, summary }
}

export interface RecoverResult {
  copies: CopyResult[]
  /** Foreign keys left NOT VALID because rows written since violate them. */
  invalid: InvalidKey[]
  ms: number
}

export async function execute(plan: RecoverPlan, _gateway: NeonGateway, context: RunContext): Promise<RecoverResult> {
  const started = Date.now()
  const result = await copyAll(plan, plan.ends, context)
  return { ...result, ms: Date.now() - started }
}

export function report(plan: RecoverPlan, result: RecoverResult, context: RunContext): OperationResult {
  return reportRecovery(plan, result, neonView(plan), context)
}

/** How a report names the two databases of a recovery, and its facts. */
export interface RecoveryView {
  /** The past, e.g. `main at 90m ago`. */
  source: string
  liveName: string
  /** A note on where the point was read, if any. */
  note?: string
  facts: [string, string | undefined][]
}

/** recover's outputs and summary, with either backend. */
export function reportRecovery(
  plan: TablesPlan,
  result: RecoverResult,
  view: RecoveryView,
  context: RunContext
): OperationResult {
  const { schema } = plan
  const results = result.copies
  const rows = Object.fromEntries(results.map((copy) => [displayName(copy.copy.past), copy.written]))
  const total = results.reduce((sum, copy) => sum + copy.written, 0)
  const recreated = results.filter((copy) => copy.copy.create).map((copy) => displayName(copy.copy.past))
  const summary = new Summary()
    .heading(title(plan, view.source))
    .paragraph(view.note)
    .paragraph(
      schema === undefined
        ? `Inserted ${total} rows that were missing from the original tables; rows already there were left as they are.`
        : `Copied ${total} rows into the new schema ${schema}. Nothing else on ${view.liveName} changed.`
    )
    .paragraph(
      schema === undefined && recreated.length > 0
        ? `Re-created ${recreated.join(', ')}, gone at head, as it was at the point, with its rows.`
        : undefined
    )
    .keyValues([...view.facts, ['Took', formatDuration(result.ms)]])
    .table(
      ['Table', 'Rows at the point', schema === undefined ? 'Rows inserted' : 'Rows copied', 'Into'],
      results.map((copy) => [displayName(copy.copy.past), String(copy.read), String(copy.written), copy.copy.into])
    )
  reportLeftOut(summary, plan.recreation?.notes ?? [], result.invalid)
  summary.heading('To undo this recovery', 3)
  if (schema !== undefined) summary.code(`DROP SCHEMA ${quoteIdent(schema)} CASCADE;`, 'sql')
  else {
    const how = recreated.length > 0 ? 'Drop the re-created tables and delete' : 'Delete'
    summary.paragraph(`${how} the inserted rows by their primary keys:`).code(undoSql(results), 'sql')
  }
  context.info(
    `Recovered ${plan.copies.map((copy) => displayName(copy.past)).join(', ')} from ${view.source}: ${JSON.stringify(rows)}`
  )
  const invalid = Object.fromEntries(
    result.invalid.map((key) => [`${key.table}.${key.name}`, { count: key.count, keys: key.keys }])
  )
  return { outputs: { rows: JSON.stringify(rows), 'invalid-keys': JSON.stringify(invalid) }, summary }
}

/** What did not come back as it was: definitions left out, and foreign keys that rows written since violate. */
function reportLeftOut(summary: Summary, notes: string[], invalid: InvalidKey[]): void {
  if (notes.length > 0) summary.heading('Left out', 3).paragraph(notes.map((note) => `${note}.`).join(' '))
  if (invalid.length === 0) return
  summary
    .heading('Foreign keys left NOT VALID', 3)
    .paragraph(
      'Rows written since the point break these keys. Nothing was deleted; the keys are in place NOT VALID ' +
        '(new rows are checked). Fix the rows, then run ALTER TABLE … VALIDATE CONSTRAINT.'
    )
    .table(
      ['Table', 'Foreign key', 'Violating rows', `Their keys (the first ${VIOLATION_LIMIT})`],
      invalid.map((key) => [key.table, key.name, String(key.count), key.keys.map((k) => JSON.stringify(k)).join(' ')])
    )
}

/** A re-created table is dropped again (CASCADE: with the foreign keys other tables got to it); merged rows deleted. */
function undoSql(results: CopyResult[]): string {
  const drops = results
    .filter((result) => result.copy.create)
    .map((result) => `DROP TABLE ${result.copy.into} CASCADE;`)
  const deletes = results
    .filter((result) => result.copy.merge && result.written > 0)
    .map(
      (result) =>
        undoMergeSql(result.copy.into, result.copy.merge!.keyColumns, result.keys!) +
        (result.written > result.listed
          ? `\n-- only the first ${result.listed} of ${result.written} keys are listed above`
          : '')
    )
  return [...drops, ...deletes].join('\n') || '-- nothing was inserted'
}

interface CopyResult {
  copy: TableCopy
  read: number
  written: number
  /** merge: SQL row literals of the inserted keys (at most UNDO_KEY_LIMIT). */
  keys?: string
  listed: number
}

/** Every table in one transaction on the live database: all of them arrive, or nothing changes. */
export async function copyAll(
  plan: TablesPlan,
  ends: RecoveryEnds,
  context: RunContext
): Promise<Omit<RecoverResult, 'ms'>> {
  const [past, live] = await connectBoth(ends.pastUri, ends.liveUri)
  const results: CopyResult[] = []
  let current: TableCopy | undefined
  try {
    await past.query('BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY')
    await live.query('BEGIN')
    // The re-created definitions were printed with only pg_catalog on the path: run them on the same path.
    if (plan.recreation) await live.query('SET LOCAL search_path = pg_catalog, pg_temp')
    if (plan.schema !== undefined) await live.query(`CREATE SCHEMA ${quoteIdent(plan.schema)}`)
    for (const [index, copy] of plan.copies.entries()) {
      current = copy
      if (copy.merge) {
        results.push(await mergeRows(past, live, copy, quoteIdent(`nra_recover_${index}`)))
      } else {
        results.push(await recreate(past, live, copy))
      }
      context.info(`${displayName(copy.past)}: ${results[results.length - 1].written} rows into ${copy.into}`)
    }
    current = undefined
    const invalid = await addForeignKeys(live, plan.recreation?.foreignKeys ?? [])
    await live.query('COMMIT')
    return { copies: results, invalid }
  } catch (error) {
    await live.query('ROLLBACK').catch(() => undefined)
    const where = current ? ` while copying ${displayName(current.past)}` : ''
    throw new Error(
      `recover failed${where}; nothing was changed on ${ends.liveName} (the transaction was rolled back): ${(error as Error).message}`
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
  const { read } = await copyRows(past, live, copy.select, staging, copy.columns, copy.format)
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

/** The table's DDL up to the COPY, its rows, then the constraints, indexes and the rest, built over all rows. */
async function recreate(past: Client, live: Client, copy: TableCopy): Promise<CopyResult> {
  for (const statement of copy.create!.beforeCopy) await live.query(statement)
  const { read, written } = await copyRows(past, live, copy.select, copy.into, copy.columns, copy.format)
  if (read !== written) throw new Error(`read ${read} rows at the point but wrote ${written}`)
  for (const statement of copy.create!.afterCopy) await live.query(statement)
  return { copy, read, written, listed: 0 }
}

/**
 * A re-created table gets every column but the generated ones, which it computes again from the others. Identity
 * ALWAYS columns take the copied values: "In the COPY command, user-specified values are always used regardless
 * of this setting" (PostgreSQL's CREATE TABLE page, GENERATED { ALWAYS | BY DEFAULT } AS IDENTITY).
 */
function recreatedCopy(
  shape: TableShape,
  create: TableDdl,
  schema: string | undefined,
  where: string | undefined
): TableCopy {
  const columns = shape.columns.filter((column) => !column.generated).map((column) => column.name)
  const into = placed(shape, { schema })
  return {
    past: shape,
    columns,
    select: selectSql(shape, columns, where),
    into: qualifiedName(into.schema, into.name),
    create,
    // The table is created with the types it had at the point.
    format: binaryCopyable(columns, shape.columns, shape.columns) ? 'binary' : 'text'
  }
}

/** The original table at head must have a primary key and every column the past rows carry. */
function mergeCopy(shape: TableShape, head: TableShape, where: string | undefined): TableCopy {
  const name = displayName(shape)
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
    // The staging table takes the types the table has at head.
    format: binaryCopyable(columns, shape.columns, head.columns) ? 'binary' : 'text',
    merge: {
      keyColumns,
      overridingSystemValue: head.columns.some((column) => column.identity === 'a' && columns.includes(column.name))
    }
  }
}

export function intoSchema(settings: TableSettings, context: RunContext): string {
  return settings.into === undefined ? defaultSchemaName(context.now) : parseIdentifierText(settings.into)
}

/** What the transaction runs, for the dry run. */
function statements(plan: TablesPlan): string[] {
  const lines = ['BEGIN;']
  if (plan.schema !== undefined) lines.push(`CREATE SCHEMA ${quoteIdent(plan.schema)};`)
  for (const copy of plan.copies) {
    if (copy.create) {
      lines.push(
        ...copy.create.beforeCopy.map((statement) => `${statement};`),
        `-- rows of: ${copy.select}`,
        `${copyInSql(copy.into, copy.columns, copy.format)};`,
        ...copy.create.afterCopy.map((statement) => `${statement};`)
      )
    } else
      lines.push(
        `-- rows of: ${copy.select}`,
        `${copyInSql('<staging>', copy.columns, copy.format)};`,
        `INSERT INTO ${copy.into} … WHERE NOT EXISTS (a row with the same ${keyList(copy.merge!)}); ` +
          `-- again with ON CONFLICT (${keyList(copy.merge!)}) DO NOTHING if a concurrent write adds one of the keys`
      )
  }
  lines.push(...foreignKeyStatements(plan.recreation?.foreignKeys ?? []))
  lines.push(...(plan.recreation?.notes ?? []).map((note) => `-- ${note}`), 'COMMIT;')
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
