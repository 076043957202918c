/**
 * How an operation reaches a branch: its read-write endpoint as one database and role (the database and role
 * chosen when the inputs leave them open), masked before anything can print it, and the time-travel URI of a point.
 */
import type { Lsn } from '../lsn.js'
import type { Branch, NeonGateway } from '../neon/index.js'
import type { Point } from '../point.js'
import type { BranchEndpoint } from '../postgres/index.js'
import type { RunContext } from '../run.js'

/** A connection to a branch: its read-write endpoint, as one database and role. */
export interface BranchConnection extends BranchEndpoint {
  branch: Branch
  database: string
  role: string
  /** Connection URI of the branch's read-write endpoint (masked). */
  uri: string
}

export interface NamedDatabase {
  name: string
  owner_name: string
}

/** The database: as given, or the branch's only one. The role: as given, or the database's owner. */
export function chooseConnection(
  databases: NamedDatabase[],
  roles: { name: string }[],
  wanted: { database?: string; role?: string }
): { database: string; role: string } {
  const names = (items: { name: string }[]) => items.map((item) => item.name).join(', ') || 'none'
  let database: NamedDatabase | undefined
  if (wanted.database) {
    database = databases.find((candidate) => candidate.name === wanted.database)
    if (!database) throw new Error(`database: "${wanted.database}" is not on the branch (it has: ${names(databases)})`)
  } else if (databases.length === 1) {
    database = databases[0]
  } else {
    throw new Error(`database: the branch has ${databases.length} databases (${names(databases)}); set database`)
  }
  const role = wanted.role ?? database.owner_name
  if (!roles.some((candidate) => candidate.name === role)) {
    throw new Error(`role: "${role}" is not on the branch (it has: ${names(roles)})`)
  }
  return { database: database.name, role }
}

/** Finds the endpoint, database and role, and masks the password and URI before anything can print them. */
export async function connectionTo(
  branch: Branch,
  settings: { database?: string; role?: string },
  gateway: NeonGateway,
  context: RunContext,
  operation: string
): Promise<BranchConnection> {
  const [databases, roles, endpoints] = await Promise.all([
    gateway.connections.listDatabases(branch.id),
    gateway.connections.listRoles(branch.id),
    gateway.connections.listEndpoints(branch.id)
  ])
  const { database, role } = chooseConnection(databases, roles, settings)
  const endpoint = endpoints.find((candidate) => candidate.type === 'read_write') ?? endpoints[0]
  if (!endpoint) {
    throw new Error(
      `branch: ${branch.name} has no compute endpoint; add one in the Neon console so ${operation} can connect`
    )
  }
  const uri = await gateway.connections.getUri({ branchId: branch.id, database, role })
  // Time-travel URIs differ from this one only in host and options: masking the password covers them all.
  const password = decodeURIComponent(new URL(uri).password)
  if (password) context.mask(password)
  context.mask(uri)
  return { branch, endpointId: endpoint.id, database, role, uri }
}

/**
 * The time-travel connection for a point of `on` (masked), and its LSN where known before connecting: `head` is read
 * on the branch now, so the connection stays at that point while the branch moves on. A timestamp goes to Neon
 * as it is: learning its LSN first would start a time-travel compute only to ask.
 */
export async function pointUri(
  connection: BranchConnection,
  point: Point,
  context: RunContext,
  on: { id: string } = connection.branch
): Promise<{ uri: string; lsn?: Lsn }> {
  // Loaded here, not on import: snapshot uses this module only to choose a database and role.
  const { pastUri, pointLsn } = await import('../postgres/index.js')
  const at = point.kind === 'timestamp' ? { timestamp: point.timestamp } : await pointLsn(connection, point)
  // `on`: the branch that held the point (a backup after a restore), reached through this endpoint's host.
  const uri = pastUri({ ...connection, branch: on }, at)
  context.mask(uri)
  return { uri, lsn: typeof at === 'bigint' ? at : undefined }
}
