/**
 * The HTTP front of the emulator: `/api/v2` with Bearer auth, fault injection, latency, spec validation and a
 * request log, in front of the routes. Node's `http` only: the API is small.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Clock } from './clock.js'
import { ApiError, locked } from './errors.js'
import type { FaultInjector } from './faults.js'
import * as ids from './ids.js'
import type { LatencyProfile } from './latency.js'
import type { RateLimiter } from './ratelimit.js'
import type { RequestLog } from './requestlog.js'
import { matchRoute, type Route } from './routes.js'
import type { SpecValidator } from './spec.js'

export const API_PREFIX = '/api/v2'
/** Emulator controls (not Neon API) live under this prefix: never faulted, rate limited or logged as mutating. */
const CONTROL_PREFIX = '/_emulator/'
const CLOCK_ROUTE = '/_emulator/clock'
/** Bodies beyond this are refused: no API call the emulator serves needs more. */
const MAX_BODY_BYTES = 1 << 20

export interface ServerOptions {
  apiKey: string
  /** The routes a request path may match: each project has its own (emulator/projects.ts starts them lazily). */
  routes: (path: string) => Route[] | Promise<Route[]>
  /** Test-only controls under `/_emulator/` besides the clock (routes.ts `buildControlRoutes`). */
  controlRoutes: Route[]
  clock: Clock
  faults: FaultInjector
  latency: LatencyProfile
  requestLog: RequestLog
  /** Neon's rate limits, when the emulator enforces them (option `rateLimits`). */
  rateLimiter?: RateLimiter
  /** Set when requests and responses are checked against the OpenAPI spec. */
  spec?: SpecValidator
  violation: (message: string) => void
  /** Called after the clock moved (expiry must be looked at again). */
  clockMoved: () => Promise<void>
  log: (message: string) => void
}

interface Answer {
  status: number
  body?: unknown
  headers?: Record<string, string>
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

function errorAnswer(status: number, message: string, requestId: string, code = ''): Answer {
  return { status, body: { request_id: requestId, code, message } }
}

async function readBody(request: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request) {
    size += (chunk as Buffer).length
    if (size > MAX_BODY_BYTES) throw new ApiError(413, 'request body too large')
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks).toString('utf8')
}

export class ApiServer {
  private readonly server: http.Server

  constructor(private readonly options: ServerOptions) {
    this.server = http.createServer((request, response) => {
      this.handle(request, response).catch((error: unknown) => {
        options.log(`request handling failed: ${(error as Error).stack ?? String(error)}`)
        if (!response.headersSent) response.writeHead(500).end()
      })
    })
    // Clients keep connections alive; do not let idle ones delay stop().
    this.server.keepAliveTimeout = 1000
  }

