/**
 * The contract between the emulator's control plane (HTTP API, branches, endpoints, operations) and its data
 * plane (real PostgreSQL clusters made by point-in-time recovery).
 *
 * A *storage* is one line of WAL history: a root cluster made by initdb, or a fork of another storage at an
 * LSN. Branches point at storages; a restore swaps the storage a branch points at. Storages are cheap
 * metadata until something connects to them (the data plane then materialises a cluster by recovery).
 */

/** A point in a storage's history, as the API receives it. */
export type PointRequest = { kind: 'head' } | { kind: 'lsn'; lsn: string } | { kind: 'timestamp'; timestamp: string }

export interface ResolvedPoint {
  /** Canonical LSN (`0/16B3748`), 8-byte aligned: what Neon reports as `parent_lsn`. */
  lsn: string
  /** RFC 3339 time of the last commit at or before the point, when known. */
  timestamp?: string
}

/** Raised for points the history cannot serve: the API turns it into a 400 with this message. */
export class PointError extends Error {
  readonly code = 'BAD_REQUEST'
}

/** A timestamp older than every commit of a branch's history (the pageserver's `Past`). */
export class BeforeHistoryError extends PointError {}

export interface RootOptions {
  databaseName: string
  roleName: string
  password: string
}

export interface Backend {
  /** Unix socket directory and port of the Postgres that serves this connection. */
  socketDir: string
  port: number
  /** True when this connection started the Postgres (a cold start, which Neon's latency model charges). */
  cold: boolean
  /** Called by the proxy when the client connection closes (for idle tracking). */
  release(): void
}

export interface DataPlane {
  /** Creates the root storage (initdb, database, role) and returns its id. */
  createRoot(options: RootOptions): Promise<string>
  /** Turns a point into an LSN on `storageId`'s history; throws PointError when out of range. */
  resolvePoint(storageId: string, point: PointRequest): Promise<ResolvedPoint>
  /** The LSN of the latest WAL record of a storage (its head). */
  headLsn(storageId: string): Promise<string>
  /** A new storage whose history is `storageId`'s up to `lsn` (canonical, from resolvePoint). Lazy. */
  fork(storageId: string, lsn: string): Promise<string>
  /** Runs SQL as the superuser on the storage's read-write cluster (materialising it if needed). */
  adminQuery(storageId: string, database: string, sql: string, params?: unknown[]): Promise<Record<string, unknown>[]>
  /**
   * A Postgres to connect a client to: the storage's read-write cluster, or with `point`, a read-only
   * instance at that point (time travel), removed after 10 s idle (Neon: 10 s or 30 s, see DataPlaneOptions.timeTravelIdleMs).
   */
  acquire(storageId: string, point?: PointRequest): Promise<Backend>
  /** Forgets a storage; its files go once no other storage forks from it. */
  drop(storageId: string): Promise<void>
  /** Stops every Postgres this data plane started. */
  close(): Promise<void>
}

/**
 * The Postgres wire proxy in front of every endpoint (emulator/proxy.ts). One listening port per endpoint;
 * a client's startup `options` with `neon_lsn:<lsn>` or `neon_timestamp:<RFC 3339>` reach a read-only
 * instance of the endpoint's branch at that point, anything else reaches the branch's read-write cluster.
 */
export interface EndpointProxy {
  /** Starts listening for an endpoint (on `port`, or a free one) and returns the port. */
  listen(endpointId: string, port?: number): Promise<number>
  /** Stops listening for an endpoint and cuts its connections. */
  close(endpointId: string): Promise<void>
  /** Cuts the open client connections of an endpoint (a restore drops connections, as Neon does). */
  dropConnections(endpointId: string): void
  closeAll(): Promise<void>
}

/** Where a new connection goes: the endpoint's branch storage, and the password of the role it logs in as. */
export interface ConnectionRoute {
  storageId: string
  /** Undefined when the branch has no such role, or the role cannot log in. */
  password?: string
}

/**
 * What the proxy asks the control plane for each new connection: by endpoint id, or (time travel) by branch id
 * too; undefined for an unknown one.
 */
export type ConnectionLookup = (id: string, roleName: string, timeTravel: boolean) => ConnectionRoute | undefined
