/**
 * The live suite's own view of a Neon project, through the public API only (`@neondatabase/api-client`): the
 * branch list, branches with a compute, connection strings, deletions, and waits for Neon's operations by
 * polling. It shares no code with the action's gateway (src/neon), so a bug there cannot hide itself here.
 */
import { createApiClient, EndpointType, type Branch, type Operation } from '@neondatabase/api-client'

export type { Branch } from '@neondatabase/api-client'

export interface NeonSettings {
  apiKey: string
  apiHost: string
  projectId: string
}

/** What the API answered when a call failed: status and Neon's error code, never headers (the key is there). */
export class NeonCallError extends Error {
  constructor(
    readonly what: string,
    readonly status: number | undefined,
    detail: string
  ) {
    super(`${what}: ${status ?? 'no answer'} ${detail}`.trim())
  }
}

/** Safe to send again: 423 (a conflicting operation runs), 429 (rate limit), 503 (Neon busy). */
const RETRYABLE = new Set([423, 429, 503])
const ATTEMPTS = 8
const OPERATION_TIMEOUT_MS = 10 * 60_000

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

function describeFailure(error: unknown): { status?: number; detail: string } {
  const response = (error as { response?: { status: number; data?: { code?: string; message?: string } } }).response
  if (!response) return { detail: (error as Error).message }
  const { code, message } = response.data ?? {}
  return { status: response.status, detail: [code, message].filter(Boolean).join(' ') }
}

/** A 4xx other than not found, locked or rate limited: this project does not take `hard_delete`. */
function refusesHardDelete(error: unknown): boolean {
  if (!(error instanceof NeonCallError) || error.status === undefined) return false
  return error.status >= 400 && error.status < 500 && ![404, 423, 429].includes(error.status)
}

export class Neon {
  readonly api: ReturnType<typeof createApiClient>
  readonly projectId: string
  /** Neon's Branch Recovery is a preview: where `hard_delete` is refused, deletes go without it. */
  private hardDelete = true

  constructor(settings: NeonSettings) {
    this.api = createApiClient({ apiKey: settings.apiKey, baseURL: settings.apiHost, timeout: 60_000 })
    this.projectId = settings.projectId
  }

