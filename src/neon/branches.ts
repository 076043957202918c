/**
 * Branches as Neon keeps them: listing (every page), finding by id or name, reading, creating, renaming,
 * deleting (softly, or for good where Neon allows it) and restoring. Each change waits for the operations
 * Neon runs for it, and says how to find its result after a lost connection.
 */
import type { Branch, Endpoint, Operation as NeonOperation } from '@neondatabase/api-client'
import type { Connections } from './connections.js'
import { AmbiguousError, BranchRecoveryUnavailableError, NotFoundError, refusesPreview } from './errors.js'
import type { Transport } from './transport.js'

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
  operations: NeonOperation[]
}

export interface RestoreBranchRequest {
  sourceBranchId: string
  sourceLsn?: string
  sourceTimestamp?: string
  preserveUnderName?: string
}

/** A branch brought back from a soft delete, with its endpoints (spec: BranchRecoverResponse). */
export interface RecoveredBranch {
  branch: Branch
  endpoints: Endpoint[]
}

export interface ListBranchesOptions {
  /** Only branches whose name or id contains this. */
  search?: string
  /** Also the deleted branches Neon can still recover (branch recovery, a preview). */
  includeDeleted?: boolean
}

export class Branches {
  /**
   * Set once Neon refused `hard_delete` (branch recovery is a preview, not open to every project): later
   * deletions in this run go straight to the plain delete instead of being refused first.
   */
  private hardDeleteRefused = false

  constructor(
    private readonly transport: Transport,
    private readonly connections: Connections
  ) {}

  private get projectId(): string {
    return this.transport.projectId
  }

  /** All branches (every page), optionally only those matching `search`. */
  async list(options: ListBranchesOptions = {}): Promise<Branch[]> {
    const { search, includeDeleted } = options
    const what = `list branches${search ? ` matching ${search}` : ''}${includeDeleted ? ' (deleted included)' : ''}`
    const branches: Branch[] = []
    let cursor: string | undefined
    do {
      const data = await this.transport.read(what, { kind: 'project', asked: this.projectId }, (api) =>
        api.listProjectBranches({
          projectId: this.projectId,
          search,
          cursor,
          include_deleted: includeDeleted || undefined
        })
      )
      branches.push(...data.branches)
      const next = data.pagination?.next
      // A cursor that does not move, or an empty page, would loop forever.
      cursor = next && next !== cursor && data.branches.length > 0 ? next : undefined
    } while (cursor)
    return branches
  }

  /**
   * Every branch, the deleted ones Neon can still recover included, which carry `recovery` (spec:
   * listProjectBranches `include_deleted`, Branch.recovery; Branch Recovery is a preview). Throws
   * BranchRecoveryUnavailableError where Neon refuses the parameter.
   */
  async listIncludingDeleted(): Promise<Branch[]> {
    try {
      return await this.list({ includeDeleted: true })
    } catch (error) {
      if (refusesPreview(error)) throw new BranchRecoveryUnavailableError(error.request)
      throw error
    }
  }

  async get(branchId: string, { afterRestore = false } = {}): Promise<Branch> {
    const data = await this.transport.call({
      what: `get branch ${branchId}`,
      mutation: false,
      send: (api) => api.getProjectBranch(this.projectId, branchId),
      notFound: { kind: 'branch', asked: branchId },
      retryNotFound: afterRestore
    })
    return data.branch
  }

  /** The annotation Neon keeps for a branch (empty when it has none). */
  async annotation(branchId: string): Promise<Record<string, string>> {
    const data = await this.transport.read(`get branch ${branchId}`, { kind: 'branch', asked: branchId }, (api) =>
      api.getProjectBranch(this.projectId, branchId)
    )
    return data.annotation?.value ?? {}
  }

  /** A branch by exact id or name: NotFoundError when none, AmbiguousError when the name does not say which. */
  async find(nameOrId: string): Promise<Branch> {
    const candidates = await this.list({ search: nameOrId })
    const byId = candidates.find((branch) => branch.id === nameOrId)
    const byName = candidates.filter((branch) => branch.name === nameOrId && branch !== byId)
    if (byId && byName.length > 0) throw new AmbiguousError('branch', nameOrId, byName, byId)
    if (byId) return byId
    if (byName.length === 1) return byName[0]
    if (byName.length > 1) throw new AmbiguousError('branch', nameOrId, byName)
    throw new NotFoundError('branch', nameOrId, this.projectId)
  }

  async findByName(name: string): Promise<Branch | undefined> {
    const branches = await this.list({ search: name })
    return branches.find((branch) => branch.name === name)
  }

  async getDefault(): Promise<Branch> {
    const branch = (await this.list()).find((candidate) => candidate.default)
    if (!branch) throw new NotFoundError('default branch', undefined, this.projectId)
    return branch
  }

