/**
 * recover's re-creation of tables from their definition at the point: a table dropped since comes back in place
 * (mode: merge), or a copy with the same definition lands in a new schema (mode: schema). Planning reads every
 * definition through the read-only past connection and refuses, before anything changes, what could not be
 * re-created as it was (a name taken at head, a role gone, a referenced table gone); carrying out adds the
 * foreign keys after every table's rows are in.
 */
import { displayName, qualifiedName, type TableShape } from '../recovery-sql.js'
import type { ForeignKeyDefinition, TableDefinition } from '../ddl/definition.js'
import { foreignKeyDdl, type ForeignKeyDdl } from '../ddl/foreign-keys.js'
import { dependencyOrder } from '../ddl/order.js'
import { relationNames, tableDdl, type Placement, type TableDdl } from '../ddl/table.js'
import {
  constraintExists,
  missingRoles,
  readReferencingKeys,
  readTableDefinition,
  schemaExists,
  tableOid,
  takenRelations,
  type Client
} from '../postgres/index.js'

export interface Recreated {
  definition: TableDefinition
  ddl: TableDdl
}

export interface Recreation {
  /** In creation order: referenced tables first. */
  tables: Recreated[]
  /** Added after every table's rows are in. */
  foreignKeys: ForeignKeyDdl[]
  /** What does not come back, and why (for the dry run and the summary). */
  notes: string[]
}

/** A foreign key that rows violate: left NOT VALID, the first rows' keys listed. */
export interface InvalidKey {
  table: string
  name: string
  count: number
  keys: unknown[]
}

/** SQLSTATE foreign_key_violation: what VALIDATE CONSTRAINT raises for rows without a match. */
const FOREIGN_KEY_VIOLATION = '23503'

export async function planRecreation(
  past: Client,
  live: Client,
  shapes: TableShape[],
  options: { schema?: string; role: string; branch: string }
): Promise<Recreation> {
  const definitions: TableDefinition[] = []
  const oids = new Map<string, number>()
  for (const shape of shapes) {
    const oid = (await tableOid(past, qualifiedName(shape.schema, shape.name)))!
    oids.set(displayName(shape), oid)
    definitions.push(await readTableDefinition(past, oid))
  }
  const ordered = dependencyOrder(definitions, displayName, (table) =>
    table.foreignKeys.map((key) => displayName(key.references))
  )
  const placement: Placement = {
    schema: options.schema,
    together: new Set(ordered.map(displayName)),
    creator: options.role
  }
  if (placement.schema === undefined) await checkInPlace(live, ordered, placement, options.branch)
  else checkDistinct(ordered, placement)
  await checkRoles(live, ordered, options.branch)
  const notes: string[] = []
  const keys = await ownKeys(live, ordered, placement, notes, options.branch)
  if (placement.schema === undefined) {
    for (const table of ordered)
      keys.push(...(await referencingKeys(past, live, oids.get(displayName(table))!, placement, notes)))
  }
  return {
    tables: ordered.map((definition) => ({ definition, ddl: tableDdl(definition, placement) })),
    foreignKeys: keys.map((key) => foreignKeyDdl(key, placement)),
    notes
  }
}

/** In place, every name the table takes must be free at head, and its schema must be there. */
async function checkInPlace(
  live: Client,
  tables: TableDefinition[],
  placement: Placement,
  branch: string
): Promise<void> {
  for (const table of tables) {
    if (!(await schemaExists(live, table.schema))) {
      throw new Error(
        `mode: merge would re-create ${displayName(table)}, but schema ${table.schema} is gone at the head of ${branch}; ` +
          'create the schema first, or recover into a new schema (mode: schema)'
      )
    }
  }
  const taken = await takenRelations(
    live,
    tables.flatMap((table) => relationNames(table, placement))
  )
  if (taken.length > 0) {
    const list = taken.map(displayName).join(', ')
    throw new Error(
      `mode: merge would re-create ${tables.map(displayName).join(', ')} with the names they had, and ${list} ` +
        `is taken at the head of ${branch} (by a table, index or sequence); rename or drop it, or recover into a schema (mode: schema)`
    )
  }
}

/** Copies from several schemas land in one: their tables, indexes and sequences must not share a name there. */
function checkDistinct(tables: TableDefinition[], placement: Placement): void {
  const names = tables.flatMap((table) => relationNames(table, placement)).map(displayName)
  const twice = [...new Set(names.filter((name, index) => names.indexOf(name) !== index))]
  if (twice.length > 0) {
    throw new Error(
      `tables: the copies of ${tables.map(displayName).join(', ')} would all need ${twice.join(', ')} in schema ` +
        `${placement.schema}; recover them in separate steps (each into its own schema)`
    )
  }
}

