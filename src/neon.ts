/**
 * The only door to the Neon API. Every call goes through `call()`, which retries what is safe to retry,
 * refuses to repeat a mutation whose outcome is unknown until it has looked the result up, and turns
 * failures into messages that say what to do. Mutating helpers wait for the operations Neon returns.
 */
import {
  createApiClient,
  type Api,
  type Branch,
  type Database,
  type Endpoint,
  type Operation,
  type Project,
  type Role,
  type Snapshot
} from '@neondatabase/api-client'
import { CancelledError, type Cancellation } from './cancel.js'

export type { Branch, Database, Endpoint, Operation, Project, Role, Snapshot }

export interface RetryPolicy {
  /** Total tries of one request, the first included. */
  attempts: number
  baseDelayMs: number
  maxDelayMs: number
  /** A Retry-After longer than this is cut to it, so a step cannot hang for an hour. */
  maxRetryAfterMs: number
  /** Tries of a read that answers 404 right after a restore. */
  notFoundAttempts: number
}

export const DEFAULT_RETRY: RetryPolicy = {
  attempts: 6,
  baseDelayMs: 500,
  maxDelayMs: 20_000,
  maxRetryAfterMs: 60_000,
  notFoundAttempts: 5
}

export interface GatewayOptions {
  apiKey: string
  apiHost: string
  projectId: string
  /** Debug log; never receives the key, headers or bodies. */
  log?: (message: string) => void
  sleep?: (ms: number) => Promise<void>
  random?: () => number
  now?: () => number
  retry?: Partial<RetryPolicy>
  operationTimeoutMs?: number
  /** Once cancelled, no new change is sent to Neon except deletions (cleanup must still run). */
  cancellation?: Cancellation
}

/** A Neon API failure, explained. `status` is undefined for network errors. */
export class NeonApiError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    readonly code?: string
  ) {
    super(message)
    this.name = 'NeonApiError'
  }
}

interface Call<T> {
  /** What the call does, for logs and errors: "create branch main-snapshot-1". */
  what: string
  mutation: boolean
  send: (api: Api<unknown>) => Promise<{ data: T }>
  /**
   * For mutations: finds the result when the request may or may not have been applied (connection lost after
   * sending). Returns undefined when it was not applied, so it is safe to send again.
   */
  lookup?: () => Promise<T | undefined>
  /** The message for a 404, naming the input to check. */
  notFound?: string
  /** Retry 404 a few times: Neon briefly answers 404 for a branch right after a restore. */
  retryNotFound?: boolean
  /** A deletion: still sent after the step was cancelled, since cleaning up is what cancelling asks for. */
  cleanup?: boolean
}

interface Failure {
  status?: number
  code?: string
  message: string
  retryAfter?: string
  /** True when the request may have reached Neon (so a mutation may have been applied). */
  maybeApplied: boolean
}

const RETRYABLE_STATUSES = new Set([423, 429, 503])
/** Errors raised before the request left this machine: always safe to send again. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN'])
const DONE_STATUSES = new Set(['finished', 'skipped'])
const FAILED_STATUSES = new Set(['failed', 'error', 'cancelling', 'cancelled'])

/** Exponential backoff with jitter: between half and all of base * 2^(attempt-1), capped. */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1))
  return Math.round(ceiling / 2 + (random() * ceiling) / 2)
}

