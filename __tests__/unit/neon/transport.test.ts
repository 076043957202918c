import { Cancellation, CancelledError } from '../../../src/cancel.js'
import {
  backoffDelay,
  BranchLimitError,
  DEFAULT_RETRY,
  LockedError,
  NeonGateway,
  NotFoundError,
  RefusedError,
  retryAfterMs,
  UnauthorizedError,
  UnknownOutcomeError,
  UnreachableError
} from '../../../src/neon/index.js'
import { Transport } from '../../../src/neon/transport.js'
import { explainFailure } from '../../../src/operations/explain.js'
import { branch, hangUp, json, operation, startFixture, type Fixture } from './scripted-neon.js'

let fixture: Fixture
let neon: Fixture['neon']
let gateway: NeonGateway

beforeEach(async () => {
  fixture = await startFixture()
  ;({ neon, gateway } = fixture)
})

afterEach(() => neon.stop())

/** What the promise was rejected with (a test failure if it resolved). */
async function failureOf(promise: Promise<unknown>): Promise<Error> {
  const outcome = await promise.then(
    () => undefined,
    (error: Error) => error
  )
  if (!outcome) throw new Error('expected a failure')
  return outcome
}

/** The message the action reports for a failure: the operations word it in terms of the inputs. */
const reported = (error: Error) => (explainFailure(error) as Error).message

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

describe('Transport.call', () => {
  it('retries 423 and 503 with backoff and sends the key only as a bearer header', async () => {
    neon.on(
      'GET /api/v2/projects/p1',
      json(423, { code: 'LOCKED', message: 'project already has running conflicting operations' }),
      json(503, { message: 'unavailable' }),
      json(200, { project: { id: 'p1', name: 'shop' } })
    )
    await expect(gateway.project.get()).resolves.toMatchObject({ id: 'p1' })
    expect(neon.count('GET /api/v2/projects/p1')).toBe(3)
    expect(fixture.sleeps).toEqual([375, 750])
    expect(neon.authorizations).toEqual(Array(3).fill('Bearer napi_secret_key'))
    expect(fixture.logs.join('\n')).not.toContain('napi_secret_key')
    expect(fixture.logs).toHaveLength(3)
  })

  it('honours Retry-After on 429, capped', async () => {
    neon.on(
      'GET /api/v2/projects/p1',
      json(429, { message: 'slow down' }, { 'retry-after': '7' }),
      json(429, { message: 'slow down' }, { 'retry-after': '3600' }),
      json(200, { project: { id: 'p1' } })
    )
    await gateway.project.get()
    expect(fixture.sleeps).toEqual([7000, DEFAULT_RETRY.maxRetryAfterMs])
  })

  it('gives up after the attempt limit with a message that says what to do', async () => {
    neon.on('GET /api/v2/projects/p1', json(423, { message: 'conflicting operations' }))
    const failure = gateway.project.get()
    await expect(failure).rejects.toThrow(LockedError)
    await expect(failure).rejects.toThrow(
      'get project p1: another operation is still running on this project after 6 attempts (423: conflicting operations); wait for it to finish'
    )
    expect(neon.count('GET /api/v2/projects/p1')).toBe(DEFAULT_RETRY.attempts)
  })

  it('retries a read whose connection dropped', async () => {
    neon.on('GET /api/v2/projects/p1', hangUp, json(200, { project: { id: 'p1' } }))
    await expect(gateway.project.get()).resolves.toMatchObject({ id: 'p1' })
    expect(neon.count('GET /api/v2/projects/p1')).toBe(2)
  })

  it('does not retry 401; the action points at the api-key', async () => {
    neon.on('GET /api/v2/projects/p1', json(401, { message: 'authentication required' }))
    const error = await failureOf(gateway.project.get())
    expect(error).toBeInstanceOf(UnauthorizedError)
    expect(error.message).toBe('get project p1: Neon rejected the API key (401)')
    expect(reported(error)).toContain('Neon rejected the api-key (401): check that the secret holds')
    expect(neon.count('GET /api/v2/projects/p1')).toBe(1)
  })

  it('says which project is not found; the action names project-id', async () => {
    neon.on('GET /api/v2/projects/p1', json(404, { message: 'not found' }))
    const error = await failureOf(gateway.project.get())
    expect(error).toBeInstanceOf(NotFoundError)
    expect(error).toMatchObject({ kind: 'project', asked: 'p1', status: 404, message: 'project "p1" was not found' })
    expect(reported(error)).toContain('project-id: project "p1" was not found (check project-id')
    expect(neon.count('GET /api/v2/projects/p1')).toBe(1)
  })

  it('retries a 404 right after a restore, but not otherwise', async () => {
    neon.on(
      'GET /api/v2/projects/p1/branches/br-1',
      json(404, { message: 'not found' }),
      json(404, { message: 'not found' }),
      json(200, { branch: branch('br-1', 'main') })
    )
    await expect(gateway.branches.get('br-1', { afterRestore: true })).resolves.toMatchObject({ id: 'br-1' })
    expect(neon.count('GET /api/v2/projects/p1/branches/br-1')).toBe(3)

    neon.on('GET /api/v2/projects/p1/branches/br-2', json(404, { message: 'not found' }))
    await expect(gateway.branches.get('br-2')).rejects.toMatchObject({ status: 404, kind: 'branch', asked: 'br-2' })
    expect(neon.count('GET /api/v2/projects/p1/branches/br-2')).toBe(1)
  })

  it('explains the branch limit; the action offers prune', async () => {
    neon.on(
      'POST /api/v2/projects/p1/branches',
      json(422, { code: 'BRANCHES_LIMIT_EXCEEDED', message: 'branches limit exceeded' })
    )
    const error = await failureOf(gateway.branches.create({ name: 'snap', parentId: 'br-main' }))
    expect(error).toBeInstanceOf(BranchLimitError)
    expect(error).toMatchObject({ status: 422, code: 'BRANCHES_LIMIT_EXCEEDED' })
    expect(error.message).toBe(
      'create branch snap: project p1 has reached its branch limit (branches limit exceeded); delete old branches'
    )
    expect(reported(error)).toBe(
      'create branch snap: project p1 has reached its branch limit (branches limit exceeded); delete old branches, or run this action with operation: prune'
    )
    expect(neon.count('POST /api/v2/projects/p1/branches')).toBe(1)
  })

  it('does not retry a rejected mutation', async () => {
    neon.on('POST /api/v2/projects/p1/branches', json(400, { code: 'BAD_REQUEST', message: 'parent_lsn is invalid' }))
    const create = gateway.branches.create({ name: 'snap', parentId: 'br-main' })
    await expect(create).rejects.toThrow(RefusedError)
    await expect(create).rejects.toThrow(
      'create branch snap: Neon refused the request (400 BAD_REQUEST: parent_lsn is invalid)'
    )
    expect(neon.count('POST /api/v2/projects/p1/branches')).toBe(1)
  })

  it('refuses to repeat a restore without a backup name to look for', async () => {
    neon.on('POST /api/v2/projects/p1/branches/br-1/restore', hangUp)
    const restore = gateway.branches.restore('br-1', { sourceBranchId: 'br-2' })
    await expect(restore).rejects.toThrow(UnknownOutcomeError)
    await expect(restore).rejects.toThrow(
      'restore branch br-1: the connection to Neon failed after the request was sent'
    )
    expect(neon.count('POST /api/v2/projects/p1/branches/br-1/restore')).toBe(1)
  })

  it('retries a request that never left the machine; the action points at api-host', async () => {
    const sleeps: number[] = []
    const unreachable = new NeonGateway({
      apiKey: 'k',
      apiHost: 'http://127.0.0.1:1/api/v2',
      projectId: 'p1',
      sleep: async (ms) => {
        sleeps.push(ms)
      },
      retry: { attempts: 3 }
    })
    const error = await failureOf(unreachable.branches.create({ name: 'x', parentId: 'br-main' }))
    expect(error).toBeInstanceOf(UnreachableError)
    expect(error.message).toMatch(/^create branch x: could not reach Neon after 3 attempts \(.+\)$/)
    expect(sleeps).toHaveLength(2)
    expect(reported(error)).toMatch(/^create branch x: could not reach Neon after 3 attempts \(.+\); check api-host$/)
  })
})

