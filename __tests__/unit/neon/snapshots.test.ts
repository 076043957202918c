import { AmbiguousError, NotFoundError, type NeonGateway } from '../../../src/neon/index.js'
import { resolveSnapshot } from '../../../src/operations/common.js'
import { branch, hangUp, json, startFixture, type Fixture } from './scripted-neon.js'

let neon: Fixture['neon']
let gateway: NeonGateway

beforeEach(async () => {
  ;({ neon, gateway } = await startFixture())
})

afterEach(() => neon.stop())

const snapshot = (id: string, name: string) => ({ id, name, created_at: '2026-11-24T06:00:00Z' })

describe('snapshots.find', () => {
  beforeEach(() => {
    neon.on(
      'GET /api/v2/projects/p1/snapshots',
      json(200, {
        snapshots: [snapshot('snap-1', 'nightly'), snapshot('snap-2', 'weekly'), snapshot('snap-3', 'weekly')]
      })
    )
  })

  it('finds by exact id, else by name', async () => {
    await expect(gateway.snapshots.find('snap-2')).resolves.toMatchObject({ name: 'weekly' })
    await expect(gateway.snapshots.find('nightly')).resolves.toMatchObject({ id: 'snap-1' })
  })

  it('says what is missing or ambiguous; the action names source', async () => {
    await expect(gateway.snapshots.find('nope')).rejects.toThrow(NotFoundError)
    await expect(gateway.snapshots.find('weekly')).rejects.toThrow(AmbiguousError)
    await expect(resolveSnapshot(gateway, 'nope')).rejects.toThrow(
      'source: no snapshot "nope" in project p1 (check the name or id after snapshot:)'
    )
    await expect(resolveSnapshot(gateway, 'weekly')).rejects.toThrow(
      'source: snapshot "weekly" is ambiguous (snap-2, snap-3); use snapshot:<id>'
    )
  })
})

describe('snapshots.restore', () => {
  it('after a dropped restore with finalize, does not take the target (same name) for the result', async () => {
    neon
      .on(
        'POST /api/v2/projects/p1/snapshots/snap-1/restore',
        hangUp,
        json(201, { branch: branch('br-restored', 'shop'), operations: [] })
      )
      // Not applied: the only branch named shop is the target itself.
      .on('GET /api/v2/projects/p1/branches', json(200, { branches: [branch('br-shop', 'shop')] }))
    const restored = await gateway.snapshots.restore('snap-1', {
      name: 'shop',
      targetBranchId: 'br-shop',
      finalize: true
    })
    expect(restored.id).toBe('br-restored')
    expect(neon.count('POST /api/v2/projects/p1/snapshots/snap-1/restore')).toBe(2)
  })
})
