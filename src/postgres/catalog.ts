/**
 * The catalog reader for DDL, and the only place that queries catalogs for it: a table's full definition
 * (src/ddl/definition.ts) from pg_attribute, pg_constraint, pg_index, pg_trigger, pg_policy, pg_description,
 * relacl/attacl, reloptions, pg_partitioned_table, pg_inherits, pg_sequence and pg_depend, with the server's own
 * pg_get_*def functions. Not pg_dump: the runner's pg_dump may be older than the server, and refuses newer ones.
 * Everything is read with search_path = pg_catalog, so the texts name every other object schema-qualified.
 */
import type {
  ColumnDefinition,
  ConstraintDefinition,
  ForeignKeyDefinition,
  Grant,
  IndexDefinition,
  PolicyDefinition,
  SequenceDefinition,
  TableDefinition,
  TableName,
  TriggerDefinition
} from '../ddl/definition.js'
import { qualifiedName } from '../recovery-sql.js'
import type { Client } from './connect.js'

/** The oid of the table `table` names (quoted, qualified), or undefined when there is none. */
export async function tableOid(client: Client, table: string): Promise<number | undefined> {
  const { rows } = await client.query<{ oid: number | null }>('SELECT pg_catalog.to_regclass($1)::oid::int AS oid', [
    table
  ])
  return rows[0].oid ?? undefined
}

/** The definition of the table with `oid`, its partitions included. */
export async function readTableDefinition(client: Client, oid: number): Promise<TableDefinition> {
  await client.query('SET search_path = pg_catalog')
  try {
    return await readTable(client, oid)
  } finally {
    // After a failed query its error is what matters; a failed reset would only hide it.
    await client.query('RESET search_path').catch(() => undefined)
  }
}

/**
 * The foreign keys other tables have to the table with `oid`: not the clones PostgreSQL keeps for partitions
 * (conparentid), which the parent's key makes again.
 */
export async function readReferencingKeys(client: Client, oid: number): Promise<ForeignKeyDefinition[]> {
  await client.query('SET search_path = pg_catalog')
  try {
    return await foreignKeys(client, 'con.confrelid = $1 AND con.conrelid <> $1 AND con.conparentid = 0', oid)
  } finally {
    await client.query('RESET search_path').catch(() => undefined)
  }
}

/** Which of `names` (schema, name) a relation already has: a table, index, sequence or view. */
export async function takenRelations(client: Client, names: TableName[]): Promise<TableName[]> {
  const { rows } = await client.query<TableName>(
    `SELECT n.nspname AS schema, c.relname AS name
       FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      WHERE (n.nspname, c.relname) IN (SELECT * FROM unnest($1::text[], $2::text[]))
      ORDER BY 1, 2`,
    [names.map((name) => name.schema), names.map((name) => name.name)]
  )
  return rows
}

/** Which of `roles` do not exist. */
export async function missingRoles(client: Client, roles: string[]): Promise<string[]> {
  const { rows } = await client.query<{ role: string }>(
    `SELECT r.role FROM unnest($1::text[]) r(role)
      WHERE NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = r.role) ORDER BY 1`,
    [roles]
  )
  return rows.map((row) => row.role)
}

/** Whether the table `table` names (quoted, qualified) has a constraint `name`. */
export async function constraintExists(client: Client, table: string, name: string): Promise<boolean> {
  const { rows } = await client.query(
    'SELECT FROM pg_catalog.pg_constraint WHERE conrelid = pg_catalog.to_regclass($1) AND conname = $2',
    [table, name]
  )
  return rows.length > 0
}

async function readTable(client: Client, oid: number): Promise<TableDefinition> {
  const { rows } = await client.query<TableRow>(
    `SELECT n.nspname AS schema, c.relname AS name, quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS printed,
            c.relkind::text AS kind, c.relpersistence = 'u' AS unlogged, pg_get_userbyid(c.relowner) AS owner,
            c.relrowsecurity AS "rowSecurity", c.relforcerowsecurity AS "forceRowSecurity", c.relacl IS NULL AS "defaultAcl",
            obj_description(c.oid, 'pg_class') AS comment, coalesce(c.reloptions, '{}') AS options,
            CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END AS "partitionKey",
            CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END AS "partitionBound",
            array(SELECT h.inhrelid::int FROM pg_inherits h JOIN pg_class p ON p.oid = h.inhrelid
                   WHERE h.inhparent = c.oid ORDER BY p.relname) AS partitions
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = $1`,
    [oid]
  )
  const { defaultAcl, comment, partitionKey, partitionBound, partitions, kind, ...table } = rows[0]
  const partitionDefinitions: TableDefinition[] = []
  for (const partition of partitions) partitionDefinitions.push(await readTable(client, partition))
  const [columns, constraints, keys, indexes, triggers, policies, grants, sequences] = [
    await readColumns(client, oid),
    await readConstraints(client, oid),
    await foreignKeys(client, 'con.conrelid = $1 AND con.conparentid = 0', oid),
    await readIndexes(client, oid),
    await readTriggers(client, oid),
    await readPolicies(client, oid),
    await readGrants(client, oid),
    await readSequences(client, oid)
  ]
  return {
    ...table,
    kind: kind as TableDefinition['kind'],
    comment: comment ?? undefined,
    partitionKey: partitionKey ?? undefined,
    partitionBound: partitionBound ?? undefined,
    columns: columns.map(({ grants: _grants, ...column }) => column),
    columnGrants: columns.flatMap((column) => column.grants),
    constraints,
    foreignKeys: keys,
    indexes,
    triggers,
    policies,
    grants: defaultAcl ? undefined : grants,
    sequences,
    partitions: partitionDefinitions
  }
}

