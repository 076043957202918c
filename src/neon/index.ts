/**
 * The one door to the Neon API: the gateway composes the transport (./transport.ts: retries, look-ups after a
 * lost connection, operation waits, cancellation) with one object a resource (the project, branches,
 * snapshots, connections). Nothing outside src/neon/ imports the API client; the types callers need come
 * from here.
 */
import { Branches } from './branches.js'
import { Connections } from './connections.js'
import { ProjectResource } from './project.js'
import { Projects } from './projects.js'
import { Snapshots } from './snapshots.js'
import { Transport, type TransportOptions } from './transport.js'

export type { Branch, Database, Endpoint, Project, Role, Snapshot } from '@neondatabase/api-client'
/** An operation of Neon's API (create_timeline, apply_config, ...): not one of this action's operations. */
export type { Operation as NeonOperation } from '@neondatabase/api-client'
export type {
  CreateBranchRequest,
  CreatedBranch,
  ListBranchesOptions,
  RecoveredBranch,
  RestoreBranchRequest
} from './branches.js'
export type { ListProjectsOptions } from './projects.js'
export type { ProjectListItem } from '@neondatabase/api-client'
export type { CreateSnapshotRequest, RestoreSnapshotRequest } from './snapshots.js'
export { backoffDelay, DEFAULT_RETRY, retryAfterMs, type RetryPolicy } from './transport.js'
export {
  AmbiguousError,
  BranchLimitError,
  BranchRecoveryUnavailableError,
  ForbiddenError,
  LockedError,
  NeonApiError,
  NotFoundError,
  OperationFailedError,
  OperationTimeoutError,
  RateLimitedError,
  RefusedError,
  RequestError,
  ServerError,
  tries,
  UnauthorizedError,
  UnknownOutcomeError,
  UnreachableError,
  type FailedRequest,
  type Named,
  type ResourceKind
} from './errors.js'

export type GatewayOptions = TransportOptions

export class NeonGateway {
  readonly projectId: string
  /** The gateway's project (projectId). */
  readonly project: ProjectResource
  /** Every project the key can see: the one resource that does not use projectId. */
  readonly projects: Projects
  readonly branches: Branches
  readonly snapshots: Snapshots
  readonly connections: Connections
  private readonly transport: Transport

  constructor(options: GatewayOptions | Transport) {
    this.transport = options instanceof Transport ? options : new Transport(options)
    this.projectId = this.transport.projectId
    this.project = new ProjectResource(this.transport)
    this.projects = new Projects(this.transport)
    this.connections = new Connections(this.transport)
    this.branches = new Branches(this.transport, this.connections)
    this.snapshots = new Snapshots(this.transport, this.branches)
  }

  /** The gateway to another project over the same wire (a step working through several projects). */
  forProject(projectId: string): NeonGateway {
    return new NeonGateway(this.transport.withProject(projectId))
  }

  /** Waits (at most `timeoutMs`) until no change is on the wire, so a branch list afterwards shows them all. */
  settle(timeoutMs: number): Promise<void> {
    return this.transport.settle(timeoutMs)
  }
}