/** Retry-After in seconds or as an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(header: string | undefined, now: number): number | undefined {
  if (!header) return undefined
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000
  const date = Date.parse(header)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}

export class NeonGateway {
  readonly projectId: string
  private readonly api: Api<unknown>
  private readonly policy: RetryPolicy
  private readonly log: (message: string) => void
  private readonly sleep: (ms: number) => Promise<void>
  private readonly random: () => number
  private readonly now: () => number
  private readonly operationTimeoutMs: number
  private readonly cancellation?: Cancellation
  /** Mutations on the wire: the request is sent and its answer has not come. */
  private readonly sending = new Set<Promise<unknown>>()

  constructor(options: GatewayOptions) {
    this.projectId = options.projectId
    this.api = createApiClient({ apiKey: options.apiKey, baseURL: options.apiHost, timeout: 60_000 })
    this.policy = { ...DEFAULT_RETRY, ...options.retry }
    this.log = options.log ?? (() => {})
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)))
    this.random = options.random ?? Math.random
    this.now = options.now ?? Date.now
    this.operationTimeoutMs = options.operationTimeoutMs ?? 10 * 60_000
    this.cancellation = options.cancellation
  }

  /** Waits (at most `timeoutMs`) until no mutation is on the wire, so a branch list afterwards shows them all. */
  async settle(timeoutMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)))
    await Promise.race([Promise.allSettled([...this.sending]), timeout])
    clearTimeout(timer)
  }

  private send<T>(call: Call<T>): Promise<{ data: T }> {
    if (call.mutation && !call.cleanup) this.cancellation?.check(call.what)
    const sent = call.send(this.api)
    if (!call.mutation) return sent
    this.sending.add(sent)
    const forget = () => this.sending.delete(sent)
    sent.then(forget, forget)
    return sent
  }

  async call<T>(call: Call<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const started = this.now()
      let failure: Failure
      try {
        const { data } = await this.send(call)
        this.log(`${call.what}: ok in ${this.now() - started} ms (attempt ${attempt})`)
        return data
      } catch (error) {
        if (error instanceof CancelledError) throw error
        failure = describeError(error)
      }
      this.log(
        `${call.what}: ${failure.status ?? failure.code ?? 'error'} in ${this.now() - started} ms (attempt ${attempt})`
      )
      const canRetry = attempt < this.policy.attempts

      if (failure.status !== undefined && RETRYABLE_STATUSES.has(failure.status) && canRetry) {
        const hinted = retryAfterMs(failure.retryAfter, this.now())
        const delay =
          hinted === undefined
            ? backoffDelay(attempt, this.policy, this.random)
            : Math.min(hinted, this.policy.maxRetryAfterMs)
        await this.sleep(delay)
        continue
      }
      if (failure.status === 404 && call.retryNotFound && attempt < this.policy.notFoundAttempts) {
        await this.sleep(backoffDelay(attempt, this.policy, this.random))
        continue
      }
      if (isConnectionFailure(failure)) {
        if (call.mutation && failure.maybeApplied) {
          if (!call.lookup) throw unknownOutcome(call.what, failure)
          const found = await call.lookup()
          if (found !== undefined) {
            this.log(`${call.what}: the connection failed but the change was applied; using it`)
            return found
          }
        }
        if (canRetry) {
          await this.sleep(backoffDelay(attempt, this.policy, this.random))
          continue
        }
      }
      throw explain(call, failure, attempt, this.projectId)
    }
  }

  /** Polls each operation until finished or skipped; fails on failed, error or cancelled, or after the timeout. */
  async waitForOperations(operations: Operation[] | undefined): Promise<void> {
    let pending = (operations ?? []).filter((operation) => !DONE_STATUSES.has(operation.status))
    const deadline = this.now() + this.operationTimeoutMs
    let interval = 200
    while (pending.length > 0) {
      const current = await Promise.all(pending.map((operation) => this.getOperation(operation.id)))
      const failed = current.find((operation) => FAILED_STATUSES.has(operation.status))
      if (failed) {
        throw new NeonApiError(
          `Neon operation ${failed.action} (${failed.id}) ${failed.status}${failed.error ? `: ${failed.error}` : ''}; ` +
            'nothing further was changed, check the branch in the Neon console before running again'
        )
      }
      pending = current.filter((operation) => !DONE_STATUSES.has(operation.status))
      if (pending.length === 0) return
      if (this.now() >= deadline) {
        const names = pending.map((operation) => `${operation.action} (${operation.id}, ${operation.status})`)
        throw new NeonApiError(
          `Neon operations still running after ${Math.round(this.operationTimeoutMs / 1000)} s: ${names.join(', ')}; ` +
            'check the project in the Neon console, then run again'
        )
      }
      await this.sleep(interval)
      interval = Math.min(interval * 1.5, 2000)
    }
  }

  /** The operations on a branch that are not finished yet (to wait for a change found by a look-up). */
  async pendingOperations(branchId: string): Promise<Operation[]> {
    const data = await this.read('list operations', (api) => api.listProjectOperations({ projectId: this.projectId }))
    return data.operations.filter(
      (operation) => operation.branch_id === branchId && !DONE_STATUSES.has(operation.status)
    )
  }

  getOperation(operationId: string): Promise<Operation> {
    return this.read(`get operation ${operationId}`, (api) =>
      api.getProjectOperation(this.projectId, operationId)
    ).then((data) => data.operation)
  }

  async getProject(): Promise<Project> {
    const data = await this.call({
      what: `get project ${this.projectId}`,
      mutation: false,
      send: (api) => api.getProject(this.projectId),
      notFound: this.projectNotFound()
    })
    return data.project
  }

  async getBranch(branchId: string, { afterRestore = false } = {}): Promise<Branch> {
    const data = await this.call({
      what: `get branch ${branchId}`,
      mutation: false,
      send: (api) => api.getProjectBranch(this.projectId, branchId),
      notFound: `branch ${branchId} was not found in project ${this.projectId}`,
      retryNotFound: afterRestore
    })
    return data.branch
  }

  /** The annotation Neon keeps for a branch (empty when it has none). */
  async getBranchAnnotation(branchId: string): Promise<Record<string, string>> {
    const data = await this.read(`get branch ${branchId}`, (api) => api.getProjectBranch(this.projectId, branchId))
    return data.annotation?.value ?? {}
  }

  /** All branches, optionally only those whose name or id contains `search`. */
  async listBranches(search?: string): Promise<Branch[]> {
    const branches: Branch[] = []
    let cursor: string | undefined
    do {
      const data = await this.call({
        what: `list branches${search ? ` matching ${search}` : ''}`,
        mutation: false,
        send: (api) => api.listProjectBranches({ projectId: this.projectId, search, cursor }),
        // Usually the first call of a step: a missing project shows here.
        notFound: this.projectNotFound()
      })
      branches.push(...data.branches)
      const next = data.pagination?.next
      cursor = next && next !== cursor && data.branches.length > 0 ? next : undefined
    } while (cursor)
    return branches
  }

  /** A branch by exact id or name; an ambiguous name is an error listing the ids to choose from. */
  async findBranch(nameOrId: string): Promise<Branch> {
    const candidates = await this.listBranches(nameOrId)
    const byId = candidates.find((branch) => branch.id === nameOrId)
    const byName = candidates.filter((branch) => branch.name === nameOrId && branch !== byId)
    if (byId && byName.length > 0) {
      throw new NeonApiError(
        `branch: "${nameOrId}" is the id of branch ${byId.name} and the name of branch ${byName[0].id}; ` +
          `use the name ${byId.name} for the first, the id ${byName[0].id} for the second`
      )
    }
    if (byId) return byId
    if (byName.length === 1) return byName[0]
    if (byName.length > 1) {
      const ids = byName.map((branch) => branch.id).join(', ')
      throw new NeonApiError(`branch: "${nameOrId}" names ${byName.length} branches (${ids}); use the id instead`)
    }
    throw new NeonApiError(`branch: "${nameOrId}" was not found in project ${this.projectId} (check the name or id)`)
  }

  async findBranchByName(name: string): Promise<Branch | undefined> {
    const branches = await this.listBranches(name)
    return branches.find((branch) => branch.name === name)
  }

  async defaultBranch(): Promise<Branch> {
    const branch = (await this.listBranches()).find((candidate) => candidate.default)
    if (!branch) throw new NeonApiError(`project ${this.projectId} has no default branch; set branch`)
    return branch
  }

  /** Creates a branch and waits until it is ready. A lost connection is resolved by looking the name up. */
  async createBranch(request: CreateBranchRequest): Promise<CreatedBranch> {
    const data = await this.call<CreatedBranch>({
      what: `create branch ${request.name}`,
      mutation: true,
      send: (api) =>
        api.createProjectBranch(this.projectId, {
          branch: {
            parent_id: request.parentId,
            name: request.name,
            parent_lsn: request.parentLsn,
            parent_timestamp: request.parentTimestamp,
            protected: request.protected,
            expires_at: request.expiresAt
          },
          endpoints: request.endpoint ? [{ type: request.endpoint as never }] : [],
          annotation_value: request.annotations
        }),
      lookup: async () => {
        const branch = await this.findBranchByName(request.name)
        if (!branch) return undefined
        // Found, but maybe not ready: wait for its operations as if the answer had come.
        const operations = await this.pendingOperations(branch.id)
        return { branch, endpoints: await this.listEndpoints(branch.id), operations }
      }
    })
    await this.waitForOperations(data.operations)
    return { branch: data.branch, endpoints: data.endpoints ?? [], operations: data.operations ?? [] }
  }

  /** Deletes a branch and waits for it; a branch that is already gone counts as deleted. */
  async deleteBranch(branchId: string): Promise<void> {
    const gone = { operations: [] as Operation[] }
    try {
      const data = await this.call<{ operations: Operation[] }>({
        what: `delete branch ${branchId}`,
        mutation: true,
        cleanup: true,
        send: (api) => api.deleteProjectBranch({ projectId: this.projectId, branchId }),
        lookup: async () => ((await this.branchExists(branchId)) ? undefined : gone)
      })
      await this.waitForOperations(data?.operations)
    } catch (error) {
      if (error instanceof NeonApiError && error.status === 404) return
      throw error
    }
  }

  async updateBranch(branchId: string, update: { name?: string; protected?: boolean; expiresAt?: string | null }) {
    const data = await this.call({
      what: `update branch ${branchId}`,
      mutation: true,
      // Same request again gives the same result, so a repeat after a lost connection is harmless.
      lookup: async () => undefined,
      send: (api) =>
        api.updateProjectBranch(this.projectId, branchId, {
          branch: { name: update.name, protected: update.protected, expires_at: update.expiresAt }
        })
    })
    await this.waitForOperations(data.operations)
    return data.branch
  }

  /**
   * Restores a branch from a source and waits for it. With `preserveUnderName`, a lost connection is resolved
   * by looking for the backup branch: if it exists, the restore happened.
   */
  async restoreBranch(branchId: string, request: RestoreBranchRequest): Promise<Branch> {
    const preserved = request.preserveUnderName
    const data = await this.call<{ branch: Branch; operations: Operation[] }>({
      what: `restore branch ${branchId}`,
      mutation: true,
      send: (api) =>
        api.restoreProjectBranch(this.projectId, branchId, {
          source_branch_id: request.sourceBranchId,
          source_lsn: request.sourceLsn,
          source_timestamp: request.sourceTimestamp,
          preserve_under_name: preserved
        }),
      lookup: preserved
        ? async () => {
            const backup = await this.findBranchByName(preserved)
            if (!backup) return undefined
            const operations = await this.pendingOperations(branchId)
            return { branch: await this.getBranch(branchId, { afterRestore: true }), operations }
          }
        : undefined
    })
    await this.waitForOperations(data.operations)
    return this.getBranch(branchId, { afterRestore: true })
  }

  async listEndpoints(branchId: string): Promise<Endpoint[]> {
    const data = await this.read(`list endpoints of ${branchId}`, (api) =>
      api.listProjectBranchEndpoints(this.projectId, branchId)
    )
    return data.endpoints
  }

  async listDatabases(branchId: string): Promise<Database[]> {
    const data = await this.read(`list databases of ${branchId}`, (api) =>
      api.listProjectBranchDatabases(this.projectId, branchId)
    )
    return data.databases
  }

  async listRoles(branchId: string): Promise<Role[]> {
    const data = await this.read(`list roles of ${branchId}`, (api) =>
      api.listProjectBranchRoles(this.projectId, branchId)
    )
    return data.roles
  }

  /** The caller must mask the result with core.setSecret before anything can log it. */
  async revealPassword(branchId: string, roleName: string): Promise<string> {
    const data = await this.read(`reveal password of role ${roleName}`, (api) =>
      api.getProjectBranchRolePassword(this.projectId, branchId, roleName)
    )
    return data.password
  }

  /** The caller must mask the result with core.setSecret before anything can log it. */
  async getConnectionUri(query: {
    branchId: string
    database: string
    role: string
    pooled?: boolean
  }): Promise<string> {
    const data = await this.read(`get connection URI of ${query.branchId}`, (api) =>
      api.getConnectionUri({
        projectId: this.projectId,
        branch_id: query.branchId,
        database_name: query.database,
        role_name: query.role,
        pooled: query.pooled
      })
    )
    return data.uri
  }

  async listSnapshots(): Promise<Snapshot[]> {
    const data = await this.read('list snapshots', (api) => api.listSnapshots(this.projectId))
    return data.snapshots
  }

  /** Creates a Neon snapshot (beta) and waits for it; a lost connection is resolved by looking the name up. */
  async createSnapshot(branchId: string, request: CreateSnapshotRequest): Promise<Snapshot> {
    const data = await this.call<{ snapshot: Snapshot; operations: Operation[] }>({
      what: `create snapshot ${request.name}`,
      mutation: true,
      send: (api) =>
        api.createSnapshot({
          projectId: this.projectId,
          branchId,
          name: request.name,
          lsn: request.lsn,
          timestamp: request.timestamp,
          expires_at: request.expiresAt
        }),
      lookup: async () => {
        const snapshot = (await this.listSnapshots()).find((candidate) => candidate.name === request.name)
        return snapshot && { snapshot, operations: [] }
      }
    })
    await this.waitForOperations(data.operations)
    return data.snapshot
  }

  /** Restores a snapshot into a branch; with `finalize`, the target branch is replaced (its id changes). */
  async restoreSnapshot(snapshotId: string, request: RestoreSnapshotRequest): Promise<Branch> {
    const data = await this.call<{ branch: Branch; operations: Operation[] }>({
      what: `restore snapshot ${snapshotId}`,
      mutation: true,
      send: (api) =>
        api.restoreSnapshot(
          { projectId: this.projectId, snapshotId },
          { name: request.name, target_branch_id: request.targetBranchId, finalize_restore: request.finalize }
        ),
      lookup: request.name
        ? async () => {
            // With finalize the restored branch takes the target's name: the target itself is not the result.
            const branch = (await this.listBranches(request.name)).find(
              (candidate) => candidate.name === request.name && candidate.id !== request.targetBranchId
            )
            return branch && { branch, operations: await this.pendingOperations(branch.id) }
          }
        : undefined
    })
    await this.waitForOperations(data.operations)
    return data.branch
  }

  async deleteSnapshot(snapshotId: string): Promise<void> {
    try {
      const data = await this.call({
        what: `delete snapshot ${snapshotId}`,
        mutation: true,
        cleanup: true,
        send: (api) => api.deleteSnapshot(this.projectId, snapshotId),
        lookup: async () => {
          const exists = (await this.listSnapshots()).some((snapshot) => snapshot.id === snapshotId)
          return exists ? undefined : { operations: [] }
        }
      })
      await this.waitForOperations(data.operations)
    } catch (error) {
      if (error instanceof NeonApiError && error.status === 404) return
      throw error
    }
  }

  private projectNotFound(): string {
    return `project-id: project "${this.projectId}" was not found (check project-id, and that the api-key belongs to its organization)`
  }

  private read<T>(what: string, send: (api: Api<unknown>) => Promise<{ data: T }>): Promise<T> {
    return this.call({ what, mutation: false, send })
  }

  private async branchExists(branchId: string): Promise<boolean> {
    try {
      await this.getBranch(branchId)
      return true
    } catch (error) {
      if (error instanceof NeonApiError && error.status === 404) return false
      throw error
    }
  }
}

