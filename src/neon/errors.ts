/**
 * What a failed Neon request means, as one error class per thing a caller may need to tell apart (a missing
 * branch, an ambiguous name, the branch limit, a bad key...), so no caller reads message text. The messages say
 * what happened in Neon's terms and name no input of the action: the operations add the input and its fix
 * (src/operations/explain.ts).
 */

/** What the transport knows of a request that failed, kept on the error for the layer that explains it. */
export interface FailedRequest {
  /** The request, as logs name it: "create branch main-snapshot-1". */
  what: string
  projectId: string
  /** Undefined when no HTTP answer came (network error). */
  status?: number
  /** Neon's error code, e.g. BRANCHES_LIMIT_EXCEEDED. */
  code?: string
  /** Neon's message with its request id, or the network error's message. */
  detail: string
  /** Tries made, the first included. */
  attempts: number
}

/** A Neon API failure. `status` and `code` are those of Neon's answer when there was one. */
export class NeonApiError extends Error {
  readonly status?: number
  readonly code?: string

  constructor(
    message: string,
    /** Absent for failures found without a failing request (a lookup with no match, a failed operation). */
    readonly request?: FailedRequest
  ) {
    super(message)
    this.name = new.target.name
    this.status = request?.status
    this.code = request?.code
  }
}

/** A request that failed for good: the error keeps what the transport knew of it. */
export class RequestError extends NeonApiError {
  declare readonly request: FailedRequest

  constructor(message: string, request: FailedRequest) {
    super(message, request)
  }
}

/** " after 6 attempts", or nothing for a single try. */
export function tries(request: FailedRequest): string {
  return request.attempts > 1 ? ` after ${request.attempts} attempts` : ''
}

/** No answer from Neon: DNS, refused connection, timeout or a dropped connection, on every try. */
export class UnreachableError extends RequestError {
  constructor(request: FailedRequest) {
    super(`${request.what}: could not reach Neon${tries(request)} (${request.detail})`, request)
  }
}

/** 401: the API key is not valid. */
export class UnauthorizedError extends RequestError {
  constructor(request: FailedRequest) {
    super(`${request.what}: Neon rejected the API key (401)`, request)
  }
}

/** 403: the key is valid, but may not do this in this project. */
export class ForbiddenError extends RequestError {
  constructor(request: FailedRequest) {
    super(
      `${request.what}: the API key may not do this in project ${request.projectId} (403: ${request.detail})`,
      request
    )
  }
}

export type ResourceKind = 'project' | 'branch' | 'default branch' | 'snapshot' | 'operation' | 'role' | 'organization'

/**
 * A project, branch, snapshot... that does not exist: a 404, or a lookup by id or name with no match.
 * `asked` is the id or name asked for (the project id for the project; absent for the default branch). Not
 * `name`, which an Error has already.
 */
export class NotFoundError extends NeonApiError {
  constructor(
    readonly kind: ResourceKind,
    readonly asked: string | undefined,
    readonly projectId: string,
    request?: FailedRequest
  ) {
    super(notFoundMessage(kind, asked, projectId), request)
  }
}

function notFoundMessage(kind: ResourceKind, asked: string | undefined, projectId: string): string {
  if (kind === 'project') return `project "${projectId}" was not found`
  if (kind === 'default branch') return `project ${projectId} has no default branch`
  return `${kind} "${asked}" was not found in project ${projectId}`
}

export interface Named {
  id: string
  name: string
}

/**
 * A name (`asked`) that does not say which branch or snapshot is meant: several have it (`matches`), or one
 * has it while another has it as its id (`idMatch`).
 */
export class AmbiguousError extends NeonApiError {
  constructor(
    readonly kind: 'branch' | 'snapshot',
    readonly asked: string,
    readonly matches: Named[],
    readonly idMatch?: Named
  ) {
    const plural = kind === 'branch' ? 'branches' : 'snapshots'
    super(
      idMatch
        ? `"${asked}" is the id of ${kind} ${idMatch.name} and the name of ${kind} ${matches[0].id}`
        : `"${asked}" names ${matches.length} ${plural} (${matches.map((match) => match.id).join(', ')})`
    )
  }
}

/** 422 BRANCHES_LIMIT_EXCEEDED: the project has as many branches as its plan allows. */
export class BranchLimitError extends RequestError {
  constructor(request: FailedRequest) {
    super(
      `${request.what}: project ${request.projectId} has reached its branch limit (${request.detail}); delete old branches`,
      request
    )
  }
}

