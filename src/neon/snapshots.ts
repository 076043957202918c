/**
 * Neon snapshots (beta): listing, finding by id or name, creating, restoring into a branch and deleting. Each
 * change waits for Neon's operations and says how to find its result after a lost connection.
 */
import type { Branch, Operation as NeonOperation, Snapshot } from '@neondatabase/api-client'
import type { Branches } from './branches.js'
import { AmbiguousError, NotFoundError } from './errors.js'
import type { Transport } from './transport.js'

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

export class Snapshots {
  constructor(
    private readonly transport: Transport,
    private readonly branches: Branches
  ) {}

  private get projectId(): string {
    return this.transport.projectId
  }

  async list(): Promise<Snapshot[]> {
    const data = await this.transport.read('list snapshots', { kind: 'project', asked: this.projectId }, (api) =>
      api.listSnapshots(this.projectId)
    )
    return data.snapshots
  }

  /**
   * A snapshot by exact id, else by name: NotFoundError when none, AmbiguousError when several have the name.
   * An exact id wins over a name, since an id names one snapshot for certain.
   */
  async find(idOrName: string): Promise<Snapshot> {
    const snapshots = await this.list()
    const byId = snapshots.find((snapshot) => snapshot.id === idOrName)
    const byName = snapshots.filter((snapshot) => snapshot.name === idOrName)
    if (byId) return byId
    if (byName.length === 1) return byName[0]
    if (byName.length > 1) throw new AmbiguousError('snapshot', idOrName, byName)
    throw new NotFoundError('snapshot', idOrName, this.projectId)
  }

  /** Creates a snapshot of a branch and waits for it; a lost connection is resolved by looking the name up. */
  async create(branchId: string, request: CreateSnapshotRequest): Promise<Snapshot> {
    const data = await this.transport.call<{ snapshot: Snapshot; operations: NeonOperation[] }>({
      what: `create snapshot ${request.name}`,
      mutation: true,
      notFound: { kind: 'branch', asked: branchId },
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
        const snapshot = (await this.list()).find((candidate) => candidate.name === request.name)
        return snapshot && { snapshot, operations: [] }
      }
    })
    await this.transport.waitForOperations(data.operations)
    return data.snapshot
  }

  /** Restores a snapshot into a branch; with `finalize`, the target branch is replaced (its id changes). */
  async restore(snapshotId: string, request: RestoreSnapshotRequest): Promise<Branch> {
    const data = await this.transport.call<{ branch: Branch; operations: NeonOperation[] }>({
      what: `restore snapshot ${snapshotId}`,
      mutation: true,
      notFound: { kind: 'snapshot', asked: snapshotId },
      send: (api) =>
        api.restoreSnapshot(
          { projectId: this.projectId, snapshotId },
          { name: request.name, target_branch_id: request.targetBranchId, finalize_restore: request.finalize }
        ),
      lookup: request.name
        ? async () => {
            // With finalize the restored branch takes the target's name: the target itself is not the result.
            const branch = (await this.branches.list({ search: request.name })).find(
              (candidate) => candidate.name === request.name && candidate.id !== request.targetBranchId
            )
            return branch && { branch, operations: await this.transport.pendingOperations(branch.id) }
          }
        : undefined
    })
    await this.transport.waitForOperations(data.operations)
    return data.branch
  }

  /** Deletes a snapshot and waits for it; one that is already gone counts as deleted. */
  async delete(snapshotId: string): Promise<void> {
    try {
      const data = await this.transport.call({
        what: `delete snapshot ${snapshotId}`,
        mutation: true,
        cleanup: true,
        notFound: { kind: 'snapshot', asked: snapshotId },
        send: (api) => api.deleteSnapshot(this.projectId, snapshotId),
        lookup: async () => {
          const exists = (await this.list()).some((snapshot) => snapshot.id === snapshotId)
          return exists ? undefined : { operations: [] }
        }
      })
      await this.transport.waitForOperations(data.operations)
    } catch (error) {
      if (error instanceof NotFoundError) return
      throw error
    }
  }
}