  /** Creates a branch and waits until it is ready. A lost connection is resolved by looking the name up. */
  async create(request: CreateBranchRequest): Promise<CreatedBranch> {
    const data = await this.transport.call<CreatedBranch>({
      what: `create branch ${request.name}`,
      mutation: true,
      notFound: { kind: 'branch', asked: request.parentId },
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
        const branch = await this.findByName(request.name)
        if (!branch) return undefined
        // Found, but maybe not ready: wait for its operations as if the answer had come.
        const operations = await this.transport.pendingOperations(branch.id)
        return { branch, endpoints: await this.connections.listEndpoints(branch.id), operations }
      }
    })
    await this.transport.waitForOperations(data.operations)
    return { branch: data.branch, endpoints: data.endpoints ?? [], operations: data.operations ?? [] }
  }

  async update(branchId: string, update: { name?: string; protected?: boolean; expiresAt?: string | null }) {
    const data = await this.transport.call({
      what: `update branch ${branchId}`,
      mutation: true,
      notFound: { kind: 'branch', asked: branchId },
      // Same request again gives the same result, so a repeat after a lost connection is harmless.
      lookup: async () => undefined,
      send: (api) =>
        api.updateProjectBranch(this.projectId, branchId, {
          branch: { name: update.name, protected: update.protected, expires_at: update.expiresAt }
        })
    })
    await this.transport.waitForOperations(data.operations)
    return data.branch
  }

  /**
   * Deletes a branch and waits for it; a branch that is already gone counts as deleted. By default Neon keeps a
   * deleted branch recoverable for 7 days; `hard` asks it to delete for good, and where Neon refuses that (the
   * preview is not open to every project) the branch is deleted the plain way instead.
   */
  async delete(branchId: string, { hard = false } = {}): Promise<void> {
    if (hard && !this.hardDeleteRefused) {
      try {
        return await this.deleteOnce(branchId, true)
      } catch (error) {
        if (!refusesPreview(error)) throw error
        this.hardDeleteRefused = true
        this.transport.log(
          `${(error as Error).message}: hard delete is refused in this project; deleting without it from now on`
        )
      }
    }
    return this.deleteOnce(branchId, false)
  }

  private async deleteOnce(branchId: string, hard: boolean): Promise<void> {
    const gone = { operations: [] as NeonOperation[] }
    try {
      const data = await this.transport.call<{ operations: NeonOperation[] }>({
        what: `${hard ? 'hard ' : ''}delete branch ${branchId}`,
        mutation: true,
        cleanup: true,
        notFound: { kind: 'branch', asked: branchId },
        send: (api) => api.deleteProjectBranch({ projectId: this.projectId, branchId, hard_delete: hard || undefined }),
        lookup: async () => ((await this.exists(branchId)) ? undefined : gone)
      })
      await this.transport.waitForOperations(data?.operations)
    } catch (error) {
      if (error instanceof NotFoundError) return
      throw error
    }
  }

  /**
   * Restores a branch from a source and waits for it. With `preserveUnderName`, a lost connection is resolved
   * by looking for the backup branch: if it exists, the restore happened.
   */
  async restore(branchId: string, request: RestoreBranchRequest): Promise<Branch> {
    const preserved = request.preserveUnderName
    const data = await this.transport.call<{ branch: Branch; operations: NeonOperation[] }>({
      what: `restore branch ${branchId}`,
      mutation: true,
      notFound: { kind: 'branch', asked: branchId },
      send: (api) =>
        api.restoreProjectBranch(this.projectId, branchId, {
          source_branch_id: request.sourceBranchId,
          source_lsn: request.sourceLsn,
          source_timestamp: request.sourceTimestamp,
          preserve_under_name: preserved
        }),
      lookup: preserved
        ? async () => {
            const backup = await this.findByName(preserved)
            if (!backup) return undefined
            const operations = await this.transport.pendingOperations(branchId)
            return { branch: await this.get(branchId, { afterRestore: true }), operations }
          }
        : undefined
    })
    await this.transport.waitForOperations(data.operations)
    return this.get(branchId, { afterRestore: true })
  }

  /**
   * Brings back a soft-deleted branch (spec: recoverProjectBranch, beta): "Recovery restores the branch and its
   * endpoints to an idle state. Connection strings remain valid after recovery." The answer has no operations
   * to wait for (spec: BranchRecoverResponse). A lost answer is resolved by looking the branch up: it is live
   * again if the recovery happened.
   */
  async recover(branchId: string): Promise<RecoveredBranch> {
    const data = await this.transport.call<{ branch: Branch; endpoints?: Endpoint[] }>({
      what: `recover branch ${branchId}`,
      mutation: true,
      notFound: { kind: 'branch', asked: branchId },
      send: (api) => api.recoverProjectBranch(this.projectId, branchId),
      lookup: async () => ((await this.exists(branchId)) ? { branch: await this.get(branchId) } : undefined)
    })
    // The spec makes the endpoints optional in the answer (EndpointsOptionalResponse).
    return { branch: data.branch, endpoints: data.endpoints ?? (await this.connections.listEndpoints(branchId)) }
  }

  private async exists(branchId: string): Promise<boolean> {
    try {
      await this.get(branchId)
      return true
    } catch (error) {
      if (error instanceof NotFoundError) return false
      throw error
    }
  }
}
