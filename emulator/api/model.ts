/**
 * The control plane's persisted state (records) and how each record reads in Neon's API v2 (render*).
 * Records keep only what the emulator needs; rendering adds the fields Neon always sends.
 */

export type OperationAction =
  'create_branch' | 'create_timeline' | 'start_compute' | 'suspend_compute' | 'apply_config' | 'delete_timeline'

export type OperationStatus = 'running' | 'finished'

export interface DatabaseRecord {
  id: number
  name: string
  ownerName: string
  createdAt: string
  updatedAt: string
}

export interface RoleRecord {
  name: string
  /** Absent for NOLOGIN roles. */
  password?: string
  protected: boolean
  createdAt: string
  updatedAt: string
}

export interface AnnotationRecord {
  value: Record<string, string>
  createdAt: string
  updatedAt: string
}

/**
 * A soft delete, from Neon's Branch Recovery preview (spec: schema BranchRecoveryInfo; deleteProjectBranch
 * without `hard_delete`). The branch keeps its data, endpoints and place until `recoverableUntil`.
 */
export interface DeletionRecord {
  deletedAt: string
  recoverableUntil: string
  /** `user` for a DELETE, `ttl` for an `expires_at` that passed (spec: BranchRecoveryInfo.deletion_method). */
  method: 'user' | 'ttl'
}

/**
 * An action Neon refuses on a branch right now, with its human-readable reason (spec: Branch.restricted_actions,
 * schema BranchRestrictedAction; names include `restore` and `delete-rw-endpoint`).
 */
export interface RestrictedAction {
  name: string
  reason: string
}

export interface BranchRecord {
  id: string
  name: string
  /** The data-plane storage this branch reads and writes; a restore swaps it. */
  storageId: string
  parentId?: string
  parentLsn?: string
  parentTimestamp?: string
  default: boolean
  protected: boolean
  initSource: 'parent-data' | 'schema-only'
  createdAt: string
  updatedAt: string
  expiresAt?: string
  ttlIntervalSeconds?: number
  lastResetAt?: string
  restoreStatus?: 'restored' | 'finalized'
  restoredFrom?: string
  restoredAs?: string
  annotation?: AnnotationRecord
  /** Set by a snapshot restore (see ControlPlane.restoreSnapshot) or by the emulator control route. */
  restrictedActions?: RestrictedAction[]
  databases: DatabaseRecord[]
  roles: RoleRecord[]
  /** Set while the branch is soft-deleted and still recoverable. */
  deleted?: DeletionRecord
}

export interface EndpointRecord {
  id: string
  branchId: string
  type: 'read_write'
  /** The proxy port, stable for the endpoint's life (also across restarts on the same state dir). */
  port: number
  createdAt: string
  updatedAt: string
  /**
   * Put idle by its branch's deletion (spec, deleteProjectBranch: "places all compute endpoints into an idle
   * state") and still idle after a recovery (recoverProjectBranch) until a connection wakes it.
   */
  idle?: boolean
}

export interface SnapshotRecord {
  id: string
  name: string
  lsn: string
  timestamp?: string
  sourceBranchId: string
  storageId: string
  createdAt: string
  expiresAt?: string
  /** The source branch's databases and roles when the snapshot was taken (a restore copies them). */
  databases: DatabaseRecord[]
  roles: RoleRecord[]
}

export interface OperationRecord {
  id: string
  branchId?: string
  endpointId?: string
  action: OperationAction
  status: OperationStatus
  createdAt: string
  updatedAt: string
  durationMs: number
}

export interface ProjectRecord {
  id: string
  name: string
  createdAt: string
  historyRetentionSeconds: number
  branchLimit: number
  /**
   * Whether the project has Neon's Branch Recovery preview ("not available to all users", spec:
   * deleteProjectBranch `hard_delete`). Absent in states saved before the option existed: available.
   */
  branchRecovery?: boolean
  /** Neon region id (spec: Project.region_id); absent in older states: the emulator's own region. */
  regionId?: string
  /** The organization the project belongs to (spec: ProjectListItem.org_id); absent: none. */
  orgId?: string
}

