import {
  AmbiguousError,
  BranchRecoveryUnavailableError,
  NotFoundError,
  type NeonGateway
} from '../../../src/neon/index.js'
import { resolveBranch } from '../../../src/operations/common.js'
import { branch, hangUp, json, operation, startFixture, type Fixture } from './scripted-neon.js'

let fixture: Fixture
let neon: Fixture['neon']
let gateway: NeonGateway

beforeEach(async () => {
  fixture = await startFixture()
  ;({ neon, gateway } = fixture)
})

afterEach(() => neon.stop())

describe('branches.list', () => {
  it('reads every page, and stops on a cursor that does not move', async () => {
    neon.on(
      'GET /api/v2/projects/p1/branches',
      json(200, { branches: [branch('br-1', 'a')], pagination: { next: 'c1' } }),
      json(200, { branches: [branch('br-2', 'b')], pagination: { next: 'c1' } })
    )
    expect((await gateway.branches.list()).map((each) => each.id)).toEqual(['br-1', 'br-2'])
    expect(neon.urls).toEqual(['GET /api/v2/projects/p1/branches', 'GET /api/v2/projects/p1/branches?cursor=c1'])
  })

  it('asks for deleted branches only when told to', async () => {
    neon.on('GET /api/v2/projects/p1/branches', json(200, { branches: [] }))
    await gateway.branches.list({ search: 'old', includeDeleted: true })
    await gateway.branches.list({ search: 'old' })
    expect(neon.urls).toEqual([
      'GET /api/v2/projects/p1/branches?search=old&include_deleted=true',
      'GET /api/v2/projects/p1/branches?search=old'
    ])
  })
})

describe('branches.find', () => {
  it('finds by exact id or name, not by partial match', async () => {
    neon.on(
      'GET /api/v2/projects/p1/branches',
      json(200, { branches: [branch('br-1', 'main'), branch('br-2', 'main-snapshot-1')] })
    )
    await expect(gateway.branches.find('main')).resolves.toMatchObject({ id: 'br-1' })
    await expect(gateway.branches.find('br-2')).resolves.toMatchObject({ name: 'main-snapshot-1' })
    await expect(gateway.branches.find('mai')).rejects.toThrow(NotFoundError)
    await expect(gateway.branches.find('mai')).rejects.toMatchObject({ kind: 'branch', asked: 'mai' })
    // The operation that read the input names it.
    await expect(resolveBranch(gateway, 'mai')).rejects.toThrow('branch: "mai" was not found in project p1')
    await expect(resolveBranch(gateway, 'mai', 'source')).rejects.toThrow(
      'source: "mai" was not found in project p1 (check the name or id)'
    )
  })

  it('lists the ids of an ambiguous name', async () => {
    neon.on('GET /api/v2/projects/p1/branches', json(200, { branches: [branch('br-1', 'dev'), branch('br-2', 'dev')] }))
    await expect(gateway.branches.find('dev')).rejects.toThrow(AmbiguousError)
    await expect(gateway.branches.find('dev')).rejects.not.toThrow('branch:')
    await expect(resolveBranch(gateway, 'dev')).rejects.toThrow(
      'branch: "dev" names 2 branches (br-1, br-2); use the id instead'
    )
  })

  it('refuses a name that is also the id of another branch', async () => {
    neon.on(
      'GET /api/v2/projects/p1/branches',
      json(200, { branches: [branch('br-app', 'app'), branch('br-other', 'br-app')] })
    )
    await expect(gateway.branches.find('br-app')).rejects.toMatchObject({
      matches: [{ id: 'br-other' }],
      idMatch: { id: 'br-app', name: 'app' }
    })
    await expect(resolveBranch(gateway, 'br-app')).rejects.toThrow(
      'branch: "br-app" is the id of branch app and the name of branch br-other; use the name app for the first, the id br-other for the second'
    )
  })

  it('takes the default branch when no name is given, and says to set branch when there is none', async () => {
    neon.on(
      'GET /api/v2/projects/p1/branches',
      json(200, { branches: [branch('br-1', 'dev'), branch('br-2', 'main', { default: true })] }),
      json(200, { branches: [branch('br-1', 'dev')] })
    )
    await expect(resolveBranch(gateway, undefined)).resolves.toMatchObject({ id: 'br-2' })
    await expect(resolveBranch(gateway, undefined)).rejects.toThrow('project p1 has no default branch; set branch')
  })
})

describe('branches.create', () => {
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
    const created = await gateway.branches.create({ name: 'snap', parentId: 'br-main' })
    expect(created.branch.id).toBe('br-new')
    expect(neon.count('POST /api/v2/projects/p1/branches')).toBe(1)
    // Found by the look-up, it is used only once its own operations are done (as if the answer had come).
    expect(neon.count('GET /api/v2/projects/p1/operations/op1')).toBe(1)
    expect(neon.count('GET /api/v2/projects/p1/operations/op2')).toBe(0)
  })

  it('sends again when the lookup shows nothing was created', async () => {
    neon
      .on(
        'POST /api/v2/projects/p1/branches',
        hangUp,
        json(201, { branch: branch('br-new', 'snap'), endpoints: [], operations: [operation('op1', 'finished')] })
      )
      .on('GET /api/v2/projects/p1/branches', json(200, { branches: [branch('br-other', 'snap-old')] }))
    const created = await gateway.branches.create({ name: 'snap', parentId: 'br-main' })
    expect(created.branch.id).toBe('br-new')
    expect(neon.count('POST /api/v2/projects/p1/branches')).toBe(2)
  })
})

