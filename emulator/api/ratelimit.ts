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

interface Limit {
  capacity: number
  perMs: number
}

export const ACCOUNT_LIMIT: Limit = { capacity: 700, perMs: 700 / 60_000 }
export const ROUTE_LIMIT: Limit = { capacity: 40, perMs: 40 / 1000 }

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
  private readonly routes = new Map<string, Bucket>()

  constructor(private readonly now: () => number = Date.now) {
    this.account = new Bucket(ACCOUNT_LIMIT, now())
  }

  /** Takes a token for `route`; when either bucket is empty, takes none and returns the seconds to wait. */
  admit(route: string): number | undefined {
    const now = this.now()
    let bucket = this.routes.get(route)
    if (!bucket) this.routes.set(route, (bucket = new Bucket(ROUTE_LIMIT, now)))
    const wait = Math.max(this.account.wait(now), bucket.wait(now))
    if (wait > 0) return Math.max(1, Math.ceil(wait / 1000))
    this.account.take()
    bucket.take()
    return undefined
  }
}
