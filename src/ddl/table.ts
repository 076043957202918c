/**
 * The DDL that re-creates a table from its definition (src/ddl/definition.ts), in place or as a copy in another
 * schema, split by when it runs: what the COPY needs (sequences, the table, its partitions, validated CHECKs and
 * NOT NULLs, which every row passes cheaply), then what would slow or break the COPY (primary, unique and
 * exclusion constraints and indexes, built once over all rows instead of row by row; triggers, which must not
 * fire for restored rows; row-level security, under which COPY FROM is refused), then the foreign keys, after
 * every table's rows are in (src/ddl/foreign-keys.ts). Pure: no connection here.
 */
import { qualifiedName, quoteIdent } from '../recovery-sql.js'
import type {
  ColumnDefinition,
  SequenceDefinition,
  TableDefinition,
  TableName,
  TriggerDefinition
} from './definition.js'
import { grantSql, roleSql } from './grants.js'
import { quoteLiteral } from './text.js'

/** Where the tables go: in place (schema undefined) or into `schema`, keeping their names. */
export interface Placement {
  schema?: string
  /** Display names of the tables recovered together (foreign keys between them follow them to `schema`). */
  together: Set<string>
  /** The role that runs the DDL: a table another role owned is given back to it. */
  creator: string
}

export interface TableDdl {
  beforeCopy: string[]
  afterCopy: string[]
}

export function placed(table: TableName, placement: { schema?: string }): TableName {
  return placement.schema === undefined ? table : { schema: placement.schema, name: table.name }
}

/** Every statement for `table` but its foreign keys. */
export function tableDdl(table: TableDefinition, placement: Placement): TableDdl {
  const beforeCopy: string[] = []
  const afterCopy: string[] = []
  addTable(table, placement, undefined, beforeCopy, afterCopy)
  return { beforeCopy, afterCopy }
}

function addTable(
  table: TableDefinition,
  placement: Placement,
  parent: TableName | undefined,
  beforeCopy: string[],
  afterCopy: string[]
): void {
  const into = qualifiedName(placed(table, placement).schema, table.name)
  for (const sequence of table.sequences.filter((s) => !s.identity))
    beforeCopy.push(createSequenceSql(sequence, placement))
  beforeCopy.push(createTableSql(table, placement, parent))
  for (const column of table.columns.filter((c) => c.local && c.storage)) {
    beforeCopy.push(
      `ALTER TABLE ${into} ALTER COLUMN ${quoteIdent(column.name)} SET STORAGE ${STORAGE[column.storage!]}`
    )
  }
  for (const sequence of table.sequences.filter((s) => !s.identity)) {
    beforeCopy.push(
      `ALTER SEQUENCE ${sequenceName(sequence, placement)} OWNED BY ${into}.${quoteIdent(sequence.column)}`
    )
  }
  for (const partition of table.partitions) {
    addTable(partition, placement, placed(table, placement), beforeCopy, afterCopy)
  }
  afterCopy.push(...indexSql(table, into), ...triggerSql(table, into, placement), ...securitySql(table, into))
  if (table.owner !== placement.creator) afterCopy.push(`ALTER TABLE ${into} OWNER TO ${quoteIdent(table.owner)}`)
  afterCopy.push(...grantSql('TABLE', into, table.owner, table.grants, table.columnGrants))
  for (const sequence of table.sequences) {
    afterCopy.push(...grantSql('SEQUENCE', sequenceName(sequence, placement), table.owner, sequence.grants, []))
  }
  afterCopy.push(
    ...commentSql(table, placement),
    ...table.sequences.map((sequence) => setvalSql(sequence, into, placement))
  )
}

const STORAGE: Record<string, string> = { p: 'PLAIN', e: 'EXTERNAL', m: 'MAIN', x: 'EXTENDED' }

function sequenceName(sequence: SequenceDefinition, placement: Placement): string {
  return qualifiedName(placed(sequence, placement).schema, sequence.name)
}

function sequenceOptions(sequence: SequenceDefinition): string {
  return (
    `INCREMENT BY ${sequence.increment} MINVALUE ${sequence.min} MAXVALUE ${sequence.max} ` +
    `START WITH ${sequence.start} CACHE ${sequence.cache} ${sequence.cycle ? 'CYCLE' : 'NO CYCLE'}`
  )
}

export function createSequenceSql(sequence: SequenceDefinition, placement: Placement): string {
  return `CREATE SEQUENCE ${sequenceName(sequence, placement)} AS ${sequence.type} ${sequenceOptions(sequence)}`
}