describe('branches.delete', () => {
  const DELETE = 'DELETE /api/v2/projects/p1/branches/br-1'
  const deleted = json(200, { branch: branch('br-1', 'x'), operations: [] })

  it('treats a branch that is gone after a dropped delete as deleted', async () => {
    neon.on(DELETE, hangUp).on('GET /api/v2/projects/p1/branches/br-1', json(404, { message: 'not found' }))
    await expect(gateway.branches.delete('br-1')).resolves.toBeUndefined()
    expect(neon.count(DELETE)).toBe(1)
  })

  it('treats a branch that is already gone as deleted', async () => {
    neon.on(DELETE, json(404, { message: 'not found' }))
    await expect(gateway.branches.delete('br-1', { hard: true })).resolves.toBeUndefined()
    expect(neon.urls).toEqual([`${DELETE}?hard_delete=true`])
  })

  it('deletes softly by default, and for good when asked', async () => {
    neon.on(DELETE, deleted)
    await gateway.branches.delete('br-1')
    await gateway.branches.delete('br-1', { hard: true })
    expect(neon.urls).toEqual([DELETE, `${DELETE}?hard_delete=true`])
  })

  it('falls back to a plain delete where Neon refuses hard_delete, and stops asking for it', async () => {
    neon
      .on(DELETE, json(400, { code: 'BAD_REQUEST', message: 'unknown parameter hard_delete' }), deleted)
      .on('DELETE /api/v2/projects/p1/branches/br-2', deleted)
    await gateway.branches.delete('br-1', { hard: true })
    await gateway.branches.delete('br-2', { hard: true })
    expect(neon.urls).toEqual([`${DELETE}?hard_delete=true`, DELETE, 'DELETE /api/v2/projects/p1/branches/br-2'])
    expect(fixture.logs.join('\n')).toContain('hard delete is refused in this project')
  })

  it('falls back on a 403 too (what Neon answers a project without the preview is undocumented)', async () => {
    neon.on(DELETE, json(403, { message: 'feature not enabled' }), deleted)
    await gateway.branches.delete('br-1', { hard: true })
    expect(neon.urls).toEqual([`${DELETE}?hard_delete=true`, DELETE])
  })

  it('does not fall back on what says nothing about the parameter: a lock that outlasted the retries', async () => {
    neon.on(DELETE, json(423, { message: 'conflicting operations' }))
    await expect(gateway.branches.delete('br-1', { hard: true })).rejects.toThrow('another operation is still running')
    expect(neon.urls.every((url) => url === `${DELETE}?hard_delete=true`)).toBe(true)
    // Still asked for next time: a lock is no verdict on hard_delete.
    neon.on(DELETE, deleted)
    await gateway.branches.delete('br-1', { hard: true })
    expect(neon.urls[neon.urls.length - 1]).toBe(`${DELETE}?hard_delete=true`)
  })

  it("fails with the plain delete's error when that fails too", async () => {
    neon.on(DELETE, json(400, { message: 'no hard_delete here' }), json(422, { message: 'branch has children' }))
    await expect(gateway.branches.delete('br-1', { hard: true })).rejects.toThrow(
      'delete branch br-1: Neon refused the request (422: branch has children)'
    )
    expect(neon.urls).toEqual([`${DELETE}?hard_delete=true`, DELETE])
  })
})

describe('branch recovery', () => {
  const LIST = 'GET /api/v2/projects/p1/branches'
  const RECOVER = 'POST /api/v2/projects/p1/branches/br-1/recover'

  it('lists deleted branches with include_deleted, and says so where Neon refuses the preview', async () => {
    neon.on(LIST, json(400, { message: 'include_deleted is not available' }))
    await expect(gateway.branches.listIncludingDeleted()).rejects.toThrow(BranchRecoveryUnavailableError)
    expect(neon.urls).toEqual([`${LIST}?include_deleted=true`])
  })

  it('recovers a branch with its endpoints', async () => {
    neon.on(RECOVER, json(200, { branch: branch('br-1', 'feature'), endpoints: [{ id: 'ep-1', type: 'read_write' }] }))
    const recovered = await gateway.branches.recover('br-1')
    expect([recovered.branch.id, recovered.endpoints.map((endpoint) => endpoint.id)]).toEqual(['br-1', ['ep-1']])
  })

  it('after a dropped answer, finds the branch live again instead of asking twice', async () => {
    neon
      .on(RECOVER, hangUp)
      .on('GET /api/v2/projects/p1/branches/br-1', json(200, { branch: branch('br-1', 'feature') }))
      .on('GET /api/v2/projects/p1/branches/br-1/endpoints', json(200, { endpoints: [] }))
    await expect(gateway.branches.recover('br-1')).resolves.toMatchObject({ branch: { id: 'br-1' }, endpoints: [] })
    expect(neon.count(RECOVER)).toBe(1)
  })
})
