/**
 * Probers: how bisect runs its check at one LSN. Over a time-travel connection (no branch, nothing to clean up),
 * or on a throwaway branch per probe (src/throwaway.ts), deleted in the background once the check answered.
 */
import pLimit, { type LimitFunction } from 'p-limit'
import { formatLsn, type Lsn } from '../../lsn.js'
import { BranchLimitError, type Branch, type NeonGateway } from '../../neon/index.js'
import {
  CheckTimeoutError,
  ConnectionError,
  LockTimeoutError,
  pastUri,
  runCheck,
  type CheckOutcome
} from '../../postgres/index.js'
import type { RunContext } from '../../run.js'
import { SETUP_MS, Throwaways } from '../../throwaway.js'
import type { BisectPlan } from './plan.js'

export interface Prober {
  probe(lsn: Lsn): Promise<CheckOutcome>
  /** Called once a round's verdicts narrowed the interval (the self-hosted prober moves its seed there). */
  afterRound?(interval: { good: Lsn; bad: Lsn }): Promise<void>
  /** Waits for every background cleanup; returns what could not be cleaned up. */
  drain(): Promise<string[]>
}

/** How long a time-travel probe waits for a lock before it asks a branch instead. */
const TIME_TRAVEL_LOCK_TIMEOUT_MS = 2000

export function proberFor(plan: BisectPlan, branches: Throwaways, gateway: NeonGateway, context: RunContext): Prober {
  return plan.settings.probe === 'branch'
    ? new BranchProber(plan, branches, gateway, context)
    : new TimeTravelProber(plan, branches, gateway, context)
}

/**
 * Probes over time-travel connections. A read-only instance at an LSN inside an uncommitted transaction that
 * took an exclusive lock (a DROP TABLE before its commit) keeps that lock forever; a branch there is promoted,
 * which ends that transaction, so such a probe is asked again on a branch.
 */
class TimeTravelProber implements Prober {
  private fallback?: BranchProber

  constructor(
    private readonly plan: BisectPlan,
    private readonly branches: Throwaways,
    private readonly gateway: NeonGateway,
    private readonly context: RunContext
  ) {}

  async probe(lsn: Lsn): Promise<CheckOutcome> {
    const { settings } = this.plan
    try {
      return await runCheck(pastUri(this.plan.timeline, lsn), settings.check, {
        timeoutMs: settings.checkTimeoutMs,
        lockTimeoutMs: TIME_TRAVEL_LOCK_TIMEOUT_MS
      })
    } catch (error) {
      if (!(error instanceof LockTimeoutError)) throw error
      this.context.info(
        `Probe at ${formatLsn(lsn)}: ${error.message}, held by a transaction not committed at this LSN; asking a branch instead`
      )
      this.fallback ??= new BranchProber(this.plan, this.branches, this.gateway, this.context)
      return this.fallback.probe(lsn)
    }
  }

  drain(): Promise<string[]> {
    return this.fallback?.drain() ?? Promise.resolve([])
  }
}

/**
 * Probes on throwaway branches, one a probe, each deleted in the background once its check has answered. A
 * probe holds its slot until its branch is deleted, so the slots count the branches this run has. When Neon
 * answers 422 BRANCHES_LIMIT_EXCEEDED, fewer probes run at once: as many as this run had branches then.
 */
class BranchProber implements Prober {
  private readonly slots: LimitFunction
  private readonly tasks = new Set<Promise<void>>()
  private readonly failures: string[] = []
  private warned = false

  constructor(
    private readonly plan: BisectPlan,
    private readonly branches: Throwaways,
    private readonly gateway: NeonGateway,
    private readonly context: RunContext
  ) {
    // The first wave also checks both bounds.
    this.slots = pLimit(plan.settings.parallelism + 2)
  }

  async probe(lsn: Lsn): Promise<CheckOutcome> {
    try {
      return await this.probeOnNewBranch(lsn)
    } catch (error) {
      // A compute that fails to start is the branch's problem, not the check's: one more try on a new branch.
      if (!(error instanceof ConnectionError) || error instanceof CheckTimeoutError) throw error
      this.context.info(`Probe at ${formatLsn(lsn)}: ${error.message}; trying once more on a new branch`)
      return this.probeOnNewBranch(lsn)
    }
  }

  /** Resolves with the check's outcome; the slot is given back only once the branch is deleted. */
  private probeOnNewBranch(lsn: Lsn): Promise<CheckOutcome> {
    return new Promise((resolve, reject) => {
      const attempt = async (): Promise<void> => {
        let branch: Branch | undefined
        try {
          branch = await this.create(lsn)
          if (branch) resolve(await this.check(branch))
          else this.schedule(attempt)
        } catch (error) {
          reject(error)
        } finally {
          if (branch) await this.branches.delete(branch).catch((error: Error) => this.cleanupFailed(branch!, error))
        }
      }
      this.schedule(attempt)
    })
  }

  /** Runs `work` in a slot; `drain()` waits for every such task. `work` never throws. */
  private schedule(work: () => Promise<void>): void {
    const task: Promise<void> = this.slots(work).finally(() => this.tasks.delete(task))
    this.tasks.add(task)
  }

  private cleanupFailed(branch: Branch, error: Error): void {
    this.failures.push(`${branch.name}: ${error.message}`)
  }

  /** The probe branch, or undefined when the branch limit was hit and the probe must wait for a slot. */
  private async create(lsn: Lsn): Promise<Branch | undefined> {
    try {
      return await this.branches.create({
        parentId: this.plan.timeline.branch.id,
        parentLsn: formatLsn(lsn),
        endpoint: 'read_write',
        useMs: SETUP_MS + this.plan.settings.checkTimeoutMs
      })
    } catch (error) {
      if (!(error instanceof BranchLimitError)) throw error
      this.shrink(error)
      return undefined
    }
  }

  private async check(branch: Branch): Promise<CheckOutcome> {
    const { database, role } = this.plan.connection
    // A probe branch's role has the parent's password, masked already; the URI differs only in its host.
    const uri = await this.gateway.connections.getUri({ branchId: branch.id, database, role })
    return runCheck(uri, this.plan.settings.check, { timeoutMs: this.plan.settings.checkTimeoutMs })
  }

  /** Runs as many probes at once as this run has other branches now (this probe's slot is one of the active). */
  private shrink(error: BranchLimitError): void {
    const others = this.slots.activeCount - 1
    if (others === 0) {
      throw new Error(
        `${error.message}. bisect with probe: branch needs at least one free branch slot; ` +
          'free one, or use probe: time-travel, which needs none'
      )
    }
    this.slots.concurrency = Math.max(1, others)
    if (this.warned) return
    this.warned = true
    this.context.warning(
      `The project's branch limit is reached: running at most ${this.slots.concurrency} probe branches at once ` +
        `instead of ${this.plan.settings.parallelism} (probe: time-travel needs no branch slots)`
    )
  }

  async drain(): Promise<string[]> {
    while (this.tasks.size > 0) await Promise.all([...this.tasks])
    return [...this.failures]
  }
}