  /**
   * One API call, sent again (with backoff) while Neon answers a retryable status; with `afterRestore`, a 404
   * too (Neon briefly answers 404 for a branch right after a restore).
   */
  async call<T>(what: string, send: () => Promise<{ data: T }>, { afterRestore = false } = {}): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return (await send()).data
      } catch (error) {
        const { status, detail } = describeFailure(error)
        const retryable = status !== undefined && (RETRYABLE.has(status) || (afterRestore && status === 404))
        if (!retryable || attempt === ATTEMPTS) throw new NeonCallError(what, status, detail)
        await sleep(Math.min(10_000, 250 * 2 ** attempt))
      }
    }
  }

  /** Every branch of the project, every page. */
  async branches(): Promise<Branch[]> {
    const branches: Branch[] = []
    let cursor: string | undefined
    do {
      const data = await this.call('list branches', () =>
        this.api.listProjectBranches({ projectId: this.projectId, cursor })
      )
      branches.push(...data.branches)
      const next = data.pagination?.next
      cursor = next && next !== cursor && data.branches.length > 0 ? next : undefined
    } while (cursor)
    return branches
  }

  async branch(branchId: string): Promise<Branch> {
    return (await this.call(`get branch ${branchId}`, () => this.api.getProjectBranch(this.projectId, branchId))).branch
  }

  /** Polls each operation until Neon says it finished (or skipped it); a failed one is an error. */
  async waitFor(operations: Operation[]): Promise<void> {
    for (const { id } of operations) {
      const deadline = Date.now() + OPERATION_TIMEOUT_MS
      for (let delay = 50; ; delay = Math.min(2000, delay * 2)) {
        const { operation } = await this.call(`get operation ${id}`, () =>
          this.api.getProjectOperation(this.projectId, id)
        )
        if (operation.status === 'finished' || operation.status === 'skipped') break
        if (['failed', 'error', 'cancelling', 'cancelled'].includes(operation.status)) {
          throw new Error(`operation ${operation.action} ${id} ${operation.status}: ${operation.error ?? ''}`.trim())
        }
        if (Date.now() > deadline) throw new Error(`operation ${operation.action} ${id} still ${operation.status}`)
        await sleep(delay)
      }
    }
  }

  /** A branch with a read-write compute, ready to connect to. */
  async createBranch(request: { name: string; parentId: string; expiresAt?: string }): Promise<Branch> {
    const data = await this.call(`create branch ${request.name}`, () =>
      this.api.createProjectBranch(this.projectId, {
        branch: { name: request.name, parent_id: request.parentId, expires_at: request.expiresAt },
        endpoints: [{ type: EndpointType.ReadWrite }]
      })
    )
    await this.waitFor(data.operations)
    return data.branch
  }

  /** The branch's connection string as the API hands it out, giving it a compute first when it has none. */
  async connectionUri(branchId: string, database: { name: string; owner: string }): Promise<string> {
    const { endpoints } = await this.call(
      `list endpoints of ${branchId}`,
      () => this.api.listProjectBranchEndpoints(this.projectId, branchId),
      { afterRestore: true }
    )
    if (endpoints.length === 0) {
      const data = await this.call(`create endpoint on ${branchId}`, () =>
        this.api.createProjectEndpoint(this.projectId, {
          endpoint: { branch_id: branchId, type: EndpointType.ReadWrite }
        })
      )
      await this.waitFor(data.operations)
    }
    const { uri } = await this.call(`connection string of ${branchId}`, () =>
      this.api.getConnectionUri({
        projectId: this.projectId,
        branch_id: branchId,
        database_name: database.name,
        role_name: database.owner
      })
    )
    return uri
  }

  /** The branch's database to seed (`neondb` when there are several) and the role that owns it. */
  async database(branchId: string): Promise<{ name: string; owner: string }> {
    const { databases } = await this.call(`list databases of ${branchId}`, () =>
      this.api.listProjectBranchDatabases(this.projectId, branchId)
    )
    const chosen = databases.find((database) => database.name === 'neondb') ?? databases[0]
    if (!chosen) throw new Error(`branch ${branchId} has no database to seed`)
    return { name: chosen.name, owner: chosen.owner_name }
  }

  /** Deletes a branch for good where Neon allows it (else the plain, recoverable way); gone already is fine. */
  async deleteBranch(branchId: string): Promise<void> {
    const send = (hard: boolean) =>
      this.call(`delete branch ${branchId}`, () =>
        this.api.deleteProjectBranch({ projectId: this.projectId, branchId, hard_delete: hard || undefined })
      )
    try {
      let data
      try {
        data = await send(this.hardDelete)
      } catch (error) {
        if (!this.hardDelete || !refusesHardDelete(error)) throw error
        this.hardDelete = false
        data = await send(false)
      }
      await this.waitFor(data.operations)
    } catch (error) {
      if (error instanceof NeonCallError && error.status === 404) return
      throw error
    }
  }

  /**
   * Deletes `ids`, children before their parents (Neon refuses to delete a branch that has children), and
   * returns the ones it could not delete with the reason.
   */
  async deleteBranches(ids: string[]): Promise<string[]> {
    const left = new Set(ids)
    const problems: string[] = []
    while (left.size > 0) {
      const all = await this.branches()
      const parents = new Set(all.map((branch) => branch.parent_id))
      const leaves = [...left].filter((id) => !parents.has(id))
      if (leaves.length === 0) {
        problems.push(
          ...[...left].map((id) => `${id}: still has a child branch (not made by the suite, or not deleted)`)
        )
        break
      }
      for (const id of leaves) {
        left.delete(id)
        await this.deleteBranch(id).catch((error: Error) => problems.push(`${id}: ${error.message}`))
      }
    }
    return problems
  }
}