export interface State {
  version: 1
  apiKey: string
  project: ProjectRecord
  branches: BranchRecord[]
  endpoints: EndpointRecord[]
  snapshots: SnapshotRecord[]
  operations: OperationRecord[]
  /** Branches deleted for good (hard deletes, purged soft deletes): deleting again answers 204, an unknown id 404. */
  deletedBranchIds: string[]
  nextDatabaseId: number
  /** The API's port, reused on resume so clients of the previous run find it again. */
  apiPort?: number
}

export const HOST = '127.0.0.1'
export const REGION = 'aws-local-emulator'

type Json = Record<string, unknown>

/** Drops undefined values so optional fields are absent rather than null. */
function compact(object: Json): Json {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined))
}

/** A project as listProjects lists it (spec: ProjectListItem, "Essential data about the project"). */
export function renderProjectListItem(project: ProjectRecord): Json {
  return compact({
    id: project.id,
    platform_id: 'aws',
    region_id: project.regionId ?? REGION,
    name: project.name,
    provisioner: 'k8s-neonvm',
    pg_version: 15,
    proxy_host: HOST,
    branch_logical_size_limit: 0,
    branch_logical_size_limit_bytes: 0,
    store_passwords: true,
    active_time: 0,
    cpu_used_sec: 0,
    creation_source: 'console',
    created_at: project.createdAt,
    updated_at: project.createdAt,
    owner_id: 'emulator',
    org_id: project.orgId
  })
}

export function renderProject(project: ProjectRecord, now: string): Json {
  const periodStart = now.slice(0, 8) + '01T00:00:00Z'
  const start = new Date(periodStart)
  const periodEnd = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1)).toISOString()
  return {
    id: project.id,
    platform_id: 'aws',
    region_id: project.regionId ?? REGION,
    name: project.name,
    provisioner: 'k8s-neonvm',
    default_endpoint_settings: {
      autoscaling_limit_min_cu: 0.25,
      autoscaling_limit_max_cu: 0.25,
      suspend_timeout_seconds: 0
    },
    settings: { allowed_ips: { ips: [], protected_branches_only: false }, enable_logical_replication: false },
    pg_version: 15,
    proxy_host: HOST,
    branch_logical_size_limit: 0,
    branch_logical_size_limit_bytes: 0,
    store_passwords: true,
    creation_source: 'console',
    history_retention_seconds: project.historyRetentionSeconds,
    created_at: project.createdAt,
    updated_at: project.createdAt,
    consumption_period_start: periodStart,
    consumption_period_end: periodEnd.replace(/\.\d{3}Z$/, 'Z'),
    owner_id: 'emulator',
    org_id: project.orgId,
    owner: {
      email: 'emulator@localhost.localdomain',
      name: 'Neon emulator',
      branches_limit: project.branchLimit,
      subscription_type: 'launch'
    },
    data_storage_bytes_hour: 0,
    data_transfer_bytes: 0,
    written_data_bytes: 0,
    compute_time_seconds: 0,
    active_time_seconds: 0,
    cpu_used_sec: 0
  }
}

export function renderBranch(
  projectId: string,
  branch: BranchRecord,
  state: 'init' | 'ready',
  stateChangedAt: string
): Json {
  return compact({
    id: branch.id,
    project_id: projectId,
    parent_id: branch.parentId,
    parent_lsn: branch.parentLsn,
    parent_timestamp: branch.parentTimestamp,
    name: branch.name,
    current_state: state,
    pending_state: state === 'init' ? 'ready' : undefined,
    state_changed_at: stateChangedAt,
    creation_source: 'console',
    primary: branch.default,
    default: branch.default,
    protected: branch.protected,
    cpu_used_sec: 0,
    compute_time_seconds: 0,
    active_time_seconds: 0,
    written_data_bytes: 0,
    data_transfer_bytes: 0,
    created_at: branch.createdAt,
    updated_at: branch.updatedAt,
    expires_at: branch.expiresAt,
    ttl_interval_seconds: branch.ttlIntervalSeconds,
    last_reset_at: branch.lastResetAt,
    init_source: branch.initSource,
    restore_status: branch.restoreStatus,
    restored_from: branch.restoredFrom,
    restored_as: branch.restoredAs,
    restricted_actions: branch.restrictedActions?.length ? branch.restrictedActions : undefined,
    created_by: { name: 'Neon emulator' }
  })
}

