/**
 * Neon's API rate limits (api-docs.neon.tech/reference/api-rate-limiting): "Neon limits API requests to 700
 * requests per minute (about 11 per second), with bursts allowed up to 40 requests per second per route, per
 * account. If you exceed this, you'll receive an HTTP 429 Too Many Requests error."
 *
 * Read as two token buckets, both of which a request must pass: one for the account (700 tokens, refilled at
 * 700 a minute) and one per route, a method and path template such as `GET /projects/{project_id}/operations/
 * {operation_id}` (40 tokens, refilled at 40 a second). Docs unclear on the algorithm and on whether Neon sends
 * Retry-After: the emulator sends it, in whole seconds until a token is back (at least 1).
 */

/** The two limits; tests may lower them to meet a 429 at will (emulator option `rateLimits`). */
export interface RateLimits {
  /** Requests a minute for the account: Neon 700. */
  perMinute: number
  /** Burst of requests a second on one route: Neon 40. */
  perRoutePerSecond: number
}

export const NEON_RATE_LIMITS: RateLimits = { perMinute: 700, perRoutePerSecond: 40 }

interface Limit {
  capacity: number
  perMs: number
}

class Bucket {
  private tokens: number
  private last: number

  constructor(
    private readonly limit: Limit,
    now: number
  ) {
    this.tokens = limit.capacity
    this.last = now
  }

  /** Milliseconds until a token is there (0 when one is). */
  wait(now: number): number {
    this.tokens = Math.min(this.limit.capacity, this.tokens + (now - this.last) * this.limit.perMs)
    this.last = now
    return this.tokens >= 1 ? 0 : (1 - this.tokens) / this.limit.perMs
  }

  take(): void {
    this.tokens -= 1
  }
}

export class RateLimiter {
  private readonly account: Bucket
  private readonly routeLimit: Limit
  private readonly routes = new Map<string, Bucket>()

  constructor(
    limits: RateLimits = NEON_RATE_LIMITS,
    private readonly now: () => number = Date.now
  ) {
    this.account = new Bucket({ capacity: limits.perMinute, perMs: limits.perMinute / 60_000 }, now())
    this.routeLimit = { capacity: limits.perRoutePerSecond, perMs: limits.perRoutePerSecond / 1000 }
  }

  /** Takes a token for `route`; when either bucket is empty, takes none and returns the seconds to wait. */
  admit(route: string): number | undefined {
    const now = this.now()
    let bucket = this.routes.get(route)
    if (!bucket) this.routes.set(route, (bucket = new Bucket(this.routeLimit, now)))
    const wait = Math.max(this.account.wait(now), bucket.wait(now))
    if (wait > 0) return Math.max(1, Math.ceil(wait / 1000))
    this.account.take()
    bucket.take()
    return undefined
  }
}
