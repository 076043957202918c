/** Which database and role to connect as, when the inputs leave it open. */

export interface NamedDatabase {
  name: string
  owner_name: string
}

/** The database: as given, or the branch's only one. The role: as given, or the database's owner. */
export function chooseConnection(
  databases: NamedDatabase[],
  roles: { name: string }[],
  wanted: { database?: string; role?: string }
): { database: string; role: string } {
  const names = (items: { name: string }[]) => items.map((item) => item.name).join(', ') || 'none'
  let database: NamedDatabase | undefined
  if (wanted.database) {
    database = databases.find((candidate) => candidate.name === wanted.database)
    if (!database) throw new Error(`database: "${wanted.database}" is not on the branch (it has: ${names(databases)})`)
  } else if (databases.length === 1) {
    database = databases[0]
  } else {
    throw new Error(`database: the branch has ${databases.length} databases (${names(databases)}); set database`)
  }
  const role = wanted.role ?? database.owner_name
  if (!roles.some((candidate) => candidate.name === role)) {
    throw new Error(`role: "${role}" is not on the branch (it has: ${names(roles)})`)
  }
  return { database: database.name, role }
}
