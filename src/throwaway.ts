/**
 * Throwaway branches: the branches the action makes for its own use and removes before the step ends
 * (bisect's probes and its point look-up, verify's drill). This module alone names them, records the run on
 * them, sets their expiry, deletes them and sweeps what an interrupted run left; operations only say what they
 * need one for and for how long.
 *
 * A runner can die at any moment, so there are three nets:
 * 1. the operation deletes each one as soon as it is done with it, with `hard_delete` (Neon's deletes are
 *    otherwise soft for 7 days, and a recoverable probe is a leftover);
 * 2. the cancel handler and the post step delete every branch named with this run's prefix;
 * 3. when no post step runs at all (a self-hosted runner's host lost, a VM reclaimed), Neon deletes them at
 *    their `expires_at`.
 */
import { expiryTime } from './format.js'
import type { Branch, NeonGateway } from './neon/index.js'
import { RUN_ANNOTATION, type RunContext } from './run.js'

/**
 * Shortest lifetime. A branch must outlive its use, and its expiry is computed on the runner's clock: six hours
 * covers Neon's slowest operations, retries and a runner clock that is behind Neon's.
 */
export const MIN_LIFETIME_MS = 6 * 3600_000
/** Neon accepts `expires_at` at most 30 days ahead; an hour less leaves room for clock skew. */
export const MAX_LIFETIME_MS = 30 * 24 * 3600_000 - 3600_000
/**
 * The most a throwaway branch takes before its user can query it: the gateway waits up to 10 minutes for
 * Neon's operations (create, compute start), and a connection is retried for up to two more.
 */
export const SETUP_MS = 12 * 60_000

/** Every throwaway branch of a run starts with this, so one search finds what the run left. */
export function throwawayPrefix(runId: string): string {
  return `nra-ephemeral-${runId}-`
}

/**
 * How long a throwaway branch may live when its user needs it for at most `useMs`: twice that (a probe that
 * fails to connect is tried once more, and Neon deletes expired branches in a background job, not on the
 * second), at least MIN_LIFETIME_MS and within Neon's 30-day limit.
 */
export function lifetimeMs(useMs: number): number {
  return Math.min(MAX_LIFETIME_MS, Math.max(MIN_LIFETIME_MS, 2 * useMs))
}

export interface ThrowawayRequest {
  parentId: string
  parentLsn?: string
  parentTimestamp?: string
  /** A compute to connect to; omit for a branch only read through the API. */
  endpoint?: 'read_write'
  /** The longest the caller uses the branch, from its creation to its deletion. */
  useMs: number
  /** The branch's name, made by `name()` (an operation shows it in its plan); a fresh one when absent. */
  name?: string
}

/** Makes and deletes the throwaway branches of one step. */
export class Throwaways {
  private count = 0

  constructor(
    private readonly gateway: NeonGateway,
    private readonly context: Pick<RunContext, 'runId' | 'runAttempt'>,
    /** What the branches are for, in their names: `bisect`, `verify`. */
    private readonly purpose: string,
    private readonly clock: () => number = Date.now
  ) {}

  /** A new name: the run's prefix, the purpose, the attempt and a counter (unique within the step). */
  name(detail = ''): string {
    const { runId, runAttempt } = this.context
    return `${throwawayPrefix(runId)}${this.purpose}${detail ? `-${detail}` : ''}-${runAttempt}-${++this.count}`
  }

  /** Creates a branch named, annotated and expiring as every throwaway branch is, and waits until it is ready. */
  async create(request: ThrowawayRequest): Promise<Branch> {
    const { branch } = await this.gateway.branches.create({
      name: request.name ?? this.name(),
      parentId: request.parentId,
      parentLsn: request.parentLsn,
      parentTimestamp: request.parentTimestamp,
      endpoint: request.endpoint,
      expiresAt: expiryTime(this.clock(), lifetimeMs(request.useMs)),
      annotations: { [RUN_ANNOTATION]: this.context.runId }
    })
    return branch
  }