export interface CreateBranchRequest {
  name: string
  parentId: string
  parentLsn?: string
  parentTimestamp?: string
  protected?: boolean
  expiresAt?: string
  /** A compute for the branch; omit for a branch nobody connects to. */
  endpoint?: 'read_write' | 'read_only'
  /** Recorded on the branch, e.g. the run that created it, so the post step can find what a run left. */
  annotations?: Record<string, string>
}

export interface CreatedBranch {
  branch: Branch
  endpoints: Endpoint[]
  operations: Operation[]
}

export interface RestoreBranchRequest {
  sourceBranchId: string
  sourceLsn?: string
  sourceTimestamp?: string
  preserveUnderName?: string
}

export interface CreateSnapshotRequest {
  name: string
  lsn?: string
  timestamp?: string
  expiresAt?: string
}

export interface RestoreSnapshotRequest {
  name?: string
  targetBranchId?: string
  finalize: boolean
}

interface AxiosLikeError {
  code?: string
  message?: string
  response?: { status: number; data?: unknown; headers?: Record<string, unknown> }
}

function describeError(error: unknown): Failure {
  const axiosError = error as AxiosLikeError
  const response = axiosError?.response
  if (response) {
    const body = (response.data ?? {}) as { code?: string; message?: string; request_id?: string }
    const retryAfter = response.headers?.['retry-after']
    const requestId = body.request_id ? ` (request id ${body.request_id})` : ''
    return {
      status: response.status,
      code: typeof body.code === 'string' ? body.code : undefined,
      message: (typeof body.message === 'string' ? body.message : `HTTP ${response.status}`) + requestId,
      retryAfter: typeof retryAfter === 'string' ? retryAfter : undefined,
      // A gateway timeout or bad gateway may hide a request Neon did process.
      maybeApplied: response.status === 502 || response.status === 504
    }
  }
  const code = axiosError?.code
  return {
    code,
    message: axiosError?.message ?? String(error),
    maybeApplied: !(code && NOT_SENT_CODES.has(code))
  }
}

