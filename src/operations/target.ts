/** Where an operation connects: a branch's compute endpoint as one database and role, and its past. */
import { chooseConnection } from '../connection.js'
import { alignUp, formatLsn, parseLsn, type Lsn } from '../lsn.js'
import type { Branch, NeonGateway } from '../neon/index.js'
import type { Point } from '../point.js'
import { readRows, timeTravelUri } from '../postgres.js'
import type { RunContext } from '../run.js'

export interface Target {
  branch: Branch
  endpointId: string
  database: string
  role: string
  /** Connection URI of the branch's read-write endpoint (masked). */
  uri: string
}

/** Finds the endpoint, database and role, and masks the password and URI before anything can print them. */
export async function connectionTarget(
  branch: Branch,
  settings: { database?: string; role?: string },
  gateway: NeonGateway,
  context: RunContext,
  operation: string
): Promise<Target> {
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

/** A read-only connection to the target's branch as it was at an LSN or a time (no branch is created). */
export function pastUri(target: Target, at: Lsn | { timestamp: string }): string {
  const point = typeof at === 'bigint' ? { lsn: formatLsn(at) } : at
  return timeTravelUri(target.uri, { endpointId: target.endpointId, branchId: target.branch.id }, point)
}

/**
 * The time-travel connection for a point (masked), and its LSN where known before connecting: `head` is read
 * on the branch now, so the connection stays at that point while the branch moves on.
 */
export async function pointUri(target: Target, point: Point, context: RunContext): Promise<{ uri: string; lsn?: Lsn }> {
  let lsn: Lsn | undefined
  if (point.kind === 'lsn') lsn = alignUp(parseLsn(point.lsn))
  if (point.kind === 'head') {
    const [row] = await readRows<{ lsn: string }>(target.uri, 'SELECT pg_current_wal_flush_lsn()::text AS lsn')
    lsn = alignUp(parseLsn(row.lsn))
  }
  const uri = pastUri(target, lsn ?? { timestamp: point.kind === 'timestamp' ? point.timestamp : '' })
  context.mask(uri)
  return { uri, lsn }
}