interface TableRow {
  schema: string
  name: string
  printed: string
  kind: string
  unlogged: boolean
  owner: string
  rowSecurity: boolean
  forceRowSecurity: boolean
  defaultAcl: boolean
  comment: string | null
  options: string[]
  partitionKey: string | null
  partitionBound: string | null
  partitions: number[]
}

/** NULLs as absent fields, the shape the definition types use. */
function present<T extends object>(row: T): { [K in keyof T]: Exclude<T[K], null> } {
  return Object.fromEntries(Object.entries(row).filter(([, value]) => value !== null)) as never
}

async function readColumns(client: Client, oid: number): Promise<(ColumnDefinition & { grants: Grant[] })[]> {
  const { rows } = await client.query(
    `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
            CASE WHEN a.attcollation <> t.typcollation
                 THEN quote_ident(cn.nspname) || '.' || quote_ident(co.collname) END AS collation,
            a.attnotnull AS "notNull", a.attidentity::text AS identity, a.attgenerated::text AS generated,
            CASE WHEN a.attgenerated = '' THEN pg_get_expr(d.adbin, d.adrelid) END AS default,
            CASE WHEN a.attgenerated <> '' THEN pg_get_expr(d.adbin, d.adrelid) END AS generation,
            CASE WHEN a.attstorage <> t.typstorage THEN a.attstorage::text END AS storage,
            a.attislocal AS local, col_description(a.attrelid, a.attnum) AS comment,
            coalesce((SELECT json_agg(json_build_object('grantee', coalesce(r.rolname, ''), 'privilege', g.privilege_type,
                                                        'grantable', g.is_grantable, 'column', a.attname))
                        FROM aclexplode(a.attacl) g LEFT JOIN pg_roles r ON r.oid = g.grantee), '[]') AS grants
       FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
       LEFT JOIN pg_collation co ON co.oid = a.attcollation LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace
       LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
      WHERE a.attrelid = $1 AND a.attnum > 0 AND NOT a.attisdropped
      ORDER BY a.attnum`,
    [oid]
  )
  return rows.map((row) => present(row) as ColumnDefinition & { grants: Grant[] })
}

/**
 * Primary, unique, check and exclusion constraints declared on this table: not those a partition takes from its
 * parent (conparentid, or an inherited CHECK), which come back with the parent's. NOT NULL is the column's
 * (PostgreSQL 18 also lists it here as contype n, and names it as it did before: <table>_<column>_not_null).
 */
async function readConstraints(client: Client, oid: number): Promise<ConstraintDefinition[]> {
  const { rows } = await client.query(
    `SELECT con.conname AS name, con.contype::text AS type, pg_get_constraintdef(con.oid) AS definition,
            con.convalidated AS validated, obj_description(con.oid, 'pg_constraint') AS comment
       FROM pg_constraint con
      WHERE con.conrelid = $1 AND con.contype IN ('p', 'u', 'c', 'x') AND con.conparentid = 0
        AND (con.contype <> 'c' OR con.conislocal)
      ORDER BY con.contype = 'c' DESC, con.contype, con.conname`,
    [oid]
  )
  return rows.map((row) => present(row) as ConstraintDefinition)
}

const columnNames = (relation: string, keys: string) =>
  `array(SELECT a.attname::text FROM unnest(${keys}) WITH ORDINALITY k(attnum, ord)
           JOIN pg_attribute a ON a.attrelid = ${relation} AND a.attnum = k.attnum ORDER BY k.ord)`

async function foreignKeys(client: Client, condition: string, oid: number): Promise<ForeignKeyDefinition[]> {
  const { rows } = await client.query(
    `SELECT con.conname AS name, json_build_object('schema', n.nspname, 'name', c.relname) AS table,
            pg_get_constraintdef(con.oid) AS definition, con.convalidated AS validated,
            ${columnNames('con.conrelid', 'con.conkey')} AS columns,
            json_build_object('schema', rn.nspname, 'name', rc.relname,
                              'printed', quote_ident(rn.nspname) || '.' || quote_ident(rc.relname)) AS "references",
            ${columnNames('con.confrelid', 'con.confkey')} AS "referencedColumns",
            coalesce((SELECT ${columnNames('pk.conrelid', 'pk.conkey')} FROM pg_constraint pk
                       WHERE pk.conrelid = con.conrelid AND pk.contype = 'p'), '{}') AS "keyColumns",
            obj_description(con.oid, 'pg_constraint') AS comment
       FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_class rc ON rc.oid = con.confrelid JOIN pg_namespace rn ON rn.oid = rc.relnamespace
      WHERE con.contype = 'f' AND ${condition}
      ORDER BY n.nspname, c.relname, con.conname`,
    [oid]
  )
  return rows.map((row) => present(row) as ForeignKeyDefinition)
}

