/**
 * The control plane: branches, endpoints, databases, roles, snapshots and their operations, with Neon's rules.
 * Branches point at data-plane storages; creating, restoring and snapshotting fork storages at resolved points.
 * Mutations run one at a time (a mutex), check everything first, do the data-plane work, then change the model
 * in one synchronous step, so readers never see half a change.
 */
import { isLsn, normalizeLsn } from '../../src/lsn.js'
import {
  PointError,
  type ConnectionRoute,
  type DataPlane,
  type EndpointProxy,
  type PointRequest,
  type ResolvedPoint
} from '../dataplane/types.js'
import { toIso, type Clock } from './clock.js'
import { ApiError, badRequest, locked, notFound } from './errors.js'
import * as ids from './ids.js'
import type {
  BranchRecord,
  DatabaseRecord,
  DeletionRecord,
  EndpointRecord,
  OperationRecord,
  RestrictedAction,
  RoleRecord,
  SnapshotRecord,
  State
} from './model.js'
import type { OperationRequest, Operations } from './operations.js'

export const DEFAULT_DATABASE = 'neondb'
export const DEFAULT_ROLE = 'neondb_owner'
/** Neon caps `expires_at` at 30 days ahead. */
const MAX_EXPIRY_MS = 30 * 86400 * 1000
/**
 * How long a soft-deleted branch stays recoverable (spec, deleteProjectBranch: "can be recovered within a 7-day
 * grace period"; recoverProjectBranch: "within the 7-day deletion recovery period").
 */
const RECOVERY_WINDOW_MS = 7 * 86400 * 1000
/**
 * Neon's answer to an instant restore (PITR) of a branch made by a snapshot restore: "Instant restore (PITR) is
 * currently not supported on branches created from a snapshot restore. ... Attempting to do so will return an
 * error: `restore from snapshot on target branch is still ongoing`" (neon.com/docs/guides/backup-restore,
 * Limitations, updated 2026-04-17). The docs do not say whether Neon lists it in the branch's `restricted_actions`
 * (spec: "actions that are currently restricted for this branch and the reason why", names include `restore`):
 * the emulator does, with this reason, so a client can see it before asking; the control route can lift it.
 */
const SNAPSHOT_RESTORE_ONGOING = 'restore from snapshot on target branch is still ongoing'

export interface MutationContext {
  /** A `slow` fault: this request's operations take 10x longer. */
  slow: boolean
}

export interface CreateBranchInput {
  branch?: {
    parent_id?: string
    name?: string
    parent_lsn?: string
    parent_timestamp?: string
    protected?: boolean
    expires_at?: string
    init_source?: string
    archived?: boolean
  }
  endpoints?: { type?: string }[]
  annotation_value?: Record<string, string>
}

export interface UpdateBranchInput {
  branch?: { name?: string; protected?: boolean; expires_at?: string | null }
}

export interface RestoreBranchInput {
  source_branch_id?: string
  source_lsn?: string
  source_timestamp?: string
  preserve_under_name?: string
}

export interface SnapshotInput {
  lsn?: string
  timestamp?: string
  name?: string
  expires_at?: string
}

/** Body of the emulator control route that sets a branch's restricted actions (not Neon API). */
export interface RestrictedActionsInput {
  restricted_actions?: unknown
}

export interface RestoreSnapshotInput {
  name?: string
  target_branch_id?: string
  finalize_restore?: boolean
}

/** Runs async jobs one after another. */
class Mutex {
  private tail: Promise<unknown> = Promise.resolve()

  run<T>(job: () => Promise<T>): Promise<T> {
    const result = this.tail.then(job, job)
    this.tail = result.catch(() => undefined)
    return result
  }
}

