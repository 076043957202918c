import type { Clock } from './clock.js'
import * as ids from './ids.js'
import type { LatencyProfile } from './latency.js'
import type { OperationAction, OperationRecord, State } from './model.js'

export interface OperationRequest {
  action: OperationAction
  branchId?: string
  endpointId?: string
}

/** How many finished operations the state keeps (listing is paginated, so old ones only cost space). */
const KEEP = 1000
/** `slow` faults make operations take this many times longer. */
export const SLOW_FACTOR = 10

/**
 * Neon's mutations return operations that run after the HTTP response: here each one is `running` for its
 * profile's duration, one after the other, then `finished`. A branch with a running operation refuses mutations.
 */
export class Operations {
  private readonly timers = new Set<NodeJS.Timeout>()

  constructor(
    private readonly state: State,
    private readonly clock: Clock,
    private readonly latency: LatencyProfile,
    private readonly changed: () => void
  ) {}

  start(requests: OperationRequest[], slow = false): OperationRecord[] {
    const now = this.clock.iso()
    let finishAfter = 0
    const started = requests.map((request) => {
      const durationMs = this.latency.operationMs(request.action) * (slow ? SLOW_FACTOR : 1)
      const operation: OperationRecord = {
        id: ids.operationId(),
        ...request,
        status: 'running',
        createdAt: now,
        updatedAt: now,
        durationMs
      }
      finishAfter += durationMs
      this.schedule(operation, finishAfter)
      return operation
    })
    this.state.operations.push(...started)
    if (this.state.operations.length > KEEP) this.state.operations.splice(0, this.state.operations.length - KEEP)
    return started
  }

  /** Whether a branch has an operation still running (mutations on it answer 423 then). */
  busy(branchId: string): boolean {
    return this.state.operations.some((operation) => operation.status === 'running' && operation.branchId === branchId)
  }

  /** Whether a branch is still being created (its state reads `init`). */
  initializing(branchId: string): boolean {
    return this.state.operations.some(
      (operation) =>
        operation.status === 'running' &&
        operation.branchId === branchId &&
        (operation.action === 'create_branch' || operation.action === 'create_timeline')
    )
  }

  endpointStarting(endpointId: string): boolean {
    return this.state.operations.some(
      (operation) => operation.status === 'running' && operation.endpointId === endpointId
    )
  }

  /** After a restart nothing is in flight any more: what was running has finished. */
  settleAll(): void {
    for (const operation of this.state.operations) {
      if (operation.status === 'running') this.finish(operation)
    }
  }

  stop(): void {
    for (const timer of this.timers) clearTimeout(timer)
    this.timers.clear()
  }

  private schedule(operation: OperationRecord, afterMs: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer)
      this.finish(operation)
      this.changed()
    }, afterMs)
    this.timers.add(timer)
  }

  private finish(operation: OperationRecord): void {
    operation.status = 'finished'
    operation.updatedAt = this.clock.iso()
  }
}
