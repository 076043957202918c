import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import path from 'node:path'

const REQUIRED = ['postgres', 'initdb', 'pg_waldump', 'pg_controldata']

function hasServer(dir: string): boolean {
  return REQUIRED.every((name) => existsSync(path.join(dir, name)))
}

/**
 * PostgreSQL server binaries: `PG_BIN`, else `pg_config --bindir`, else the highest `/usr/lib/postgresql/N/bin`.
 */
export function findPgBin(env: NodeJS.ProcessEnv = process.env): string {
  const tried: string[] = []
  if (env.PG_BIN) {
    if (hasServer(env.PG_BIN)) return env.PG_BIN
    tried.push(`PG_BIN=${env.PG_BIN} (no ${REQUIRED.join('/')} there)`)
  } else {
    tried.push('PG_BIN (not set)')
  }
  try {
    const dir = execFileSync('pg_config', ['--bindir'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore']
    }).trim()
    if (hasServer(dir)) return dir
    tried.push(`pg_config --bindir (${dir} has no server binaries)`)
  } catch {
    tried.push('pg_config --bindir (pg_config not found)')
  }
  const root = '/usr/lib/postgresql'
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((name) => /^\d+$/.test(name))
        .sort((a, b) => Number(b) - Number(a))
    : []
  for (const version of versions) {
    const dir = path.join(root, version, 'bin')
    if (hasServer(dir)) return dir
  }
  tried.push(`${root}/*/bin (${versions.length ? 'no server binaries' : 'none installed'})`)
  throw new Error(
    `PostgreSQL server binaries not found. Tried: ${tried.join('; ')}. ` +
      'Install PostgreSQL (e.g. apt-get install postgresql) or set PG_BIN to its bin directory.'
  )
}
