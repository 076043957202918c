/** Shared by the emulator API tests: a started emulator, its API client, and small waits. */
import { createApiClient, type Operation } from '@neondatabase/api-client'
import pg from 'pg'
import { startEmulator, type Emulator, type EmulatorOptions } from '../../emulator/index.js'

export type Api = ReturnType<typeof createApiClient>

export interface Harness {
  emulator: Emulator
  api: Api
  projectId: string
}

export async function startHarness(options: EmulatorOptions = {}): Promise<Harness> {
  const emulator = await startEmulator({ validate: true, log: () => undefined, ...options })
  const api = createApiClient({ apiKey: emulator.info.apiKey, baseURL: emulator.info.apiHost })
  return { emulator, api, projectId: emulator.info.projectId }
}

/** The HTTP status and Neon error body of a rejected client call. */
export async function failure(
  call: Promise<unknown>
): Promise<{ status: number; code?: string; message?: string; headers: Record<string, string> }> {
  try {
    await call
  } catch (error) {
    const response = (
      error as {
        response?: { status: number; data?: { code?: string; message?: string }; headers: Record<string, string> }
      }
    ).response
    if (!response) throw error
    return {
      status: response.status,
      code: response.data?.code,
      message: response.data?.message,
      headers: response.headers
    }
  }
  throw new Error('expected the call to fail')
}

/** Polls operations until every one is finished, as a Neon client must before using a result. */
export async function waitForOperations(harness: Harness, operations: Operation[], timeoutMs = 20000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (const operation of operations) {
    for (;;) {
      const { data } = await harness.api.getProjectOperation(harness.projectId, operation.id)
      if (data.operation.status === 'finished') break
      if (Date.now() > deadline) throw new Error(`operation ${operation.id} still ${data.operation.status}`)
      await new Promise((resolve) => setTimeout(resolve, 25))
    }
  }
}

/** Runs SQL on a connection string and returns the rows. */
export async function query<T extends Record<string, unknown> = Record<string, unknown>>(
  uri: string,
  sql: string,
  params: unknown[] = []
): Promise<T[]> {
  const client = new pg.Client({ connectionString: uri })
  // A restore or a fault may cut the connection while idle: that must not crash the test process.
  client.on('error', () => undefined)
  await client.connect()
  try {
    return (await client.query<T>(sql, params)).rows
  } finally {
    await client.end().catch(() => undefined)
  }
}

export async function currentLsn(uri: string): Promise<string> {
  const [row] = await query<{ lsn: string }>(uri, 'SELECT pg_current_wal_lsn()::text AS lsn')
  return row.lsn
}
