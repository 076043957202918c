import type { Branch } from '../../src/neon/index.js'
import { chooseConnection, pointUri, type BranchConnection } from '../../src/operations/branch-connection.js'
import type { RunContext } from '../../src/run.js'

const app = { name: 'app', owner_name: 'app_owner' }
const roles = [{ name: 'app_owner' }, { name: 'reader' }]

describe('chooseConnection', () => {
  it('takes the only database and its owner', () => {
    expect(chooseConnection([app], roles, {})).toEqual({ database: 'app', role: 'app_owner' })
  })

  it('takes the database and role given', () => {
    const other = { name: 'other', owner_name: 'reader' }
    expect(chooseConnection([app, other], roles, { database: 'app', role: 'reader' })).toEqual({
      database: 'app',
      role: 'reader'
    })
  })

  it('asks for a database when there are several or none', () => {
    expect(() => chooseConnection([app, { name: 'b', owner_name: 'x' }], roles, {})).toThrow(
      'database: the branch has 2 databases (app, b); set database'
    )
    expect(() => chooseConnection([], roles, {})).toThrow('database: the branch has 0 databases (none); set database')
  })

  it('names what the branch has when the database or role is missing', () => {
    expect(() => chooseConnection([app], roles, { database: 'shop' })).toThrow(
      'database: "shop" is not on the branch (it has: app)'
    )
    expect(() => chooseConnection([app], roles, { role: 'admin' })).toThrow(
      'role: "admin" is not on the branch (it has: app_owner, reader)'
    )
  })
})

describe('pointUri', () => {
  const connection: BranchConnection = {
    branch: { id: 'br-wild-tree-abc123', name: 'main' } as Branch,
    endpointId: 'ep-cool-darkness-123456',
    database: 'neondb',
    role: 'alex',
    uri: 'postgresql://alex:secret@ep-cool-darkness-123456.us-east-2.aws.neon.tech/neondb'
  }
  const masked: string[] = []
  const context = { mask: (secret: string) => masked.push(secret) } as unknown as RunContext

  it('travels to an LSN aligned as Neon aligns it, known before connecting, and masks the URI', async () => {
    const { uri, lsn } = await pointUri(connection, { kind: 'lsn', lsn: '0/16B3749' }, context)
    expect(lsn).toBe(0x16b3750n)
    expect(new URL(uri).hostname).toBe('br-wild-tree-abc123.us-east-2.aws.neon.tech')
    expect(new URL(uri).searchParams.get('options')).toBe('neon_lsn:0/16B3750')
    expect(masked).toContain(uri)
  })

  it('hands a timestamp to Neon as it is, with no LSN read first', async () => {
    const { uri, lsn } = await pointUri(
      connection,
      { kind: 'timestamp', timestamp: '2026-11-24T06:33:57.000Z' },
      context
    )
    expect(lsn).toBeUndefined()
    expect(new URL(uri).searchParams.get('options')).toBe('neon_timestamp:2026-11-24T06:33:57.000Z')
    expect(masked).toContain(uri)
  })
})