function isConnectionFailure(failure: Failure): boolean {
  return failure.status === undefined || failure.status === 502 || failure.status === 504
}

function unknownOutcome(what: string, failure: Failure): NeonApiError {
  return new NeonApiError(
    `${what}: the connection to Neon failed after the request was sent (${failure.message}), so it may or may not ` +
      'have been applied; check the project in the Neon console before running again',
    failure.status,
    failure.code
  )
}

function explain(call: Call<unknown>, failure: Failure, attempts: number, projectId: string): NeonApiError {
  const { status, code, message } = failure
  const tries = attempts > 1 ? ` after ${attempts} attempts` : ''
  const say = (text: string) => new NeonApiError(text, status, code)
  if (status === undefined) return say(`${call.what}: could not reach Neon${tries} (${message}); check api-host`)
  if (status === 401) {
    return say(`${call.what}: Neon rejected the api-key (401): check that the secret holds a valid Neon API key`)
  }
  if (status === 403) {
    return say(
      `${call.what}: the api-key may not do this in project ${projectId} (403: ${message}); use a key of the project's organization`
    )
  }
  if (status === 404) return say(call.notFound ?? `${call.what}: not found (404: ${message})`)
  if (code === 'BRANCHES_LIMIT_EXCEEDED') {
    return say(
      `${call.what}: project ${projectId} has reached its branch limit (${message}); delete old branches, or run this action with operation: prune`
    )
  }
  if (status === 423) {
    return say(
      `${call.what}: another operation is still running on this project${tries} (423: ${message}); wait for it to ` +
        'finish, or serialize these workflows with a concurrency group, and run again'
    )
  }
  if (status === 429)
    return say(`${call.what}: Neon's rate limit was hit${tries} (429); run again later or lower parallelism`)
  if (status >= 500)
    return say(`${call.what}: Neon answered ${status}${tries} (${message}); see neonstatus.com and run again later`)
  return say(`${call.what}: Neon refused the request (${status}${code ? ` ${code}` : ''}: ${message})`)
}