function rolesOf(table: TableDefinition): string[] {
  return [
    table.owner,
    ...[...(table.grants ?? []), ...table.columnGrants, ...table.sequences.flatMap((s) => s.grants ?? [])].map(
      (grant) => grant.grantee
    ),
    ...table.policies.flatMap((policy) => policy.roles),
    ...table.partitions.flatMap(rolesOf)
  ].filter((role) => role !== '' && role !== 'public')
}

/** Roles are not part of a table: an owner, grantee or policy role dropped since cannot be given back. */
async function checkRoles(live: Client, tables: TableDefinition[], branch: string): Promise<void> {
  const missing = await missingRoles(live, [...new Set(tables.flatMap(rolesOf))])
  if (missing.length > 0) {
    throw new Error(
      `tables: ${tables.map(displayName).join(', ')} had role ${missing.join(', ')} (as owner, grantee or in a policy), ` +
        `which no longer exists on ${branch}; create it (CREATE ROLE) and run again`
    )
  }
}

/**
 * A table's own foreign keys: to a table recovered with it, always; to another table, in place when that
 * table is at head (refused otherwise), and never from a copy in a schema (its rows would tie the live table).
 */
async function ownKeys(
  live: Client,
  tables: TableDefinition[],
  placement: Placement,
  notes: string[],
  branch: string
): Promise<ForeignKeyDefinition[]> {
  const keys: ForeignKeyDefinition[] = []
  for (const key of tables.flatMap((table) => table.foreignKeys)) {
    const referenced = displayName(key.references)
    if (placement.together.has(referenced)) keys.push(key)
    else if (placement.schema !== undefined) {
      notes.push(
        `foreign key ${key.name} of ${displayName(key.table)} is left out: ${referenced} is not copied with it`
      )
    } else if ((await tableOid(live, qualifiedName(key.references.schema, key.references.name))) === undefined) {
      throw new Error(
        `tables: ${displayName(key.table)} referenced ${referenced} (foreign key ${key.name}), which is gone at the head of ` +
          `${branch}; add ${referenced} to tables`
      )
    } else keys.push(key)
  }
  return keys
}

/** The keys other tables had to a re-created table that they have lost since (a DROP ... CASCADE drops them). */
async function referencingKeys(
  past: Client,
  live: Client,
  oid: number,
  placement: Placement,
  notes: string[]
): Promise<ForeignKeyDefinition[]> {
  const keys: ForeignKeyDefinition[] = []
  for (const key of await readReferencingKeys(past, oid)) {
    const table = displayName(key.table)
    if (placement.together.has(table)) continue
    const quoted = qualifiedName(key.table.schema, key.table.name)
    if ((await tableOid(live, quoted)) === undefined) {
      notes.push(`foreign key ${key.name} of ${table} is left out: ${table} is gone at head too`)
    } else if (!(await constraintExists(live, quoted, key.name))) keys.push(key)
  }
  return keys
}

/**
 * Adds each key NOT VALID, then validates it in a savepoint: rows that violate it roll back only the
 * validation, so the key stays NOT VALID, the violators are listed, and the rest of the transaction stands.
 * Any other failure propagates (and the caller rolls everything back).
 */
export async function addForeignKeys(live: Client, keys: ForeignKeyDdl[]): Promise<InvalidKey[]> {
  const invalid: InvalidKey[] = []
  for (const key of keys) {
    await live.query(key.add)
    if (key.comment) await live.query(key.comment)
    if (!key.validate) continue
    await live.query('SAVEPOINT nra_validate')
    try {
      await live.query(key.validate)
      await live.query('RELEASE SAVEPOINT nra_validate')
    } catch (error) {
      if ((error as { code?: string }).code !== FOREIGN_KEY_VIOLATION) throw error
      await live.query('ROLLBACK TO SAVEPOINT nra_validate')
      const { rows } = await live.query<{ total: string; key: string }>(key.violations)
      invalid.push({
        table: key.table,
        name: key.name,
        count: Number(rows[0]?.total ?? 0),
        keys: rows.map((row) => JSON.parse(row.key) as unknown)
      })
    }
  }
  return invalid
}

/** The foreign-key statements as the dry run shows them. */
export function foreignKeyStatements(keys: ForeignKeyDdl[]): string[] {
  return keys.flatMap((key) => [
    `${key.add};`,
    ...(key.comment ? [`${key.comment};`] : []),
    ...(key.validate
      ? [
          'SAVEPOINT nra_validate;',
          `${key.validate};`,
          '-- on rows that violate it: ROLLBACK TO SAVEPOINT (it stays NOT VALID)'
        ]
      : [])
  ])
}