  /**
   * Restores a Neon snapshot into a new throwaway branch. Neon's snapshot restore takes only a name (spec:
   * SnapshotRestoreRequest), so the expiry is set right after it; annotations cannot be set on a branch after
   * its creation (spec: BranchUpdateRequest has none), so this branch is found by its name alone.
   */
  async fromSnapshot(snapshotId: string, request: { name?: string; useMs: number }): Promise<Branch> {
    const name = request.name ?? this.name()
    const branch = await this.gateway.snapshots.restore(snapshotId, { name, finalize: false })
    return this.gateway.branches.update(branch.id, { expiresAt: expiryTime(this.clock(), lifetimeMs(request.useMs)) })
  }

  /** Deletes the branch for good; a second try rides out a transient failure (gone counts as deleted). */
  async delete(branch: Branch): Promise<void> {
    try {
      await this.gateway.branches.delete(branch.id, { hard: true })
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 1000))
      await this.gateway.branches.delete(branch.id, { hard: true })
    }
  }
}

/**
 * Deletes every branch named with this run's prefix, children before parents; returns their names. Used by the
 * cancel handler and the post step. A branch that cannot be deleted does not stop the others: the error names
 * every one that is left.
 */
export async function sweepThrowaways(gateway: NeonGateway, runId: string): Promise<string[]> {
  const prefix = throwawayPrefix(runId)
  const leftovers = (await gateway.branches.list({ search: prefix })).filter((branch) => branch.name.startsWith(prefix))
  const deleted: string[] = []
  const failed: string[] = []
  for (const branch of childrenFirst(leftovers)) {
    try {
      await gateway.branches.delete(branch.id, { hard: true })
      deleted.push(branch.name)
    } catch (error) {
      failed.push(`${branch.name} (${branch.id}): ${(error as Error).message}`)
    }
  }
  if (failed.length > 0) {
    const done = deleted.length > 0 ? `; deleted ${deleted.join(', ')}` : ''
    const them = failed.length === 1 ? 'it' : 'them'
    throw new Error(
      `could not delete ${failed.length} ephemeral branch${failed.length === 1 ? '' : 'es'} of this run: ` +
        `${failed.join('; ')}${done}. Delete ${them} in the Neon console (names start with ${prefix}); ` +
        `otherwise Neon deletes ${them} when ${them === 'it' ? 'it expires' : 'they expire'}`
    )
  }
  return deleted
}

/**
 * sweepThrowaways in each project of the step (verify and prune take a comma list of project-id): every project is
 * tried even when one fails; the error then names each that failed.
 */
export async function sweepEachProject(
  gateway: NeonGateway,
  projectIds: readonly string[],
  runId: string
): Promise<string[]> {
  if (projectIds.length <= 1) return sweepThrowaways(gateway, runId)
  const deleted: string[] = []
  const failed: string[] = []
  for (const projectId of projectIds) {
    try {
      deleted.push(...(await sweepThrowaways(gateway.forProject(projectId), runId)))
    } catch (error) {
      failed.push(`project ${projectId}: ${(error as Error).message}`)
    }
  }
  if (failed.length > 0) throw new Error(failed.join('; '))
  return deleted
}

/**
 * How long a creation that a killed step had already sent may take to land at Neon. The post step of a step that
 * never ended looks again after it: a probe branch made just after the first look would otherwise be left.
 */
export const IN_FLIGHT_MS = 5000

/**
 * The post step's sweep. `ended` says the main step ended by itself (nothing of it can still be in flight):
 * one look is enough. Otherwise it was killed, and a second look after IN_FLIGHT_MS finds what landed late.
 */
export async function sweepAfterStep(
  gateway: NeonGateway,
  runId: string,
  {
    ended,
    projectIds = [gateway.projectId],
    sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))
  }: {
    ended: boolean
    /** Every project the step worked on (default: the gateway's). */
    projectIds?: readonly string[]
    sleep?: (ms: number) => Promise<void>
  }
): Promise<string[]> {
  const deleted = await sweepEachProject(gateway, projectIds, runId)
  if (ended) return deleted
  await sleep(IN_FLIGHT_MS)
  return [...deleted, ...(await sweepEachProject(gateway, projectIds, runId))]
}

/** Neon refuses to delete a branch that has children, so leaves go first. */
export function childrenFirst(branches: Branch[]): Branch[] {
  const depth = (branch: Branch): number => {
    const parent = branches.find((candidate) => candidate.id === branch.parent_id)
    return parent ? 1 + depth(parent) : 0
  }
  return [...branches].sort((a, b) => depth(b) - depth(a))
}
