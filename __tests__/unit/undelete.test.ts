import type { Branch } from '../../src/neon/index.js'
import { chooseDeleted } from '../../src/operations/undelete.js'

const now = Date.parse('2026-12-01T12:00:00Z')
const branch = (id: string, name: string, deletedAt?: string, until = '2026-12-05T00:00:00Z'): Branch =>
  ({
    id,
    name,
    parent_id: 'br-main',
    ...(deletedAt ? { recovery: { deleted_at: deletedAt, recoverable_until: until, deletion_method: 'user' } } : {})
  }) as unknown as Branch

const choose = (branches: Branch[], asked: string) => chooseDeleted(branches, asked, now, 'shiny-sun-1')

describe('chooseDeleted', () => {
  const older = branch('br-older', 'feature', '2026-11-28T10:00:00Z')
  const newest = branch('br-newest', 'feature', '2026-11-30T10:00:00Z')
  const oldest = branch('br-oldest', 'feature', '2026-11-27T10:00:00Z')

  it('takes the newest deletion of a name and lists the others, newest first', () => {
    const { branch: chosen, others } = choose([older, newest, oldest, branch('br-main', 'main')], 'feature')
    expect(chosen.id).toBe('br-newest')
    expect(others.map((other) => other.id)).toEqual(['br-older', 'br-oldest'])
  })

  it('takes exactly the branch an id names', () => {
    const { branch: chosen, others } = choose([older, newest], 'br-older')
    expect([chosen.id, others]).toEqual(['br-older', []])
  })

  it('refuses when a live branch has the name taken', () => {
    expect(() => choose([newest, branch('br-live', 'feature')], 'feature')).toThrow(
      /^branch: a branch named "feature" exists \(br-live\), so the deleted br-newest cannot come back .*rename or delete the live one first/
    )
  })

  it('leaves out a deletion past its recovery window', () => {
    const expired = branch('br-expired', 'gone', '2026-11-20T10:00:00Z', '2026-11-27T10:00:00Z')
    expect(() => choose([expired], 'gone')).toThrow(
      /^branch: no deleted branch named or with id "gone" can be recovered/
    )
  })

  it('says a live branch is not deleted', () => {
    expect(() => choose([branch('br-main', 'main')], 'main')).toThrow(
      /^branch: "main" is not deleted \(it is the live branch main, br-main\)/
    )
  })

  it('refuses a text that is one deleted branch id and another one name', () => {
    expect(() =>
      choose([branch('br-x', 'a', '2026-11-30T10:00:00Z'), branch('br-y', 'br-x', '2026-11-30T11:00:00Z')], 'br-x')
    ).toThrow(/^branch: "br-x" is the id of branch a and the name of branch br-y/)
  })
})