/** Double-quotes an SQL identifier. */
export function quoteIdent(name: string): string {
  return '"' + name.replace(/"/g, '""') + '"'
}

/** Single-quotes an SQL string literal (standard_conforming_strings is on in every supported Postgres). */
export function quoteLiteral(value: string): string {
  return "'" + value.replace(/'/g, "''") + "'"
}

export class ControlPlane {
  private readonly mutex = new Mutex()

  constructor(
    readonly state: State,
    private readonly dataPlane: DataPlane,
    private readonly proxy: EndpointProxy,
    private readonly clock: Clock,
    readonly operations: Operations,
    private readonly save: () => void,
    private readonly log: (message: string) => void
  ) {}

  // ---- lookups ----

  /**
   * A branch the API can use. A soft-deleted one answers 404 like a deleted one: docs unclear on what GET of a
   * soft-deleted branch answers; the spec shows its recovery info "only ... when listing deleted branches with
   * `include_deleted=true`" (BranchRecoveryInfo), so nothing else shows it.
   */
  branch(id: string): BranchRecord {
    const branch = this.state.branches.find((candidate) => candidate.id === id && !candidate.deleted)
    if (!branch) throw notFound(`branch ${id} not found`)
    return branch
  }

  /** Branches that are not soft-deleted: what listings show without `include_deleted`. */
  liveBranches(): BranchRecord[] {
    return this.state.branches.filter((branch) => !branch.deleted)
  }

  defaultBranch(): BranchRecord {
    const branch = this.state.branches.find((candidate) => candidate.default)
    if (!branch) throw new Error('the project has no default branch')
    return branch
  }

  /** An endpoint the API can use: those of a soft-deleted branch are hidden with it until it is recovered. */
  endpoint(id: string): EndpointRecord {
    const endpoint = this.liveEndpoints().find((candidate) => candidate.id === id)
    if (!endpoint) throw notFound(`endpoint ${id} not found`)
    return endpoint
  }

  liveEndpoints(): EndpointRecord[] {
    const live = new Set(this.liveBranches().map((branch) => branch.id))
    return this.state.endpoints.filter((endpoint) => live.has(endpoint.branchId))
  }

  endpointsOf(branchId: string): EndpointRecord[] {
    return this.state.endpoints.filter((endpoint) => endpoint.branchId === branchId)
  }

  snapshot(id: string): SnapshotRecord {
    const snapshot = this.state.snapshots.find((candidate) => candidate.id === id)
    if (!snapshot) throw notFound(`snapshot ${id} not found`)
    return snapshot
  }

  /**
   * A branch's children, soft-deleted ones included: docs unclear on whether a soft-deleted child still blocks
   * deleting its parent (spec: "you cannot delete ... a branch that has a child branch"). Conservatively it
   * does, so that a recovered child always finds its parent.
   */
  children(branchId: string): BranchRecord[] {
    return this.state.branches.filter((branch) => branch.parentId === branchId)
  }

  /**
   * The storage behind an endpoint and the password of the role a new connection logs in as, for the proxy,
   * which checks the login itself (as Neon's proxy does) and whose routing wakes an idle endpoint. None while the
   * endpoint's branch is soft-deleted: the connection is refused until a recovery.
   */
  // Where the connection goes: the endpoint (`ep-…`), or, for a time-travel connection, the branch its host
  // names (`br-…`: "replace the endpoint id in the host with the branch id", as neonctl and Neon's time-travel
  // connection strings do, for any branch, with or without a compute). The emulator's hosts are IP addresses, so
  // that id arrives as the `endpoint` option Neon documents for clients without SNI ("pass the endpoint ID (the
  // first part of the domain name)": neon.com/docs/connect/connection-errors).
  routeConnection(id: string, roleName: string, timeTravel = false): ConnectionRoute | undefined {
    const travelled = timeTravel
      ? this.state.branches.find((candidate) => candidate.id === id && !candidate.deleted)
      : undefined
    if (travelled) return this.route(travelled, roleName)
    const endpoint = this.liveEndpoints().find((candidate) => candidate.id === id)
    if (!endpoint) return undefined
    if (endpoint.idle) {
      endpoint.idle = false
      this.save()
    }
    return this.route(this.branch(endpoint.branchId), roleName)
  }

  private route(branch: BranchRecord, roleName: string): ConnectionRoute {
    const role = branch.roles.find((candidate) => candidate.name === roleName)
    return { storageId: branch.storageId, password: role?.password }
  }

  /** Whether the project has Neon's Branch Recovery preview (emulator option `branchRecovery`). */
  get branchRecovery(): boolean {
    return this.state.project.branchRecovery !== false
  }

  /**
   * Refuses a Branch Recovery parameter or call on a project without the preview. What Neon answers there is not
   * documented (the spec only says the feature "is in preview and not available to all users"): 400 is a guess.
   */
  requireBranchRecovery(what: string): void {
    if (!this.branchRecovery) {
      throw badRequest(`${what} is part of the Branch Recovery preview, which is not available to this project`)
    }
  }

  // ---- lifecycle ----

  /** A new project: the root storage, branch `main`, its database, role and read-write endpoint. */
  async initialize(password: string): Promise<void> {
    const storageId = await this.dataPlane.createRoot({
      databaseName: DEFAULT_DATABASE,
      roleName: DEFAULT_ROLE,
      password
    })
    const now = this.clock.iso()
    const branch: BranchRecord = {
      id: ids.branchId(),
      name: 'main',
      storageId,
      default: true,
      protected: false,
      initSource: 'parent-data',
      createdAt: now,
      updatedAt: now,
      databases: [
        {
          id: this.state.nextDatabaseId++,
          name: DEFAULT_DATABASE,
          ownerName: DEFAULT_ROLE,
          createdAt: now,
          updatedAt: now
        }
      ],
      roles: [{ name: DEFAULT_ROLE, password, protected: false, createdAt: now, updatedAt: now }]
    }
    this.state.branches.push(branch)
    await this.addEndpoint(branch.id)
    this.save()
  }

  /** Resumed from a state dir: every endpoint listens on its old port again. */
  async resume(): Promise<void> {
    this.operations.settleAll()
    for (const endpoint of this.state.endpoints) {
      endpoint.port = await this.proxy.listen(endpoint.id, endpoint.port)
    }
    this.save()
  }

  // ---- branches ----

  createBranch(input: CreateBranchInput, context: MutationContext) {
    return this.mutex.run(async () => {
      const request = input.branch ?? {}
      const parent = request.parent_id ? this.branch(request.parent_id) : this.defaultBranch()
      const id = ids.branchId()
      const name = request.name ?? id
      this.checkNameFree(name)
      this.checkBranchLimit(1)
      if (request.init_source !== undefined && request.init_source !== 'parent-data') {
        throw badRequest(`init_source "${request.init_source}" is not supported by the emulator (only parent-data)`)
      }
      if (parent.expiresAt !== undefined)
        throw badRequest('cannot create a child branch of a branch that has an expiration time')
      const expiresAt =
        request.expires_at === undefined ? undefined : this.checkExpiry(request.expires_at, 'expires_at')
      if (expiresAt && request.protected) throw badRequest('a protected branch cannot have an expiration time')
      const endpointTypes = (input.endpoints ?? []).map((endpoint) => endpoint.type)
      if (endpointTypes.some((type) => type !== 'read_write')) {
        throw badRequest('only read_write endpoints are supported by the emulator')
      }
      if (endpointTypes.length > 1) throw badRequest('a branch can have only one read_write endpoint')

      const point = this.point(request.parent_lsn, request.parent_timestamp, 'parent_lsn', 'parent_timestamp')
      const resolved = await this.resolve(parent.storageId, point)
      const storageId = await this.dataPlane.fork(parent.storageId, resolved.lsn)
      const roles = parent.protected ? await this.newPasswords(storageId, parent.roles) : structuredClone(parent.roles)

      const now = this.clock.iso()
      const branch: BranchRecord = {
        id,
        name,
        storageId,
        parentId: parent.id,
        parentLsn: resolved.lsn,
        parentTimestamp: resolved.timestamp ?? (point.kind === 'timestamp' ? point.timestamp : undefined),
        default: false,
        protected: request.protected ?? false,
        initSource: 'parent-data',
        createdAt: now,
        updatedAt: now,
        expiresAt,
        ttlIntervalSeconds: expiresAt ? this.ttlSeconds(expiresAt) : undefined,
        annotation: input.annotation_value
          ? { value: input.annotation_value, createdAt: now, updatedAt: now }
          : undefined,
        databases: structuredClone(parent.databases),
        roles
      }
      this.state.branches.push(branch)
      const endpoints = endpointTypes.length ? [await this.addEndpoint(branch.id)] : []
      const operations = this.operations.start(
        [
          { action: 'create_branch', branchId: branch.id },
          ...endpoints.map((endpoint): OperationRequest => ({
            action: 'start_compute',
            branchId: branch.id,
            endpointId: endpoint.id
          }))
        ],
        context.slow
      )
      this.save()
      this.log(`branch ${branch.id} (${name}) created from ${parent.id} at ${resolved.lsn}`)
      return { branch, endpoints, operations }
    })
  }

  updateBranch(id: string, input: UpdateBranchInput, _context: MutationContext) {
    return this.mutex.run(async () => {
      const branch = this.branch(id)
      if (this.operations.busy(id)) throw locked()
      const request = input.branch ?? {}
      if (request.name !== undefined && request.name !== branch.name) this.checkNameFree(request.name)
      const isProtected = request.protected ?? branch.protected
      let expiresAt = branch.expiresAt
      if (request.expires_at === null) expiresAt = undefined
      else if (request.expires_at !== undefined) {
        expiresAt = this.checkExpiry(request.expires_at, 'expires_at')
        if (branch.default) throw badRequest('the default branch cannot have an expiration time')
        if (this.children(id).length) throw badRequest('a branch with child branches cannot have an expiration time')
      }
      if (expiresAt && isProtected) throw badRequest('a protected branch cannot have an expiration time')

      branch.name = request.name ?? branch.name
      branch.protected = isProtected
      if (expiresAt !== branch.expiresAt) {
        branch.expiresAt = expiresAt
        branch.ttlIntervalSeconds = expiresAt ? this.ttlSeconds(expiresAt) : undefined
      }
      branch.updatedAt = this.clock.iso()
      this.save()
      return { branch, operations: [] as OperationRecord[] }
    })
  }

  /**
   * Deletes a branch: softly (recoverable for 7 days) unless `hard` or the project lacks Branch Recovery (spec:
   * deleteProjectBranch `hard_delete`). `undefined` when it was already deleted: the API answers 204 ("the branch
   * doesn't exist or has already been deleted"), to a soft-deleted branch too. Docs unclear on whether
   * `hard_delete=true` purges a branch already soft-deleted: conservatively it does not.
   */
  deleteBranch(id: string, hard: boolean, context: MutationContext) {
    return this.mutex.run(async () => {
      const known = this.state.branches.find((candidate) => candidate.id === id)
      if (this.state.deletedBranchIds.includes(id) || known?.deleted) return undefined
      const branch = this.branch(id)
      this.checkDeletable(branch)
      if (this.operations.busy(id)) throw locked()
      const operations =
        hard || !this.branchRecovery
          ? await this.removeBranch(branch, context)
          : this.softDelete(branch, 'user', this.clock.iso(), context)
      return { branch, operations }
    })
  }

  /**
   * Brings back a soft-deleted branch (spec: recoverProjectBranch): its data, its endpoints idle with unchanged
   * connection strings, and no expiry ("TTL branches become non-TTL branches after recovery"). The spec does not
   * say what a branch that is not deleted answers: 400 here; an unknown or purged one answers 404.
   */
  recoverBranch(id: string) {
    return this.mutex.run(async () => {
      this.requireBranchRecovery('recovering a branch')
      const branch = this.state.branches.find((candidate) => candidate.id === id)
      if (!branch) throw notFound(`branch ${id} not found`)
      if (!branch.deleted) throw badRequest(`branch ${id} is not deleted`)
      if (this.operations.busy(id)) throw locked()
      branch.deleted = undefined
      branch.expiresAt = undefined
      branch.ttlIntervalSeconds = undefined
      branch.updatedAt = this.clock.iso()
      this.save()
      this.log(`branch ${branch.id} (${branch.name}) recovered`)
      return { branch, endpoints: this.endpointsOf(id) }
    })
  }

  restoreBranch(id: string, input: RestoreBranchInput, context: MutationContext) {
    return this.mutex.run(async () => {
      const target = this.branch(id)
      if (!input.source_branch_id) throw badRequest('source_branch_id is required')
      const source = this.branch(input.source_branch_id)
      this.checkRestorable(target, source)
      if (this.operations.busy(id)) throw locked()
      const toOwnHistory = source.id === target.id
      if (toOwnHistory && input.source_lsn === undefined && input.source_timestamp === undefined) {
        throw badRequest('source_lsn or source_timestamp is required when restoring a branch to its own history')
      }
      const children = this.children(target.id)
      const preserveName = input.preserve_under_name || undefined
      if (!preserveName && (toOwnHistory || children.length)) {
        throw badRequest(
          toOwnHistory
            ? 'preserve_under_name is required when restoring a branch to its own history'
            : 'preserve_under_name is required when the branch has children'
        )
      }
      if (preserveName) {
        this.checkNameFree(preserveName)
        this.checkBranchLimit(1)
      }
      const point = this.point(input.source_lsn, input.source_timestamp, 'source_lsn', 'source_timestamp')
      const resolved = await this.resolve(source.storageId, point)
      const storageId = await this.dataPlane.fork(source.storageId, resolved.lsn)

      const now = this.clock.iso()
      const oldStorageId = target.storageId
      const operationRequests: OperationRequest[] = [{ action: 'create_timeline', branchId: target.id }]
      if (preserveName) {
        // The old state lives on as a new branch, which takes over the target's children.
        const backup: BranchRecord = {
          id: ids.branchId(),
          name: preserveName,
          storageId: oldStorageId,
          parentId: target.parentId,
          parentLsn: target.parentLsn,
          parentTimestamp: target.parentTimestamp,
          default: false,
          protected: false,
          initSource: target.initSource,
          createdAt: now,
          updatedAt: now,
          databases: structuredClone(target.databases),
          roles: structuredClone(target.roles)
        }
        this.state.branches.push(backup)
        for (const child of children) child.parentId = backup.id
        operationRequests.push({ action: 'create_branch', branchId: backup.id })
        target.parentId = toOwnHistory ? backup.id : source.id
      } else {
        target.parentId = source.id
      }
      target.storageId = storageId
      target.parentLsn = resolved.lsn
      target.parentTimestamp = resolved.timestamp ?? (point.kind === 'timestamp' ? point.timestamp : undefined)
      target.lastResetAt = now
      target.updatedAt = now
      // Open sessions saw the old data: cut them, as Neon does; new ones reach the new storage.
      for (const endpoint of this.endpointsOf(target.id)) {
        this.proxy.dropConnections(endpoint.id)
        operationRequests.push({ action: 'start_compute', branchId: target.id, endpointId: endpoint.id })
      }
      if (!preserveName) await this.dataPlane.drop(oldStorageId)
      const operations = this.operations.start(operationRequests, context.slow)
      this.save()
      this.log(
        `branch ${target.id} restored from ${source.id} at ${resolved.lsn}${preserveName ? `, old state kept as ${preserveName}` : ''}`
      )
      return { branch: target, operations }
    })
  }

  /** Finalizes a branch restored from a snapshot: it takes over the replaced branch's name and endpoints. */
  finalizeRestore(id: string, input: { name?: string }, context: MutationContext) {
    return this.mutex.run(async () => {
      const branch = this.branch(id)
      if (branch.restoreStatus !== 'restored' || !branch.restoredAs) {
        throw badRequest(`branch ${id} is not a restored branch waiting to be finalized`)
      }
      const target = this.branch(branch.restoredAs)
      if (this.operations.busy(id) || this.operations.busy(target.id)) throw locked()
      const operations = await this.finalize(branch, target, input.name, context)
      this.save()
      return { operations }
    })
  }

  // ---- endpoints ----

  createEndpoint(input: { endpoint?: { branch_id?: string; type?: string } }, context: MutationContext) {
    return this.mutex.run(async () => {
      const request = input.endpoint
      if (!request?.branch_id) throw badRequest('endpoint.branch_id is required')
      const branch = this.branch(request.branch_id)
      if (request.type !== 'read_write') throw badRequest('only read_write endpoints are supported by the emulator')
      if (this.endpointsOf(branch.id).length) throw badRequest(`branch ${branch.id} already has a read_write endpoint`)
      if (this.operations.busy(branch.id)) throw locked()
      const endpoint = await this.addEndpoint(branch.id)
      const operations = this.operations.start(
        [{ action: 'start_compute', branchId: branch.id, endpointId: endpoint.id }],
        context.slow
      )
      this.save()
      return { endpoint, operations }
    })
  }

  deleteEndpoint(id: string, context: MutationContext) {
    return this.mutex.run(async () => {
      const endpoint = this.endpoint(id)
      this.refuseRestricted(this.branch(endpoint.branchId), 'delete-rw-endpoint')
      if (this.operations.busy(endpoint.branchId)) throw locked()
      await this.proxy.close(id)
      this.state.endpoints = this.state.endpoints.filter((candidate) => candidate.id !== id)
      const operations = this.operations.start(
        [{ action: 'suspend_compute', branchId: endpoint.branchId, endpointId: id }],
        context.slow
      )
      this.save()
      return { endpoint, operations }
    })
  }

  // ---- databases and roles ----

  createDatabase(
    branchId: string,
    input: { database?: { name?: string; owner_name?: string } },
    context: MutationContext
  ) {
    return this.mutex.run(async () => {
      const branch = this.branch(branchId)
      const name = input.database?.name
      const owner = input.database?.owner_name
      if (!name || !owner) throw badRequest('database.name and database.owner_name are required')
      if (branch.databases.some((database) => database.name === name)) {
        throw new ApiError(409, `database "${name}" already exists`)
      }
      if (!branch.roles.some((role) => role.name === owner)) throw notFound(`role "${owner}" not found`)
      if (this.operations.busy(branchId)) throw locked()
      await this.adminQuery(branch, `CREATE DATABASE ${quoteIdent(name)} OWNER ${quoteIdent(owner)}`)
      const now = this.clock.iso()
      const database: DatabaseRecord = {
        id: this.state.nextDatabaseId++,
        name,
        ownerName: owner,
        createdAt: now,
        updatedAt: now
      }
      branch.databases.push(database)
      const operations = this.startConfigOperations(branch, context)
      this.save()
      return { database, operations }
    })
  }

  createRole(branchId: string, input: { role?: { name?: string; no_login?: boolean } }, context: MutationContext) {
    return this.mutex.run(async () => {
      const branch = this.branch(branchId)
      const name = input.role?.name
      if (!name) throw badRequest('role.name is required')
      if (Buffer.byteLength(name) > 63) throw badRequest('role name cannot exceed 63 bytes')
      if (branch.roles.some((role) => role.name === name)) throw new ApiError(409, `role "${name}" already exists`)
      if (this.operations.busy(branchId)) throw locked()
      const password = input.role?.no_login ? undefined : ids.password()
      await this.adminQuery(
        branch,
        password === undefined
          ? `CREATE ROLE ${quoteIdent(name)} NOLOGIN`
          : `CREATE ROLE ${quoteIdent(name)} LOGIN PASSWORD ${quoteLiteral(password)}`
      )
      const now = this.clock.iso()
      const role: RoleRecord = { name, password, protected: false, createdAt: now, updatedAt: now }
      branch.roles.push(role)
      const operations = this.startConfigOperations(branch, context)
      this.save()
      return { role, operations }
    })
  }

  // ---- snapshots ----

  createSnapshot(branchId: string, input: SnapshotInput, context: MutationContext) {
    return this.mutex.run(async () => {
      const branch = this.branch(branchId)
      if (this.operations.busy(branchId)) throw locked()
      const expiresAt =
        input.expires_at === undefined ? undefined : this.checkExpiry(input.expires_at, 'expires_at', false)
      const point = this.point(input.lsn, input.timestamp, 'lsn', 'timestamp')
      const resolved = await this.resolve(branch.storageId, point)
      const storageId = await this.dataPlane.fork(branch.storageId, resolved.lsn)
      const now = this.clock.iso()
      const snapshot: SnapshotRecord = {
        id: ids.snapshotId(),
        name: input.name || `${branch.name} ${now}`,
        lsn: resolved.lsn,
        timestamp: resolved.timestamp ?? (point.kind === 'timestamp' ? point.timestamp : now),
        sourceBranchId: branch.id,
        storageId,
        createdAt: now,
        expiresAt,
        databases: structuredClone(branch.databases),
        roles: structuredClone(branch.roles)
      }
      this.state.snapshots.push(snapshot)
      const operations = this.operations.start([{ action: 'create_timeline', branchId: branch.id }], context.slow)
      this.save()
      this.log(`snapshot ${snapshot.id} of ${branch.id} at ${resolved.lsn}`)
      return { snapshot, operations }
    })
  }

  deleteSnapshot(id: string) {
    return this.mutex.run(async () => {
      const snapshot = this.snapshot(id)
      await this.dataPlane.drop(snapshot.storageId)
      this.state.snapshots = this.state.snapshots.filter((candidate) => candidate.id !== id)
      this.save()
      return { operations: [] as OperationRecord[] }
    })
  }

  /**
   * Neon's snapshot restore: a new branch with the snapshot's data. With `finalize_restore` it takes over the
   * target's name and endpoints (so the target's connection string now reaches it), and the target is kept
   * under another name. Without it, the new branch gets its own endpoint to preview the data.
   */
  restoreSnapshot(id: string, input: RestoreSnapshotInput, context: MutationContext) {
    return this.mutex.run(async () => {
      const snapshot = this.snapshot(id)
      const targetId = input.target_branch_id ?? snapshot.sourceBranchId
      const target = this.liveBranches().find((branch) => branch.id === targetId)
      if (input.finalize_restore && !target) throw notFound(`branch ${targetId} not found`)
      if (input.target_branch_id && !target) throw notFound(`branch ${targetId} not found`)
      if (target && this.operations.busy(target.id)) throw locked()
      const branchId = ids.branchId()
      const name = input.name || `${snapshot.name} (restored)`
      if (!input.finalize_restore) this.checkNameFree(name)
      this.checkBranchLimit(1)
      const head = await this.dataPlane.resolvePoint(snapshot.storageId, { kind: 'head' })
      const storageId = await this.dataPlane.fork(snapshot.storageId, head.lsn)

      const now = this.clock.iso()
      const branch: BranchRecord = {
        id: branchId,
        name,
        storageId,
        default: false,
        protected: false,
        initSource: 'parent-data',
        createdAt: now,
        updatedAt: now,
        restoreStatus: 'restored',
        restoredFrom: snapshot.id,
        restoredAs: target?.id,
        restrictedActions: [{ name: 'restore', reason: SNAPSHOT_RESTORE_ONGOING }],
        databases: structuredClone(snapshot.databases),
        roles: structuredClone(snapshot.roles)
      }
      this.state.branches.push(branch)
      const operations = this.operations.start([{ action: 'create_branch', branchId }], context.slow)
      if (input.finalize_restore && target) {
        operations.push(...(await this.finalize(branch, target, undefined, context)))
      } else {
        const endpoint = await this.addEndpoint(branchId)
        operations.push(
          ...this.operations.start([{ action: 'start_compute', branchId, endpointId: endpoint.id }], context.slow)
        )
      }
      this.save()
      this.log(
        `snapshot ${snapshot.id} restored as branch ${branchId}${input.finalize_restore ? ` in place of ${targetId}` : ''}`
      )
      return { branch, endpoints: this.endpointsOf(branchId), operations }
    })
  }

  // ---- expiry ----

  /**
   * Neon's background jobs: deletes branches and snapshots whose `expires_at` has passed, and purges soft-deleted
   * branches whose `recoverable_until` has passed.
   */
  sweepExpired() {
    return this.mutex.run(async () => {
      const now = this.clock.nowMs()
      await this.expireBranches(now)
      for (const branch of this.state.branches.filter((candidate) => candidate.deleted)) {
        if (Date.parse(branch.deleted!.recoverableUntil) <= now) await this.purge(branch, 'recovery window ended')
      }
      for (const snapshot of [...this.state.snapshots]) {
        if (!snapshot.expiresAt || Date.parse(snapshot.expiresAt) > now) continue
        this.log(`snapshot ${snapshot.id} expired`)
        await this.dataPlane.drop(snapshot.storageId)
        this.state.snapshots = this.state.snapshots.filter((candidate) => candidate.id !== snapshot.id)
        this.save()
      }
    })
  }

  /**
   * An expiry is a soft delete where Branch Recovery is on: the spec's BranchRecoveryInfo.deletion_method has
   * `ttl` "for TTL expiration", and recoverProjectBranch says "TTL branches become non-TTL branches after
   * recovery". It is dated at `expires_at`, when Neon's job would have run had the clock moved in real time
   * (a clock moved past the recovery window too purges it in the same sweep).
   */
  private async expireBranches(now: number): Promise<void> {
    for (const branch of this.liveBranches()) {
      if (!branch.expiresAt || Date.parse(branch.expiresAt) > now) continue
      if (branch.default || this.children(branch.id).length || this.operations.busy(branch.id)) continue
      this.log(`branch ${branch.id} (${branch.name}) expired`)
      if (this.branchRecovery) this.softDelete(branch, 'ttl', branch.expiresAt, { slow: false })
      else await this.removeBranch(branch, { slow: false })
    }
  }

  // ---- helpers ----

  private async addEndpoint(branchId: string): Promise<EndpointRecord> {
    const id = ids.endpointId()
    const port = await this.proxy.listen(id)
    const now = this.clock.iso()
    const endpoint: EndpointRecord = { id, branchId, type: 'read_write', port, createdAt: now, updatedAt: now }
    this.state.endpoints.push(endpoint)
    return endpoint
  }

  /** A hard delete: gone at once, with the operations Neon's DELETE answers (spec example: deleteProjectBranch). */
  private async removeBranch(branch: BranchRecord, context: MutationContext): Promise<OperationRecord[]> {
    const operations = this.operations.start(this.deleteOperations(branch), context.slow)
    await this.purge(branch, 'deleted')
    return operations
  }

  /**
   * A soft delete: the branch and its endpoints are hidden and their connections cut ("places all compute
   * endpoints into an idle state, breaking existing client connections"), but the storage and the endpoints'
   * ports stay for a recovery until `recoverable_until`. The same operations as a hard delete: docs unclear on
   * which operations a soft delete starts.
   */
  private softDelete(
    branch: BranchRecord,
    method: DeletionRecord['method'],
    deletedAt: string,
    context: MutationContext
  ): OperationRecord[] {
    const operations = this.operations.start(this.deleteOperations(branch), context.slow)
    for (const endpoint of this.endpointsOf(branch.id)) {
      this.proxy.dropConnections(endpoint.id)
      endpoint.idle = true
    }
    const recoverableUntil = toIso(new Date(Date.parse(deletedAt) + RECOVERY_WINDOW_MS))
    branch.deleted = { deletedAt, recoverableUntil, method }
    this.save()
    this.log(`branch ${branch.id} (${branch.name}) soft-deleted (${method}), recoverable until ${recoverableUntil}`)
    return operations
  }

  private deleteOperations(branch: BranchRecord): OperationRequest[] {
    return [
      ...this.endpointsOf(branch.id).map((endpoint): OperationRequest => ({
        action: 'suspend_compute',
        branchId: branch.id,
        endpointId: endpoint.id
      })),
      { action: 'delete_timeline', branchId: branch.id }
    ]
  }

  /** Removes a branch for good: its endpoints stop listening and its storage goes (once nothing forks from it). */
  private async purge(branch: BranchRecord, why: string): Promise<void> {
    const endpoints = this.endpointsOf(branch.id)
    for (const endpoint of endpoints) await this.proxy.close(endpoint.id)
    await this.dataPlane.drop(branch.storageId)
    this.state.endpoints = this.state.endpoints.filter((endpoint) => endpoint.branchId !== branch.id)
    this.state.branches = this.state.branches.filter((candidate) => candidate.id !== branch.id)
    this.state.deletedBranchIds.push(branch.id)
    this.save()
    this.log(`branch ${branch.id} (${branch.name}) removed for good (${why})`)
  }

  /**
   * Moves `target`'s name, default and protected flags and endpoints to `branch`; `target` stays under `oldName`,
   * by default `<name> (old)`. Neon's docs (neon.com/docs/guides/backup-restore, Multi-step restore, updated
   * 2026-04-17) say finalizing "Moves your original branch's computes to the new branch and restarts the
   * computes", "Renames the original branch to `<branch_name> (old)`", and that protection "is moved to the branch
   * that ends up with your restored data". The spec (finalizeRestoreBranch): "(this will restart the computes)".
   * Docs unclear on what Neon does when `<name> (old)` is taken: the emulator answers 409, as for any name.
   */
  private async finalize(
    branch: BranchRecord,
    target: BranchRecord,
    oldName: string | undefined,
    context: MutationContext
  ): Promise<OperationRecord[]> {
    const keptName = oldName || `${target.name} (old)`
    if (keptName !== target.name && keptName !== branch.name) this.checkNameFree(keptName)
    // The restored branch's own preview endpoint gives way to the target's.
    for (const endpoint of this.endpointsOf(branch.id)) {
      await this.proxy.close(endpoint.id)
      this.state.endpoints = this.state.endpoints.filter((candidate) => candidate.id !== endpoint.id)
    }
    const now = this.clock.iso()
    const moved = this.endpointsOf(target.id)
    for (const endpoint of moved) {
      endpoint.branchId = branch.id
      endpoint.updatedAt = now
      this.proxy.dropConnections(endpoint.id)
    }
    branch.name = target.name
    target.name = keptName
    branch.default = target.default
    target.default = false
    branch.protected = target.protected
    target.protected = false
    branch.restoreStatus = 'finalized'
    branch.restoredAs = target.id
    branch.updatedAt = now
    target.updatedAt = now
    // The computes restart: each endpoint reads `init` until its start_compute operation is done.
    return this.operations.start(
      moved.map((endpoint) => ({ action: 'start_compute', branchId: branch.id, endpointId: endpoint.id })),
      context.slow
    )
  }

  private startConfigOperations(branch: BranchRecord, context: MutationContext): OperationRecord[] {
    const endpoints = this.endpointsOf(branch.id)
    return this.operations.start(
      endpoints.length
        ? endpoints.map((endpoint) => ({ action: 'apply_config', branchId: branch.id, endpointId: endpoint.id }))
        : [{ action: 'apply_config', branchId: branch.id }],
      context.slow
    )
  }

  private async adminQuery(branch: BranchRecord, sql: string): Promise<void> {
    try {
      await this.dataPlane.adminQuery(branch.storageId, 'postgres', sql)
    } catch (error) {
      const code = (error as { code?: string }).code
      // 42710 duplicate_object, 42P04 duplicate_database: the data already has it.
      if (code === '42710' || code === '42P04') throw new ApiError(409, (error as Error).message)
      throw error
    }
  }

  /**
   * Sets a branch's restricted actions: an emulator control for tests (Neon's API has no route for it), not Neon
   * API. An empty list lifts every restriction.
   */
  setRestrictedActions(id: string, input: RestrictedActionsInput) {
    return this.mutex.run(async () => {
      const branch = this.branch(id)
      const list = input.restricted_actions
      const valid = (item: unknown): item is RestrictedAction =>
        typeof (item as RestrictedAction)?.name === 'string' && typeof (item as RestrictedAction)?.reason === 'string'
      if (!Array.isArray(list) || !list.every(valid)) {
        throw badRequest('restricted_actions must be an array of {name, reason} strings')
      }
      branch.restrictedActions = list.map(({ name, reason }) => ({ name, reason }))
      this.save()
      this.log(`branch ${id} restricted actions: ${list.map((item) => item.name).join(', ') || 'none'}`)
      return branch
    })
  }

  /**
   * Refuses an action the branch lists in `restricted_actions`. What Neon answers then is not documented (the
   * spec only lists the restriction and its reason): 400 with the reason is the emulator's guess.
   */
  private refuseRestricted(branch: BranchRecord, action: string): void {
    const restriction = branch.restrictedActions?.find((candidate) => candidate.name === action)
    if (restriction) throw badRequest(restriction.reason)
  }

  /**
   * What a restore checks before anything else: a `restore` restricted on the target, and a source with an
   * expiration time. Neon's branch-expiration guide (Restrictions, updated 2026-07-15): expiration "cannot be added
   * to ... Parent branches - Cannot expire branches that have children or create children from expiring
   * branches". A restore from another branch makes that branch the restored branch's parent here, so the rule
   * refuses it; docs unclear on whether Neon refuses a restore from an expiring branch (not documented).
   */
  private checkRestorable(target: BranchRecord, source: BranchRecord): void {
    this.refuseRestricted(target, 'restore')
    if (source.id !== target.id && source.expiresAt !== undefined) {
      throw badRequest(
        `cannot restore from branch ${source.id}: it has an expiration time (${source.expiresAt}), and a branch ` +
          'with an expiration time cannot become a parent; remove its expiration first'
      )
    }
  }

  /**
   * A child of a protected branch gets new passwords for its login roles (neon.com/docs/guides/protected-branches:
   * "New passwords are automatically generated for Postgres roles on branches created from protected branches"),
   * set in the child's own data so only the new ones log in there.
   */
  private async newPasswords(storageId: string, roles: RoleRecord[]): Promise<RoleRecord[]> {
    const renewed = structuredClone(roles)
    for (const role of renewed) {
      if (role.password === undefined) continue
      role.password = ids.password()
      await this.dataPlane.adminQuery(
        storageId,
        'postgres',
        `ALTER ROLE ${quoteIdent(role.name)} PASSWORD ${quoteLiteral(role.password)}`
      )
    }
    return renewed
  }

  private checkDeletable(branch: BranchRecord): void {
    if (branch.default) throw badRequest('cannot delete the default branch of the project')
    const children = this.children(branch.id)
    if (children.some((child) => child.deleted)) {
      throw badRequest(
        `branch ${branch.id} has child branches, deleted ones included: a deleted child counts until it is ` +
          `removed for good, ${RECOVERY_WINDOW_MS / 86400_000} days after its deletion`
      )
    }
    if (children.length) throw badRequest(`branch ${branch.id} has child branches; delete them first`)
    if (branch.protected) throw badRequest(`branch ${branch.id} is protected and cannot be deleted`)
  }

  /**
   * Docs unclear on whether a soft-deleted branch's name is free: conservatively it is not (a recovery then never
   * meets a clash), so a name comes free with a hard delete, or at the purge of a soft delete.
   */
  private checkNameFree(name: string): void {
    const holder = this.state.branches.find((branch) => branch.name === name)
    if (holder?.deleted) {
      throw new ApiError(
        409,
        `branch with name "${name}" already exists (deleted, recoverable until ${holder.deleted.recoverableUntil})`
      )
    }
    if (holder) throw new ApiError(409, `branch with name "${name}" already exists`)
  }

  /**
   * Docs unclear on whether a soft-deleted branch counts against the branch limit: conservatively it does (Neon
   * keeps its storage), so only a hard delete or a purge frees a slot, and a recovery never exceeds the limit.
   */
  private checkBranchLimit(adding: number): void {
    const limit = this.state.project.branchLimit
    if (this.state.branches.length + adding > limit) {
      throw new ApiError(
        422,
        `branches limit exceeded: the project can have at most ${limit} branches`,
        'BRANCHES_LIMIT_EXCEEDED'
      )
    }
  }

  /** Validates an `expires_at`: RFC 3339, in the future, and (for branches) at most 30 days ahead. */
  private checkExpiry(value: string, field: string, capped = true): string {
    const time = Date.parse(value)
    if (Number.isNaN(time)) throw badRequest(`${field} must be an RFC 3339 timestamp`)
    const now = this.clock.nowMs()
    if (time <= now) throw badRequest(`${field} must be in the future`)
    if (capped && time - now > MAX_EXPIRY_MS) throw badRequest(`${field} must be at most 30 days in the future`)
    return toIso(new Date(time))
  }

  private ttlSeconds(expiresAt: string): number {
    return Math.round((Date.parse(expiresAt) - this.clock.nowMs()) / 1000)
  }

  /** Reads an LSN or timestamp field pair into a point, refusing both at once and points outside the window. */
  private point(
    lsn: string | undefined,
    timestamp: string | undefined,
    lsnField: string,
    timestampField: string
  ): PointRequest {
    if (lsn && timestamp) throw badRequest(`only one of ${lsnField} and ${timestampField} can be set`)
    if (lsn) {
      if (!isLsn(lsn)) throw badRequest(`${lsnField} "${lsn}" is not a valid LSN`)
      return { kind: 'lsn', lsn: normalizeLsn(lsn) }
    }
    if (timestamp) {
      const time = Date.parse(timestamp)
      if (Number.isNaN(time)) throw badRequest(`${timestampField} "${timestamp}" is not a valid timestamp`)
      const now = this.clock.nowMs()
      if (time > now) throw badRequest(`${timestampField} ${timestamp} is in the future`)
      const windowStart = now - this.state.project.historyRetentionSeconds * 1000
      if (time < windowStart) {
        throw badRequest(
          `${timestampField} ${timestamp} is outside the history retention window (it starts at ${toIso(new Date(windowStart))})`
        )
      }
      return { kind: 'timestamp', timestamp: new Date(time).toISOString() }
    }
    return { kind: 'head' }
  }

  private async resolve(storageId: string, point: PointRequest): Promise<ResolvedPoint> {
    try {
      return await this.dataPlane.resolvePoint(storageId, point)
    } catch (error) {
      if (error instanceof PointError) throw badRequest(error.message)
      throw error
    }
  }
}
