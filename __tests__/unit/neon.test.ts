import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Cancellation, CancelledError } from '../../src/cancel.js'
import { backoffDelay, DEFAULT_RETRY, NeonGateway, retryAfterMs } from '../../src/neon.js'

type Reply = (request: IncomingMessage, response: ServerResponse) => void

const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Reply =>
  (_, response) => {
    response.writeHead(status, { 'content-type': 'application/json', ...headers })
    response.end(JSON.stringify(body))
  }
/** Reads the request, then drops the connection: the client cannot know whether it was applied. */
const hangUp: Reply = (request) => {
  request.resume()
  request.on('end', () => request.socket.destroy())
}

const branch = (id: string, name: string, extra: object = {}) => ({
  id,
  name,
  project_id: 'p1',
  default: false,
  ...extra
})
const operation = (id: string, status: string) => ({ id, project_id: 'p1', action: 'create_branch', status })

/** A local HTTP server answering each route from a script, in order; the last reply repeats. */
class ScriptedNeon {
  readonly requests: string[] = []
  readonly authorizations: (string | undefined)[] = []
  private readonly scripts = new Map<string, Reply[]>()
  private server!: Server

  on(route: string, ...replies: Reply[]): this {
    this.scripts.set(route, replies)
    return this
  }

  count(route: string): number {
    return this.requests.filter((request) => request === route).length
  }

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      const route = `${request.method} ${request.url!.split('?')[0]}`
      this.requests.push(route)
      this.authorizations.push(request.headers.authorization)
      const script = this.scripts.get(route)
      if (!script) return json(599, { message: `no script for ${route}` })(request, response)
      const reply = script.length > 1 ? script.shift()! : script[0]
      reply(request, response)
    })
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve))
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api/v2`
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()))
  }
}

let neon: ScriptedNeon
let sleeps: number[]
let logs: string[]
let gateway: NeonGateway
let apiHost: string

beforeEach(async () => {
  neon = new ScriptedNeon()
  apiHost = await neon.start()
  sleeps = []
  logs = []
  gateway = new NeonGateway({
    apiKey: 'napi_secret_key',
    apiHost,
    projectId: 'p1',
    log: (message) => logs.push(message),
    sleep: async (ms) => {
      sleeps.push(ms)
    },
    random: () => 0.5,
    operationTimeoutMs: 5000
  })
})

afterEach(() => neon.stop())

describe('retry policy helpers', () => {
  it('backs off exponentially with jitter between half and all of the ceiling, capped', () => {
    expect(backoffDelay(1, DEFAULT_RETRY, () => 0)).toBe(250)
    expect(backoffDelay(1, DEFAULT_RETRY, () => 1)).toBe(500)
    expect(backoffDelay(3, DEFAULT_RETRY, () => 0.5)).toBe(1500)
    expect(backoffDelay(20, DEFAULT_RETRY, () => 1)).toBe(20_000)
  })

  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2026-11-24T06:00:00Z')
    expect(retryAfterMs('7', now)).toBe(7000)
    expect(retryAfterMs('Tue, 24 Nov 2026 06:00:03 GMT', now)).toBe(3000)
    expect(retryAfterMs(undefined, now)).toBeUndefined()
    expect(retryAfterMs('soon', now)).toBeUndefined()
  })
})

describe('NeonGateway.call', () => {
  it('retries 423 and 503 with backoff and sends the key only as a bearer header', async () => {
    neon.on(
      'GET /api/v2/projects/p1',
      json(423, { code: 'LOCKED', message: 'project already has running conflicting operations' }),
      json(503, { message: 'unavailable' }),
      json(200, { project: { id: 'p1', name: 'shop' } })
    )
    await expect(gateway.getProject()).resolves.toMatchObject({ id: 'p1' })
    expect(neon.count('GET /api/v2/projects/p1')).toBe(3)
    expect(sleeps).toEqual([375, 750])
    expect(neon.authorizations).toEqual(Array(3).fill('Bearer napi_secret_key'))
    expect(logs.join('\n')).not.toContain('napi_secret_key')
    expect(logs).toHaveLength(3)
  })

  it('honours Retry-After on 429, capped', async () => {
    neon.on(
      'GET /api/v2/projects/p1',
      json(429, { message: 'slow down' }, { 'retry-after': '7' }),
      json(429, { message: 'slow down' }, { 'retry-after': '3600' }),
      json(200, { project: { id: 'p1' } })
    )
    await gateway.getProject()
    expect(sleeps).toEqual([7000, DEFAULT_RETRY.maxRetryAfterMs])
  })

  it('gives up after the attempt limit with a message that says what to do', async () => {
    neon.on('GET /api/v2/projects/p1', json(423, { message: 'conflicting operations' }))
    const failure = gateway.getProject()
    await expect(failure).rejects.toThrow(
      'get project p1: another operation is still running on this project after 6 attempts (423: conflicting operations); wait for it to finish'
    )
    expect(neon.count('GET /api/v2/projects/p1')).toBe(DEFAULT_RETRY.attempts)
  })

  it('retries a read whose connection dropped', async () => {
    neon.on('GET /api/v2/projects/p1', hangUp, json(200, { project: { id: 'p1' } }))
    await expect(gateway.getProject()).resolves.toMatchObject({ id: 'p1' })
    expect(neon.count('GET /api/v2/projects/p1')).toBe(2)
  })

  it('does not retry 401 and points at the api-key', async () => {
    neon.on('GET /api/v2/projects/p1', json(401, { message: 'authentication required' }))
    await expect(gateway.getProject()).rejects.toThrow('Neon rejected the api-key (401): check that the secret holds')
    expect(neon.count('GET /api/v2/projects/p1')).toBe(1)
  })

  it('names project-id when the project is not found', async () => {
    neon.on('GET /api/v2/projects/p1', json(404, { message: 'not found' }))
    await expect(gateway.getProject()).rejects.toThrow('project-id: project "p1" was not found (check project-id')
    expect(neon.count('GET /api/v2/projects/p1')).toBe(1)
  })

  it('retries a 404 right after a restore, but not otherwise', async () => {
    neon.on(
      'GET /api/v2/projects/p1/branches/br-1',
      json(404, { message: 'not found' }),
      json(404, { message: 'not found' }),
      json(200, { branch: branch('br-1', 'main') })
    )
    await expect(gateway.getBranch('br-1', { afterRestore: true })).resolves.toMatchObject({ id: 'br-1' })
    expect(neon.count('GET /api/v2/projects/p1/branches/br-1')).toBe(3)

    neon.on('GET /api/v2/projects/p1/branches/br-2', json(404, { message: 'not found' }))
    await expect(gateway.getBranch('br-2')).rejects.toMatchObject({ status: 404 })
    expect(neon.count('GET /api/v2/projects/p1/branches/br-2')).toBe(1)
  })

  it('explains the branch limit', async () => {
    neon.on(
      'POST /api/v2/projects/p1/branches',
      json(422, { code: 'BRANCHES_LIMIT_EXCEEDED', message: 'branches limit exceeded' })
    )
    await expect(gateway.createBranch({ name: 'snap', parentId: 'br-main' })).rejects.toThrow(
      'create branch snap: project p1 has reached its branch limit (branches limit exceeded); delete old branches, or run this action with operation: prune'
    )
    expect(neon.count('POST /api/v2/projects/p1/branches')).toBe(1)
  })

  it('does not retry a rejected mutation', async () => {
    neon.on('POST /api/v2/projects/p1/branches', json(400, { code: 'BAD_REQUEST', message: 'parent_lsn is invalid' }))
    await expect(gateway.createBranch({ name: 'snap', parentId: 'br-main' })).rejects.toThrow(
      'create branch snap: Neon refused the request (400 BAD_REQUEST: parent_lsn is invalid)'
    )
    expect(neon.count('POST /api/v2/projects/p1/branches')).toBe(1)
  })
})

describe('mutations whose outcome is unknown', () => {
  it('looks the branch up after a dropped connection and uses it instead of creating a second', async () => {
    neon
      .on('POST /api/v2/projects/p1/branches', hangUp)
      .on('GET /api/v2/projects/p1/branches', json(200, { branches: [branch('br-new', 'snap')] }))
      .on('GET /api/v2/projects/p1/branches/br-new/endpoints', json(200, { endpoints: [] }))
      .on(
        'GET /api/v2/projects/p1/operations',
        json(200, {
          operations: [
            { ...operation('op1', 'running'), branch_id: 'br-new' },
            { ...operation('op2', 'running'), branch_id: 'br-other' }
          ]
        })
      )
      .on('GET /api/v2/projects/p1/operations/op1', json(200, { operation: operation('op1', 'finished') }))
    const created = await gateway.createBranch({ name: 'snap', parentId: 'br-main' })
    expect(created.branch.id).toBe('br-new')
    expect(neon.count('POST /api/v2/projects/p1/branches')).toBe(1)
    // Found by the look-up, it is used only once its own operations are done (as if the answer had come).
    expect(neon.count('GET /api/v2/projects/p1/operations/op1')).toBe(1)
    expect(neon.count('GET /api/v2/projects/p1/operations/op2')).toBe(0)
  })

  it('after a dropped snapshot restore with finalize, does not take the target (same name) for the result', async () => {
    neon
      .on(
        'POST /api/v2/projects/p1/snapshots/snap-1/restore',
        hangUp,
        json(201, { branch: branch('br-restored', 'shop'), operations: [] })
      )
      // Not applied: the only branch named shop is the target itself.
      .on('GET /api/v2/projects/p1/branches', json(200, { branches: [branch('br-shop', 'shop')] }))
    const restored = await gateway.restoreSnapshot('snap-1', {
      name: 'shop',
      targetBranchId: 'br-shop',
      finalize: true
    })
    expect(restored.id).toBe('br-restored')
    expect(neon.count('POST /api/v2/projects/p1/snapshots/snap-1/restore')).toBe(2)
  })

  it('sends again when the lookup shows nothing was created', async () => {
    neon
      .on(
        'POST /api/v2/projects/p1/branches',
        hangUp,
        json(201, { branch: branch('br-new', 'snap'), endpoints: [], operations: [operation('op1', 'finished')] })
      )
      .on('GET /api/v2/projects/p1/branches', json(200, { branches: [branch('br-other', 'snap-old')] }))
    const created = await gateway.createBranch({ name: 'snap', parentId: 'br-main' })
    expect(created.branch.id).toBe('br-new')
    expect(neon.count('POST /api/v2/projects/p1/branches')).toBe(2)
  })

  it('refuses to repeat a restore without a backup name to look for', async () => {
    neon.on('POST /api/v2/projects/p1/branches/br-1/restore', hangUp)
    await expect(gateway.restoreBranch('br-1', { sourceBranchId: 'br-2' })).rejects.toThrow(
      'restore branch br-1: the connection to Neon failed after the request was sent'
    )
    expect(neon.count('POST /api/v2/projects/p1/branches/br-1/restore')).toBe(1)
  })

  it('treats a branch that is gone after a dropped delete as deleted', async () => {
    neon
      .on('DELETE /api/v2/projects/p1/branches/br-1', hangUp)
      .on('GET /api/v2/projects/p1/branches/br-1', json(404, { message: 'not found' }))
    await expect(gateway.deleteBranch('br-1')).resolves.toBeUndefined()
    expect(neon.count('DELETE /api/v2/projects/p1/branches/br-1')).toBe(1)
  })

  it('retries a request that never left the machine', async () => {
    const unreachable = new NeonGateway({
      apiKey: 'k',
      apiHost: 'http://127.0.0.1:1/api/v2',
      projectId: 'p1',
      sleep: async (ms) => {
        sleeps.push(ms)
      },
      retry: { attempts: 3 }
    })
    await expect(unreachable.createBranch({ name: 'x', parentId: 'br-main' })).rejects.toThrow(
      'create branch x: could not reach Neon after 3 attempts'
    )
    expect(sleeps).toHaveLength(2)
  })
})

describe('waitForOperations', () => {
  it('polls until every operation is finished or skipped', async () => {
    neon
      .on(
        'GET /api/v2/projects/p1/operations/op1',
        json(200, { operation: operation('op1', 'running') }),
        json(200, { operation: operation('op1', 'finished') })
      )
      .on('GET /api/v2/projects/p1/operations/op2', json(200, { operation: operation('op2', 'skipped') }))
    await gateway.waitForOperations([
      operation('op1', 'scheduling'),
      operation('op2', 'running'),
      operation('op3', 'finished')
    ] as never)
    expect(neon.count('GET /api/v2/projects/p1/operations/op1')).toBe(2)
    expect(neon.count('GET /api/v2/projects/p1/operations/op2')).toBe(1)
    expect(neon.requests).not.toContain('GET /api/v2/projects/p1/operations/op3')
  })

  it('fails on a failed operation with its error', async () => {
    neon.on(
      'GET /api/v2/projects/p1/operations/op1',
      json(200, { operation: { ...operation('op1', 'failed'), error: 'disk full' } })
    )
    await expect(gateway.waitForOperations([operation('op1', 'running')] as never)).rejects.toThrow(
      'Neon operation create_branch (op1) failed: disk full'
    )
  })

  it('gives up after the timeout', async () => {
    let clock = 0
    const slow = new NeonGateway({
      apiKey: 'k',
      apiHost,
      projectId: 'p1',
      now: () => clock,
      sleep: async (ms) => {
        clock += ms
      },
      operationTimeoutMs: 3000
    })
    neon.on('GET /api/v2/projects/p1/operations/op1', json(200, { operation: operation('op1', 'running') }))
    await expect(slow.waitForOperations([operation('op1', 'running')] as never)).rejects.toThrow(
      'Neon operations still running after 3 s: create_branch (op1, running)'
    )
    expect(clock).toBeGreaterThanOrEqual(3000)
    expect(clock).toBeLessThan(6000)
  })
})

describe('findBranch', () => {
  it('finds by exact id or name, not by partial match', async () => {
    neon.on(
      'GET /api/v2/projects/p1/branches',
      json(200, { branches: [branch('br-1', 'main'), branch('br-2', 'main-snapshot-1')] })
    )
    await expect(gateway.findBranch('main')).resolves.toMatchObject({ id: 'br-1' })
    await expect(gateway.findBranch('br-2')).resolves.toMatchObject({ name: 'main-snapshot-1' })
    await expect(gateway.findBranch('mai')).rejects.toThrow('branch: "mai" was not found in project p1')
  })

  it('lists the ids of an ambiguous name', async () => {
    neon.on('GET /api/v2/projects/p1/branches', json(200, { branches: [branch('br-1', 'dev'), branch('br-2', 'dev')] }))
    await expect(gateway.findBranch('dev')).rejects.toThrow(
      'branch: "dev" names 2 branches (br-1, br-2); use the id instead'
    )
  })
})

describe('cancellation', () => {
  it('sends no new change once cancelled, but still reads and deletes', async () => {
    const cancellation = new Cancellation()
    const cancellable = new NeonGateway({ apiKey: 'k', apiHost, projectId: 'p1', cancellation, sleep: async () => {} })
    neon
      .on('GET /api/v2/projects/p1/branches', json(200, { branches: [branch('br-1', 'nra-ephemeral-1-x')] }))
      .on('DELETE /api/v2/projects/p1/branches/br-1', json(200, { branch: branch('br-1', 'x'), operations: [] }))
    cancellation.cancel('SIGINT')
    const create = cancellable.createBranch({ name: 'probe', parentId: 'br-main' })
    await expect(create).rejects.toThrow(CancelledError)
    await expect(create).rejects.toThrow('create branch probe: not sent, the step was cancelled (SIGINT)')
    await expect(cancellable.restoreBranch('br-1', { sourceBranchId: 'br-1', preserveUnderName: 'b' })).rejects.toThrow(
      CancelledError
    )
    expect(await cancellable.listBranches()).toHaveLength(1)
    await cancellable.deleteBranch('br-1')
    expect(neon.requests).toEqual(['GET /api/v2/projects/p1/branches', 'DELETE /api/v2/projects/p1/branches/br-1'])
  })

  it('settles: waits for the changes already on the wire, at most the time given', async () => {
    let answer!: () => void
    neon.on('POST /api/v2/projects/p1/branches', (request, response) => {
      request.resume()
      answer = () => json(201, { branch: branch('br-new', 'probe'), endpoints: [], operations: [] })(request, response)
    })
    const create = gateway.createBranch({ name: 'probe', parentId: 'br-main' })
    while (!answer) await new Promise((resolve) => setTimeout(resolve, 5))
    let settled = false
    const settling = gateway.settle(10_000).then(() => (settled = true))
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(settled).toBe(false)
    answer()
    await settling
    expect((await create).branch.id).toBe('br-new')
    await gateway.settle(10_000)
  })
})