/**
 * Moves the sequence past the value it had at the point and past every copied value, so nextval never returns
 * a key the table holds (a descending sequence moves down).
 */
export function setvalSql(sequence: SequenceDefinition, into: string, placement: Placement): string {
  const down = sequence.increment.startsWith('-')
  const [pick, aggregate, reached] = down ? ['LEAST', 'min', '<='] : ['GREATEST', 'max', '>=']
  const last = `${sequence.lastValue}::bigint`
  return (
    `SELECT pg_catalog.setval(${quoteLiteral(sequenceName(sequence, placement))}, ${pick}(${last}, m::bigint), ` +
    `${sequence.isCalled} OR coalesce(m::bigint ${reached} ${last}, false)) ` +
    `FROM (SELECT ${aggregate}(${quoteIdent(sequence.column)}) AS m FROM ${into}) AS copied`
  )
}

export function createTableSql(table: TableDefinition, placement: Placement, parent: TableName | undefined): string {
  const name = qualifiedName(placed(table, placement).schema, table.name)
  const lines = parent ? [] : table.columns.map((column) => `  ${columnSql(column, table, placement)}`)
  for (const check of table.constraints.filter((c) => c.type === 'c' && c.validated)) {
    lines.push(`  CONSTRAINT ${quoteIdent(check.name)} ${check.definition}`)
  }
  const unlogged = table.unlogged ? 'UNLOGGED ' : ''
  const body = lines.length > 0 ? ` (\n${lines.join(',\n')}\n)` : parent ? '' : ' ()'
  const partitionOf = parent ? ` PARTITION OF ${qualifiedName(parent.schema, parent.name)}` : ''
  const bound = parent ? ` ${table.partitionBound}` : ''
  const key = table.partitionKey ? ` PARTITION BY ${table.partitionKey}` : ''
  const options = table.options.length > 0 ? ` WITH (${table.options.map(optionSql).join(', ')})` : ''
  return `CREATE ${unlogged}TABLE ${name}${partitionOf}${body}${bound}${key}${options}`
}

/** `name=value` from reloptions, the value quoted unless it is a plain word or number. */
function optionSql(option: string): string {
  const at = option.indexOf('=')
  const value = option.slice(at + 1)
  return `${option.slice(0, at)}=${/^[\w.-]+$/.test(value) ? value : quoteLiteral(value)}`
}

function columnSql(column: ColumnDefinition, table: TableDefinition, placement: Placement): string {
  const parts = [quoteIdent(column.name), column.type]
  if (column.collation) parts.push(`COLLATE ${column.collation}`)
  if (column.generated) {
    parts.push(`GENERATED ALWAYS AS (${column.generation})${column.generated === 's' ? ' STORED' : ''}`)
  } else if (column.default !== undefined) {
    parts.push(`DEFAULT ${movedDefault(column.default, table, placement)}`)
  }
  if (column.identity) {
    const sequence = table.sequences.find((s) => s.identity && s.column === column.name)
    const options = sequence ? ` (SEQUENCE NAME ${sequenceName(sequence, placement)} ${sequenceOptions(sequence)})` : ''
    parts.push(`GENERATED ${column.identity === 'a' ? 'ALWAYS' : 'BY DEFAULT'} AS IDENTITY${options}`)
  }
  if (column.notNull) parts.push('NOT NULL')
  return parts.join(' ')
}

/** A default that takes values from one of the table's own sequences names that sequence where it now is. */
function movedDefault(expression: string, table: TableDefinition, placement: Placement): string {
  let moved = expression
  for (const sequence of table.sequences) {
    const from = `${sequence.literal}::regclass`
    moved = moved.split(from).join(`${quoteLiteral(sequenceName(sequence, placement))}::regclass`)
  }
  return moved
}

/**
 * Constraints with indexes, then the other indexes, each rebuilt from the definition's text after its
 * `ON table` (a partitioned table's index is created without ONLY, so its partitions get theirs, attached).
 */
function indexSql(table: TableDefinition, into: string): string[] {
  const statements = table.constraints
    .filter((c) => c.type !== 'c' || !c.validated)
    .map((c) => `ALTER TABLE ${into} ADD CONSTRAINT ${quoteIdent(c.name)} ${c.definition}`)
  for (const index of table.indexes) {
    const { unique, rest } = indexParts(index.definition, index.printed, table.printed)
    statements.push(`CREATE ${unique ? 'UNIQUE ' : ''}INDEX ${quoteIdent(index.name)} ON ${into} ${rest}`)
  }
  return statements
}

