import { appendFileSync } from 'node:fs'
import path from 'node:path'

export interface RequestLogEntry {
  time: string
  method: string
  /** The URL path only; the query string, if any, is in `query`. */
  path: string
  /**
   * The query string without its `?`, when there was one: options such as `hard_delete=true` travel there, and
   * tests of clients assert on them.
   */
  query?: string
  /** HTTP status sent; 0 when a `drop` fault cut the connection instead. */
  status: number
  /** A call that asks for a change (POST, PATCH, PUT, DELETE) on the Neon API, whatever its outcome. */
  mutating: boolean
  durationMs: number
  fault?: string
}

/** Every request, in memory for in-process tests and as JSON lines in `<stateDir>/requests.jsonl` for others. */
export class RequestLog {
  private readonly entries: RequestLogEntry[] = []
  readonly file: string

  constructor(stateDir: string) {
    this.file = path.join(stateDir, 'requests.jsonl')
  }

  add(entry: RequestLogEntry): void {
    this.entries.push(entry)
    appendFileSync(this.file, JSON.stringify(entry) + '\n')
  }

  all(): RequestLogEntry[] {
    return [...this.entries]
  }
}