describe('waitForOperations', () => {
  const transport = (options: Partial<ConstructorParameters<typeof Transport>[0]> = {}) =>
    new Transport({ apiKey: 'k', apiHost: fixture.apiHost, projectId: 'p1', sleep: async () => {}, ...options })

  it('polls until every operation is finished or skipped', async () => {
    neon
      .on(
        'GET /api/v2/projects/p1/operations/op1',
        json(200, { operation: operation('op1', 'running') }),
        json(200, { operation: operation('op1', 'finished') })
      )
      .on('GET /api/v2/projects/p1/operations/op2', json(200, { operation: operation('op2', 'skipped') }))
    await transport().waitForOperations([
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
    await expect(transport().waitForOperations([operation('op1', 'running')] as never)).rejects.toThrow(
      'Neon operation create_branch (op1) failed: disk full'
    )
  })

  it('fails on a cancelling operation rather than waiting for it (it will not finish)', async () => {
    neon.on('GET /api/v2/projects/p1/operations/op1', json(200, { operation: operation('op1', 'cancelling') }))
    await expect(transport().waitForOperations([operation('op1', 'running')] as never)).rejects.toThrow(
      'Neon operation create_branch (op1) cancelling'
    )
    expect(neon.count('GET /api/v2/projects/p1/operations/op1')).toBe(1)
  })

  it('gives up after the timeout', async () => {
    let clock = 0
    const slow = transport({
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

describe('cancellation', () => {
  it('sends no new change once cancelled, but still reads and deletes', async () => {
    const cancellation = new Cancellation()
    const cancellable = new NeonGateway({
      apiKey: 'k',
      apiHost: fixture.apiHost,
      projectId: 'p1',
      cancellation,
      sleep: async () => {}
    })
    neon
      .on('GET /api/v2/projects/p1/branches', json(200, { branches: [branch('br-1', 'nra-ephemeral-1-x')] }))
      .on('DELETE /api/v2/projects/p1/branches/br-1', json(200, { branch: branch('br-1', 'x'), operations: [] }))
    cancellation.cancel('SIGINT')
    const create = cancellable.branches.create({ name: 'probe', parentId: 'br-main' })
    await expect(create).rejects.toThrow(CancelledError)
    await expect(create).rejects.toThrow('create branch probe: not sent, the step was cancelled (SIGINT)')
    await expect(
      cancellable.branches.restore('br-1', { sourceBranchId: 'br-1', preserveUnderName: 'b' })
    ).rejects.toThrow(CancelledError)
    expect(await cancellable.branches.list()).toHaveLength(1)
    await cancellable.branches.delete('br-1')
    expect(neon.requests).toEqual(['GET /api/v2/projects/p1/branches', 'DELETE /api/v2/projects/p1/branches/br-1'])
  })

  it('settles: waits for the changes already on the wire, at most the time given', async () => {
    let answer!: () => void
    neon.on('POST /api/v2/projects/p1/branches', (request, response) => {
      request.resume()
      answer = () => json(201, { branch: branch('br-new', 'probe'), endpoints: [], operations: [] })(request, response)
    })
    const create = gateway.branches.create({ name: 'probe', parentId: 'br-main' })
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