/** Splits pg_get_indexdef's `CREATE [UNIQUE] INDEX name ON [ONLY] table <rest>`; the rest starts with USING. */
export function indexParts(
  definition: string,
  printedIndex: string,
  printedTable: string
): { unique: boolean; rest: string } {
  for (const unique of [false, true]) {
    for (const only of ['', 'ONLY ']) {
      const prefix = `CREATE ${unique ? 'UNIQUE ' : ''}INDEX ${printedIndex} ON ${only}${printedTable} `
      if (definition.startsWith(prefix)) return { unique, rest: definition.slice(prefix.length) }
    }
  }
  throw new Error(`cannot read the index definition ${definition}`)
}

/**
 * Triggers come back only in place: a copy in another schema is for looking at and moving rows, and its
 * triggers would act on the live tables their functions name.
 */
function triggerSql(table: TableDefinition, into: string, placement: Placement): string[] {
  if (placement.schema !== undefined) return []
  return table.triggers.flatMap((trigger) => [trigger.definition, ...triggerStateSql(trigger, into)])
}

const TRIGGER_STATE: Record<string, string> = { D: 'DISABLE', R: 'ENABLE REPLICA', A: 'ENABLE ALWAYS' }

function triggerStateSql(trigger: TriggerDefinition, into: string): string[] {
  const state = TRIGGER_STATE[trigger.enabled]
  return state ? [`ALTER TABLE ${into} ${state} TRIGGER ${quoteIdent(trigger.name)}`] : []
}

const POLICY_COMMAND: Record<string, string> = { r: 'SELECT', a: 'INSERT', w: 'UPDATE', d: 'DELETE', '*': 'ALL' }

function securitySql(table: TableDefinition, into: string): string[] {
  const statements = table.policies.map(
    (policy) =>
      `CREATE POLICY ${quoteIdent(policy.name)} ON ${into} AS ${policy.permissive ? 'PERMISSIVE' : 'RESTRICTIVE'} ` +
      `FOR ${POLICY_COMMAND[policy.command]} TO ${policy.roles.map(roleSql).join(', ')}` +
      (policy.using === undefined ? '' : ` USING (${policy.using})`) +
      (policy.check === undefined ? '' : ` WITH CHECK (${policy.check})`)
  )
  if (table.rowSecurity) statements.push(`ALTER TABLE ${into} ENABLE ROW LEVEL SECURITY`)
  if (table.forceRowSecurity) statements.push(`ALTER TABLE ${into} FORCE ROW LEVEL SECURITY`)
  return statements
}

function commentSql(table: TableDefinition, placement: Placement): string[] {
  const schema = placed(table, placement).schema
  const into = qualifiedName(schema, table.name)
  const on = (objects: { name: string; comment?: string }[], kind: string): [string, string | undefined][] =>
    objects.map((object) => [`${kind} ${quoteIdent(object.name)} ON ${into}`, object.comment])
  const comments: [string, string | undefined][] = [
    [`TABLE ${into}`, table.comment],
    ...table.columns.map((c): [string, string | undefined] => [`COLUMN ${into}.${quoteIdent(c.name)}`, c.comment]),
    ...on(table.constraints, 'CONSTRAINT'),
    ...table.indexes.map((i): [string, string | undefined] => [`INDEX ${qualifiedName(schema, i.name)}`, i.comment]),
    ...(placement.schema === undefined ? on(table.triggers, 'TRIGGER') : []),
    ...on(table.policies, 'POLICY')
  ]
  return comments
    .filter(([, text]) => text !== undefined)
    .map(([object, text]) => `COMMENT ON ${object} IS ${quoteLiteral(text!)}`)
}

/** Every name a re-created table takes in its schema's relation namespace (table, partitions, sequences, indexes). */
export function relationNames(table: TableDefinition, placement: Placement): TableName[] {
  const schema = placed(table, placement).schema
  return [
    { schema, name: table.name },
    ...table.sequences.map((sequence) => placed(sequence, placement)),
    ...table.constraints.filter((c) => c.type !== 'c').map((c) => ({ schema, name: c.name })),
    ...table.indexes.map((index) => ({ schema, name: index.name })),
    ...table.partitions.flatMap((partition) => relationNames(partition, placement))
  ]
}
