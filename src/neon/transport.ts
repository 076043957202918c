/**
 * The wire to the Neon API: the only place that holds the API client. Every request goes through `call()`,
 * which retries what is safe to retry (with backoff and Retry-After), refuses to repeat a change whose outcome
 * is unknown until it has looked the result up, stops sending changes once the step is cancelled, and turns a
 * final failure into a typed error (./errors.ts). It also waits for the operations Neon runs for a change.
 * It knows requests, not resources: those are in branches.ts, snapshots.ts, connections.ts and project.ts.
 */
import { createApiClient, type Api, type Operation as NeonOperation } from '@neondatabase/api-client'
import { CancelledError, type Cancellation } from '../cancel.js'
import {
  failureError,
  OperationFailedError,
  OperationTimeoutError,
  UnknownOutcomeError,
  type FailedRequest,
  type ResourceKind
} from './errors.js'

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

export interface TransportOptions {
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

export interface Call<T> {
  /** What the call does, for logs and errors: "create branch main-snapshot-1". */
  what: string
  mutation: boolean
  send: (api: Api<unknown>) => Promise<{ data: T }>
  /**
   * For mutations: finds the result when the request may or may not have been applied (connection lost after
   * sending). Returns undefined when it was not applied, so it is safe to send again.
   */
  lookup?: () => Promise<T | undefined>
  /** What a 404 to this request means: which project, branch, snapshot... is missing. */
  notFound: { kind: ResourceKind; asked?: string }
  /** Retry 404 a few times: Neon briefly answers 404 for a branch right after a restore. */
  retryNotFound?: boolean
  /** A deletion: still sent after the step was cancelled, since cleaning up is what cancelling asks for. */
  cleanup?: boolean
}

interface Failure {
  status?: number
  code?: string
  detail: string
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

export class Transport {
  readonly projectId: string
  readonly log: (message: string) => void
  private readonly api: Api<unknown>
  private readonly policy: RetryPolicy
  private readonly sleep: (ms: number) => Promise<void>
  private readonly random: () => number
  private readonly now: () => number
  private readonly operationTimeoutMs: number
  private readonly cancellation?: Cancellation
  /** Mutations on the wire: the request is sent and its answer has not come. */
  private readonly sending: Set<Promise<unknown>>

  /** `shared`: the client and the changes on the wire of the transport this one was made from (withProject). */
  constructor(
    private readonly options: TransportOptions,
    shared?: { api: Api<unknown>; sending: Set<Promise<unknown>> }
  ) {
    this.projectId = options.projectId
    this.api = shared?.api ?? createApiClient({ apiKey: options.apiKey, baseURL: options.apiHost, timeout: 60_000 })
    this.sending = shared?.sending ?? new Set()
    this.policy = { ...DEFAULT_RETRY, ...options.retry }
    this.log = options.log ?? (() => {})
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)))
    this.random = options.random ?? Math.random
    this.now = options.now ?? Date.now
    this.operationTimeoutMs = options.operationTimeoutMs ?? 10 * 60_000
    this.cancellation = options.cancellation
  }

  /**
   * The same wire to another project: one client, one cancellation, and one set of changes on the wire, so
   * `settle` on either waits for the changes of both.
   */
  withProject(projectId: string): Transport {
    return new Transport({ ...this.options, projectId }, { api: this.api, sending: this.sending })
  }

  /** Waits (at most `timeoutMs`) until no mutation is on the wire, so a branch list afterwards shows them all. */
  async settle(timeoutMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)))
    await Promise.race([Promise.allSettled([...this.sending]), timeout])
    clearTimeout(timer)
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
      const request = this.failedRequest(call, failure, attempt)

      if (failure.status !== undefined && RETRYABLE_STATUSES.has(failure.status) && canRetry) {
        const hinted = retryAfterMs(failure.retryAfter, this.now())
        await this.sleep(
          hinted === undefined
            ? backoffDelay(attempt, this.policy, this.random)
            : Math.min(hinted, this.policy.maxRetryAfterMs)
        )
        continue
      }
      if (failure.status === 404 && call.retryNotFound && attempt < this.policy.notFoundAttempts) {
        await this.sleep(backoffDelay(attempt, this.policy, this.random))
        continue
      }
      if (isConnectionFailure(failure)) {
        if (call.mutation && failure.maybeApplied) {
          if (!call.lookup) throw new UnknownOutcomeError(request)
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
      throw failureError(request, call.notFound)
    }
  }

  /** A read: retried freely, since sending it again changes nothing. */
  read<T>(what: string, notFound: Call<T>['notFound'], send: (api: Api<unknown>) => Promise<{ data: T }>): Promise<T> {
    return this.call({ what, mutation: false, notFound, send })
  }

  /** Polls each operation until finished or skipped; fails on failed, error or cancelled, or after the timeout. */
  async waitForOperations(operations: NeonOperation[] | undefined): Promise<void> {
    let pending = (operations ?? []).filter((operation) => !DONE_STATUSES.has(operation.status))
    const deadline = this.now() + this.operationTimeoutMs
    let interval = 200
    while (pending.length > 0) {
      const current = await Promise.all(pending.map((operation) => this.getOperation(operation.id)))
      const failed = current.find((operation) => FAILED_STATUSES.has(operation.status))
      if (failed) throw new OperationFailedError(failed)
      pending = current.filter((operation) => !DONE_STATUSES.has(operation.status))
      if (pending.length === 0) return
      if (this.now() >= deadline) throw new OperationTimeoutError(pending, this.operationTimeoutMs)
      await this.sleep(interval)
      interval = Math.min(interval * 1.5, 2000)
    }
  }

  /** The operations on a branch that are not finished yet (to wait for a change found by a look-up). */
  async pendingOperations(branchId: string): Promise<NeonOperation[]> {
    const data = await this.read('list operations', { kind: 'project' }, (api) =>
      api.listProjectOperations({ projectId: this.projectId })
    )
    return data.operations.filter(
      (operation) => operation.branch_id === branchId && !DONE_STATUSES.has(operation.status)
    )
  }

  private async getOperation(operationId: string): Promise<NeonOperation> {
    const data = await this.read(`get operation ${operationId}`, { kind: 'operation', asked: operationId }, (api) =>
      api.getProjectOperation(this.projectId, operationId)
    )
    return data.operation
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

  private failedRequest(call: Call<unknown>, failure: Failure, attempts: number): FailedRequest {
    const { status, code, detail } = failure
    return { what: call.what, projectId: this.projectId, status, code, detail, attempts }
  }
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
      detail: (typeof body.message === 'string' ? body.message : `HTTP ${response.status}`) + requestId,
      retryAfter: typeof retryAfter === 'string' ? retryAfter : undefined,
      // A gateway timeout or bad gateway may hide a request Neon did process.
      maybeApplied: response.status === 502 || response.status === 504
    }
  }
  const code = axiosError?.code
  return {
    code,
    detail: axiosError?.message ?? String(error),
    maybeApplied: !(code && NOT_SENT_CODES.has(code))
  }
}

function isConnectionFailure(failure: Failure): boolean {
  return failure.status === undefined || failure.status === 502 || failure.status === 504
}