  async listen(port = 0): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject)
      this.server.listen(port, '127.0.0.1', () => resolve())
    })
    return (this.server.address() as AddressInfo).port
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve())
      this.server.closeAllConnections()
    })
  }

  private async handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const started = Date.now()
    const method = request.method ?? 'GET'
    const url = new URL(request.url ?? '/', 'http://localhost')
    const fullPath = url.pathname
    const path = fullPath.startsWith(API_PREFIX) ? fullPath.slice(API_PREFIX.length) || '/' : undefined
    const requestId = (request.headers['x-request-id'] as string | undefined) ?? ids.requestId()
    const admin = path?.startsWith(CONTROL_PREFIX) ?? false
    const mutating = !admin && !['GET', 'HEAD', 'OPTIONS'].includes(method)
    let fault: string | undefined
    let dropped = false
    let answer: Answer

    try {
      const text = await readBody(request)
      let body: unknown
      if (text.trim() !== '') {
        try {
          body = JSON.parse(text)
        } catch {
          throw new ApiError(400, 'request body is not valid JSON')
        }
      }
      if (request.headers.authorization !== `Bearer ${this.options.apiKey}`) {
        answer = errorAnswer(401, 'authorization failed', requestId)
      } else if (path === undefined) {
        answer = errorAnswer(404, 'not found', requestId)
      } else if (admin) {
        answer = await this.controlRoute(method, path!, url.searchParams, body, requestId)
      } else {
        const decision = this.options.faults.decide(mutating)
        if (this.options.latency.requestMs) await sleep(this.options.latency.requestMs)
        const match = matchRoute(await this.options.routes(path), method, path)
        if (match && this.options.spec && mutating) {
          for (const message of this.options.spec.validateRequest(method, path, body)) this.options.violation(message)
        }
        const retryAfter = this.options.rateLimiter?.admit(`${method} ${match?.route.template ?? path}`)
        if (retryAfter !== undefined) {
          fault = 'rate-limit'
          answer = {
            ...errorAnswer(429, 'too many requests', requestId),
            headers: { 'Retry-After': String(retryAfter) }
          }
        } else if (decision.status) {
          fault = String(decision.status)
          answer = this.faultAnswer(decision.status, requestId)
        } else if (!match) {
          answer = errorAnswer(404, 'not found', requestId)
        } else {
          if (decision.slow) fault = 'slow'
          answer = await this.run(match.route, match.params, url.searchParams, body, decision.slow, requestId)
          if (decision.drop) {
            fault = 'drop'
            dropped = true
          }
        }
      }
    } catch (error) {
      answer = this.errorToAnswer(error, requestId)
    }

    if (dropped) {
      // The mutation is applied; the client never learns it.
      request.socket.destroy()
    } else {
      const payload = answer.body === undefined ? '' : JSON.stringify(answer.body)
      response.writeHead(answer.status, {
        ...(payload ? { 'Content-Type': 'application/json' } : {}),
        'X-Request-ID': requestId,
        ...answer.headers
      })
      response.end(payload)
      if (this.options.spec && path !== undefined && !admin && this.options.spec.operationFor(method, path)) {
        for (const message of this.options.spec.validateResponse(method, path, answer.status, answer.body)) {
          this.options.violation(`${method} ${fullPath}: ${message}`)
        }
      }
    }
    this.options.requestLog.add({
      time: new Date(started).toISOString(),
      method,
      path: fullPath,
      ...(url.search ? { query: url.search.slice(1) } : {}),
      status: dropped ? 0 : answer.status,
      mutating,
      durationMs: Date.now() - started,
      ...(fault ? { fault } : {})
    })
  }

  private async run(
    route: Route,
    params: Record<string, string>,
    query: URLSearchParams,
    body: unknown,
    slow: boolean,
    requestId: string
  ): Promise<Answer> {
    try {
      return await route.handler({ params, query, body, slow })
    } catch (error) {
      return this.errorToAnswer(error, requestId)
    }
  }

  private faultAnswer(status: 423 | 429 | 503, requestId: string): Answer {
    if (status === 423) return errorAnswer(423, locked().message, requestId)
    if (status === 429) {
      return { ...errorAnswer(429, 'too many requests', requestId), headers: { 'Retry-After': '1' } }
    }
    return errorAnswer(503, 'service temporarily unavailable', requestId)
  }

  private errorToAnswer(error: unknown, requestId: string): Answer {
    if (error instanceof ApiError) return errorAnswer(error.status, error.message, requestId, error.code)
    this.options.log(`internal error: ${(error as Error).stack ?? String(error)}`)
    return errorAnswer(500, `internal error: ${(error as Error).message}`, requestId)
  }

  /** The clock, or another control route; an unknown one answers 404. */
  private async controlRoute(
    method: string,
    path: string,
    query: URLSearchParams,
    body: unknown,
    requestId: string
  ): Promise<Answer> {
    if (path === CLOCK_ROUTE) return this.clockRoute(method, body, requestId)
    const match = matchRoute(this.options.controlRoutes, method, path)
    if (!match) return errorAnswer(404, 'not found', requestId)
    return this.run(match.route, match.params, query, body, false, requestId)
  }

  /** `POST /api/v2/_emulator/clock {"offset_ms": N}` moves the clock; GET reads it. Never faulted. */
  private async clockRoute(method: string, body: unknown, requestId: string): Promise<Answer> {
    const clock = this.options.clock
    if (method === 'POST') {
      const offset = (body as { offset_ms?: unknown } | undefined)?.offset_ms
      if (typeof offset !== 'number' || !Number.isFinite(offset)) {
        return errorAnswer(400, 'offset_ms must be a number of milliseconds', requestId)
      }
      clock.setOffset(offset)
      this.options.log(`clock offset set to ${offset} ms`)
      await this.options.clockMoved()
    } else if (method !== 'GET') {
      return errorAnswer(405, 'method not allowed', requestId)
    }
    return { status: 200, body: { offset_ms: clock.offset(), now: clock.now().toISOString() } }
  }
}
