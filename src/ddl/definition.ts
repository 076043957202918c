/**
 * A table's full definition as the catalogs hold it (read by src/postgres/catalog.ts, with search_path =
 * pg_catalog so every name in an expression comes schema-qualified). Pure data: the DDL is built from it in
 * src/ddl/table.ts. Texts named `printed` are names as PostgreSQL prints them (quote_ident, qualified), so the
 * builder can find them again in what pg_get_indexdef, pg_get_constraintdef and pg_get_expr return.
 */

export interface TableName {
  schema: string
  name: string
}

export interface ColumnDefinition {
  name: string
  /** format_type: schema-qualified unless in pg_catalog. */
  type: string
  /** `schema.collation` (quoted as needed) when not the type's default collation. */
  collation?: string
  notNull: boolean
  /** pg_get_expr of the default (not of a generated column). */
  default?: string
  /** 'a' (ALWAYS), 'd' (BY DEFAULT) or ''. */
  identity: string
  /** 's' (stored), 'v' (virtual, PostgreSQL 18) or ''. */
  generated: string
  /** The expression of a generated column. */
  generation?: string
  /** attstorage when it differs from the type's default (p, e, m, x). */
  storage?: string
  /** False for a column a partition takes from its parent. */
  local: boolean
  comment?: string
}

/** A privilege, as aclexplode lists it. */
export interface Grant {
  /** A role name, or '' for PUBLIC. */
  grantee: string
  privilege: string
  grantable: boolean
  /** Set for a column privilege (attacl). */
  column?: string
}

/** A sequence the table owns: a serial column's (OWNED BY, deptype 'a') or an identity column's ('i'). */
export interface SequenceDefinition extends TableName {
  column: string
  identity: boolean
  /** format_type of the sequence's type. */
  type: string
  start: string
  increment: string
  min: string
  max: string
  cache: string
  cycle: boolean
  /** Where it stood at the point. */
  lastValue: string
  isCalled: boolean
  /** How a default names it: quote_literal of its regclass text (e.g. 'public.orders_id_seq'). */
  literal: string
  /** undefined: the default privileges (relacl is NULL). */
  grants?: Grant[]
}

/** p: primary key, u: unique, c: check, x: exclusion. Foreign keys are ForeignKeyDefinition. */
export interface ConstraintDefinition {
  name: string
  type: 'p' | 'u' | 'c' | 'x'
  /** pg_get_constraintdef; ends in NOT VALID when it was not validated. */
  definition: string
  validated: boolean
  comment?: string
}

export interface ForeignKeyDefinition {
  name: string
  /** The table that has the key. */
  table: TableName
  /** pg_get_constraintdef: FOREIGN KEY (...) REFERENCES schema.table(...) ..., NOT VALID at the end if so. */
  definition: string
  validated: boolean
  columns: string[]
  references: TableName & { printed: string }
  referencedColumns: string[]
  /** The referencing table's primary key columns (empty when none): what names a violating row. */
  keyColumns: string[]
  comment?: string
}

export interface IndexDefinition {
  name: string
  /** quote_ident(name), as pg_get_indexdef prints it. */
  printed: string
  /** pg_get_indexdef. */
  definition: string
  comment?: string
}

export interface TriggerDefinition {
  name: string
  /** pg_get_triggerdef. */
  definition: string
  /** tgenabled: O (origin, the default), D (disabled), R (replica), A (always). */
  enabled: string
  comment?: string
}

export interface PolicyDefinition {
  name: string
  permissive: boolean
  /** polcmd: r (SELECT), a (INSERT), w (UPDATE), d (DELETE), * (ALL). */
  command: string
  /** Role names; 'public' for PUBLIC. */
  roles: string[]
  using?: string
  check?: string
  comment?: string
}

export interface TableDefinition extends TableName {
  /** quote_ident(schema) || '.' || quote_ident(name), as the catalog functions print it. */
  printed: string
  kind: 'r' | 'p'
  unlogged: boolean
  owner: string
  columns: ColumnDefinition[]
  constraints: ConstraintDefinition[]
  foreignKeys: ForeignKeyDefinition[]
  indexes: IndexDefinition[]
  triggers: TriggerDefinition[]
  policies: PolicyDefinition[]
  rowSecurity: boolean
  forceRowSecurity: boolean
  /** undefined: the default privileges (relacl is NULL). Column privileges carry `column`. */
  grants?: Grant[]
  columnGrants: Grant[]
  comment?: string
  /** reloptions, as `name=value`. */
  options: string[]
  sequences: SequenceDefinition[]
  /** pg_get_partkeydef of a partitioned table. */
  partitionKey?: string
  /** pg_get_expr(relpartbound) of a partition: FOR VALUES ... or DEFAULT. */
  partitionBound?: string
  partitions: TableDefinition[]
}