/** 423, on every try: another operation holds the project. */
export class LockedError extends RequestError {
  constructor(request: FailedRequest) {
    super(
      `${request.what}: another operation is still running on this project${tries(request)} (423: ${request.detail}); ` +
        'wait for it to finish, or serialize these workflows with a concurrency group, and run again',
      request
    )
  }
}

/** 429, on every try. */
export class RateLimitedError extends RequestError {
  constructor(request: FailedRequest) {
    super(
      `${request.what}: Neon's rate limit was hit${tries(request)} (429); run again later or lower parallelism`,
      request
    )
  }
}

/** 5xx that retries did not get past. */
export class ServerError extends RequestError {
  constructor(request: FailedRequest) {
    super(
      `${request.what}: Neon answered ${request.status}${tries(request)} (${request.detail}); see neonstatus.com and run again later`,
      request
    )
  }
}

/** Any other 4xx: Neon read the request and will not do it (a bad parameter, a rule of Neon's). */
export class RefusedError extends RequestError {
  constructor(request: FailedRequest) {
    const code = request.code ? ` ${request.code}` : ''
    super(`${request.what}: Neon refused the request (${request.status}${code}: ${request.detail})`, request)
  }
}

/**
 * Neon refused a request of the Branch Recovery preview (spec: `include_deleted`, `hard_delete`,
 * recoverProjectBranch: "in preview and not available to all users"): the preview is not enabled for the project.
 * What Neon answers there is undocumented; any 4xx but 404, 423 and 429 is read so (see `refusesPreview`).
 */
export class BranchRecoveryUnavailableError extends RequestError {
  constructor(request: FailedRequest) {
    super(
      `${request.what}: Neon refused branch recovery in project ${request.projectId} (${request.status}: ` +
        `${request.detail}); branch recovery is a preview that is not enabled for this project`,
      request
    )
  }
}

/**
 * Whether Neon's answer refuses a parameter or call of the Branch Recovery preview rather than the request: any
 * 4xx (404 is a NotFoundError, not a RequestError: the branch is gone), except 401 (the key, not the preview),
 * and 423 and 429 (transient, already retried, no verdict on the preview).
 */
export function refusesPreview(error: unknown): error is RequestError {
  if (!(error instanceof RequestError) || error.status === undefined) return false
  if (error instanceof LockedError || error instanceof RateLimitedError || error instanceof UnauthorizedError)
    return false
  return error.status >= 400 && error.status < 500
}

/** A change sent, then the connection lost, and no way to look up whether Neon applied it. */
export class UnknownOutcomeError extends RequestError {
  constructor(request: FailedRequest) {
    super(
      `${request.what}: the connection to Neon failed after the request was sent (${request.detail}), so it may or ` +
        'may not have been applied; check the project in the Neon console before running again',
      request
    )
  }
}

/** An operation Neon ran for a change ended failed, error or cancelled. */
export class OperationFailedError extends NeonApiError {
  constructor(readonly operation: { id: string; action: string; status: string; error?: string }) {
    super(
      `Neon operation ${operation.action} (${operation.id}) ${operation.status}${operation.error ? `: ${operation.error}` : ''}; ` +
        'nothing further was changed, check the branch in the Neon console before running again'
    )
  }
}

/** Operations still running when the wait for them ended. */
export class OperationTimeoutError extends NeonApiError {
  constructor(
    readonly pending: { id: string; action: string; status: string }[],
    timeoutMs: number
  ) {
    const names = pending.map((operation) => `${operation.action} (${operation.id}, ${operation.status})`)
    super(
      `Neon operations still running after ${Math.round(timeoutMs / 1000)} s: ${names.join(', ')}; ` +
        'check the project in the Neon console, then run again'
    )
  }
}

/**
 * The error for a request that failed for good (retries, if any, are over). `notFound` says what a 404 means
 * for this request.
 */
export function failureError(request: FailedRequest, notFound: { kind: ResourceKind; asked?: string }): NeonApiError {
  const { status, code } = request
  if (status === undefined) return new UnreachableError(request)
  if (status === 401) return new UnauthorizedError(request)
  if (status === 403) return new ForbiddenError(request)
  if (status === 404) return new NotFoundError(notFound.kind, notFound.asked, request.projectId, request)
  if (code === 'BRANCHES_LIMIT_EXCEEDED') return new BranchLimitError(request)
  if (status === 423) return new LockedError(request)
  if (status === 429) return new RateLimitedError(request)
  if (status >= 500) return new ServerError(request)
  return new RefusedError(request)
}