/** Spec schema BranchRecoveryInfo: only in `include_deleted=true` listings. */
export function renderRecovery(deleted: DeletionRecord): Json {
  return {
    deleted_at: deleted.deletedAt,
    recoverable_until: deleted.recoverableUntil,
    deletion_method: deleted.method
  }
}

export function renderAnnotation(branch: BranchRecord): Json {
  return compact({
    object: { type: 'console/branch', id: branch.id },
    value: branch.annotation?.value ?? {},
    created_at: branch.annotation?.createdAt,
    updated_at: branch.annotation?.updatedAt
  })
}

/**
 * What a client writes after `@` to reach an endpoint. Every endpoint here is on 127.0.0.1 with its own port,
 * and clients build URLs from `host` alone (neonctl's connection-string: `postgresql://${endpoint.host}`;
 * create-branch-action's db_url), so `host` carries the port. The spec calls the field "the hostname of the
 * compute endpoint" but types it as a plain string, which `127.0.0.1:<port>` is.
 */
export function endpointHost(port: number): string {
  return `${HOST}:${port}`
}

export function renderEndpoint(projectId: string, endpoint: EndpointRecord, starting: boolean): Json {
  return compact({
    host: endpointHost(endpoint.port),
    id: endpoint.id,
    project_id: projectId,
    branch_id: endpoint.branchId,
    autoscaling_limit_min_cu: 0.25,
    autoscaling_limit_max_cu: 0.25,
    region_id: REGION,
    type: endpoint.type,
    current_state: starting ? 'init' : endpoint.idle ? 'idle' : 'active',
    pending_state: starting ? 'active' : undefined,
    settings: { pg_settings: {} },
    pooler_enabled: false,
    pooler_mode: 'transaction',
    disabled: false,
    passwordless_access: false,
    creation_source: 'console',
    created_at: endpoint.createdAt,
    updated_at: endpoint.updatedAt,
    proxy_host: HOST,
    suspend_timeout_seconds: 0,
    provisioner: 'k8s-neonvm'
  })
}

export function renderDatabase(branchId: string, database: DatabaseRecord): Json {
  return {
    id: database.id,
    branch_id: branchId,
    name: database.name,
    owner_name: database.ownerName,
    created_at: database.createdAt,
    updated_at: database.updatedAt
  }
}

/** Role listings never carry the password (Neon reveals it through reveal_password, or on creation). */
export function renderRole(branchId: string, role: RoleRecord, withPassword = false): Json {
  return compact({
    branch_id: branchId,
    name: role.name,
    password: withPassword ? role.password : undefined,
    protected: role.protected,
    authentication_method: role.password === undefined ? 'no_login' : 'password',
    created_at: role.createdAt,
    updated_at: role.updatedAt
  })
}

export function renderOperation(projectId: string, operation: OperationRecord): Json {
  return compact({
    id: operation.id,
    project_id: projectId,
    branch_id: operation.branchId,
    endpoint_id: operation.endpointId,
    action: operation.action,
    status: operation.status,
    failures_count: 0,
    created_at: operation.createdAt,
    updated_at: operation.updatedAt,
    total_duration_ms: operation.status === 'finished' ? operation.durationMs : 0
  })
}

export function renderSnapshot(snapshot: SnapshotRecord): Json {
  return compact({
    id: snapshot.id,
    name: snapshot.name,
    lsn: snapshot.lsn,
    timestamp: snapshot.timestamp,
    source_branch_id: snapshot.sourceBranchId,
    created_at: snapshot.createdAt,
    expires_at: snapshot.expiresAt,
    manual: true
  })
}

export function connectionUri(role: RoleRecord, database: string, port: number): string {
  return `postgresql://${encodeURIComponent(role.name)}:${encodeURIComponent(role.password ?? '')}@${endpointHost(port)}/${encodeURIComponent(database)}`
}

export function renderConnectionDetails(role: RoleRecord, database: string, port: number): Json {
  return {
    connection_uri: connectionUri(role, database, port),
    connection_parameters: {
      database,
      password: role.password ?? '',
      role: role.name,
      host: endpointHost(port),
      pooler_host: endpointHost(port)
    }
  }
}
