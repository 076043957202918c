/** Which database and role to connect as, when the inputs leave it open; the head of a branch's history. */
import pg from 'pg'

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

/** The newest LSN of the branch behind `uri`, as PostgreSQL prints it. */
export async function headLsn(uri: string): Promise<string> {
  const client = new pg.Client({ connectionString: uri, connectionTimeoutMillis: 30_000 })
  await client.connect()
  try {
    const { rows } = await client.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn')
    return rows[0].lsn
  } finally {
    await client.end()
  }
}
