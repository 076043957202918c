/**
 * The one way the action connects to Postgres: the only `new pg.Client`, one connect-timeout policy, one retry
 * policy for connections that may work when tried again, the error guard every client needs, and ConnectError,
 * which names what it tried to reach but never the password.
 */
import pg from 'pg'
import { timeTravelPoint } from './time-travel.js'

export type Client = pg.Client

/** A running compute, or one woken from suspend, answers well within this. */
const CONNECT_TIMEOUT_MS = 30_000
/** Neon starts a compute for a time-travel connection when it connects: a cold start may take longer. */
const TIME_TRAVEL_CONNECT_TIMEOUT_MS = 60_000
/** SQLSTATEs of a connection that may work when tried again: connection exceptions, shutdown, overload. */
const RETRYABLE_STATES = /^(08...|57P01|57P02|57P03|53300|53400)$/
const RETRYABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND'])

/** No answer came from the database: no connection, a lost one, or a statement cancelled at its timeout. */
export class ConnectionError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'ConnectionError'
  }
}

/** The connection could not be made, after `attempts` tries. `code` is the SQLSTATE or errno, when there was one. */
export class ConnectError extends ConnectionError {
  readonly code?: string

  constructor(
    /** What it tried to reach, as describeDestination writes it. */
    readonly destination: string,
    cause: Error & { code?: string },
    readonly attempts: number
  ) {
    const tries = attempts > 1 ? ` after ${attempts} attempts` : ''
    super(`could not connect to ${destination}${tries}: ${cause.message}`, { cause })
    this.name = 'ConnectError'
    this.code = cause.code
  }
}

export interface ConnectOptions {
  /** Tries of a connection that fails in a way that may pass (refused, reset, compute starting); default 4. */
  attempts?: number
  /** The wait before the second try, doubled before each further one; default 250 ms. */
  retryDelayMs?: number
}

/** Whether an error's SQLSTATE or errno says the same connection may work when tried again. */
export function mayPass(code: string | undefined): boolean {
  return code !== undefined && (RETRYABLE_STATES.test(code) || RETRYABLE_CODES.has(code))
}

/** The connect timeout: longer for a time-travel URI, whose compute may be starting for this very connection. */
export function connectTimeoutMs(uri: string): number {
  return timeTravelPoint(uri) ? TIME_TRAVEL_CONNECT_TIMEOUT_MS : CONNECT_TIMEOUT_MS
}

/** `role@host:port/database`, and the point of a time-travel URI: what a connection reaches, with no password. */
export function describeDestination(uri: string): string {
  const url = new URL(uri)
  const point = timeTravelPoint(uri)
  const at = point === undefined ? '' : ` at ${'lsn' in point ? `LSN ${point.lsn}` : point.timestamp}`
  return `${decodeURIComponent(url.username)}@${url.host}${decodeURIComponent(url.pathname)}${at}`
}

/** A connected client. Throws ConnectError once the tries are used up or the failure will not pass. */
export async function connect(uri: string, options: ConnectOptions = {}): Promise<Client> {
  const attempts = options.attempts ?? 4
  for (let attempt = 1; ; attempt++) {
    const client = new pg.Client({ connectionString: uri, connectionTimeoutMillis: connectTimeoutMs(uri) })
    // A connection dropped while idle must not crash the process; the query in flight reports it.
    client.on('error', () => undefined)
    try {
      await client.connect()
      return client
    } catch (error) {
      await client.end().catch(() => undefined)
      const failure = error as Error & { code?: string }
      if (!mayPass(failure.code) || attempt >= attempts)
        throw new ConnectError(describeDestination(uri), failure, attempt)
      await new Promise((resolve) => setTimeout(resolve, (options.retryDelayMs ?? 250) * 2 ** (attempt - 1)))
    }
  }
}

/** Runs `work` on a new connection and closes it, whatever `work` did. */
export async function withClient<T>(
  uri: string,
  work: (client: Client) => Promise<T>,
  options?: ConnectOptions
): Promise<T> {
  const client = await connect(uri, options)
  try {
    return await work(client)
  } finally {
    await client.end().catch(() => undefined)
  }
}