/** Indexes that are not a constraint's and not a partition's share of its parent's index. */
async function readIndexes(client: Client, oid: number): Promise<IndexDefinition[]> {
  const { rows } = await client.query(
    `SELECT ic.relname AS name, quote_ident(ic.relname) AS printed, pg_get_indexdef(i.indexrelid) AS definition,
            obj_description(i.indexrelid, 'pg_class') AS comment
       FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
      WHERE i.indrelid = $1
        AND NOT EXISTS (SELECT FROM pg_constraint con WHERE con.conindid = i.indexrelid AND con.conrelid = i.indrelid
                                                       AND con.contype IN ('p', 'u', 'x'))
        AND NOT EXISTS (SELECT FROM pg_inherits h WHERE h.inhrelid = i.indexrelid)
      ORDER BY ic.relname`,
    [oid]
  )
  return rows.map((row) => present(row) as IndexDefinition)
}

/** The user's triggers: not the internal ones of foreign keys, nor a partition's clone of its parent's. */
async function readTriggers(client: Client, oid: number): Promise<TriggerDefinition[]> {
  const { rows } = await client.query(
    `SELECT t.tgname AS name, pg_get_triggerdef(t.oid) AS definition, t.tgenabled::text AS enabled,
            obj_description(t.oid, 'pg_trigger') AS comment
       FROM pg_trigger t WHERE t.tgrelid = $1 AND NOT t.tgisinternal AND t.tgparentid = 0 ORDER BY t.tgname`,
    [oid]
  )
  return rows.map((row) => present(row) as TriggerDefinition)
}

async function readPolicies(client: Client, oid: number): Promise<PolicyDefinition[]> {
  const { rows } = await client.query(
    `SELECT p.polname AS name, p.polpermissive AS permissive, p.polcmd::text AS command,
            array(SELECT CASE WHEN r.role = 0 THEN 'public' ELSE pg_get_userbyid(r.role)::text END
                    FROM unnest(p.polroles) WITH ORDINALITY r(role, ord) ORDER BY r.ord) AS roles,
            pg_get_expr(p.polqual, p.polrelid) AS using, pg_get_expr(p.polwithcheck, p.polrelid) AS check,
            obj_description(p.oid, 'pg_policy') AS comment
       FROM pg_policy p WHERE p.polrelid = $1 ORDER BY p.polname`,
    [oid]
  )
  return rows.map((row) => present(row) as PolicyDefinition)
}

async function readGrants(client: Client, oid: number): Promise<Grant[]> {
  const { rows } = await client.query<Grant>(
    `SELECT coalesce(r.rolname, '') AS grantee, g.privilege_type AS privilege, g.is_grantable AS grantable
       FROM pg_class c, aclexplode(c.relacl) g LEFT JOIN pg_roles r ON r.oid = g.grantee
      WHERE c.oid = $1 ORDER BY g.grantee = c.relowner DESC, r.rolname, g.privilege_type`,
    [oid]
  )
  return rows
}

/** The sequences the table owns (pg_depend: 'a' for a serial's OWNED BY, 'i' for an identity column's). */
async function readSequences(client: Client, oid: number): Promise<SequenceDefinition[]> {
  const { rows } = await client.query<Omit<SequenceDefinition, 'lastValue' | 'isCalled' | 'grants'> & { oid: number }>(
    `SELECT s.oid::int AS oid, n.nspname AS schema, s.relname AS name, a.attname AS column, d.deptype = 'i' AS identity,
            format_type(q.seqtypid, NULL) AS type, q.seqstart::text AS start, q.seqincrement::text AS increment,
            q.seqmin::text AS min, q.seqmax::text AS max, q.seqcache::text AS cache, q.seqcycle AS cycle,
            quote_literal(s.oid::regclass::text) AS literal
       FROM pg_depend d JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S'
       JOIN pg_namespace n ON n.oid = s.relnamespace JOIN pg_sequence q ON q.seqrelid = s.oid
       JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
      WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass AND d.refobjid = $1
        AND d.deptype IN ('a', 'i')
      ORDER BY s.relname`,
    [oid]
  )
  const sequences: SequenceDefinition[] = []
  for (const { oid: sequence, ...row } of rows) {
    const position = await client.query<{ lastValue: string; isCalled: boolean }>(
      `SELECT last_value::text AS "lastValue", is_called AS "isCalled" FROM ${qualifiedName(row.schema, row.name)}`
    )
    const acl = await client.query<{ defaultAcl: boolean }>(
      'SELECT relacl IS NULL AS "defaultAcl" FROM pg_class WHERE oid = $1',
      [sequence]
    )
    const grants = acl.rows[0].defaultAcl ? undefined : await readGrants(client, sequence)
    sequences.push({ ...row, ...position.rows[0], grants })
  }
  return sequences
}
