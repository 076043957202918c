import { chooseConnection } from '../../src/connection.js'

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
