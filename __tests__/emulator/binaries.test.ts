/**
 * Which PostgreSQL the emulator runs and what it refuses before creating anything: the version choice
 * (--pg-version, NEON_EMULATOR_PG_VERSION, 17 by default, 14 explained), where each version's binaries are
 * found (an installed server of the version, else npm, NEON_EMULATOR_PG_SOURCE), the npm build's library
 * links, and a state directory or binaries the unprivileged cluster user cannot reach.
 */
import { existsSync, mkdirSync, mkdtempSync, readlinkSync, rmSync, writeFileSync, chmodSync } from 'node:fs'
import path from 'node:path'
import { AccessError, checkBinaries, checkStateDir } from '../../emulator/dataplane/access.js'
import {
  findPostgres,
  linkLibraries,
  npmPackage,
  pgVersion,
  PG_VERSIONS,
  PgVersionError
} from '../../emulator/dataplane/binaries.js'
import { clusterUser } from '../../emulator/dataplane/user.js'
import { startEmulator } from '../../emulator/index.js'

const asRoot = process.getuid?.() === 0
const tmp = existsSync('/dev/shm') ? '/dev/shm' : '/tmp'

describe('the PostgreSQL version', () => {
  test('17 by default, else NEON_EMULATOR_PG_VERSION, else the option', () => {
    expect(pgVersion(undefined, {})).toBe(17)
    expect(pgVersion(undefined, { NEON_EMULATOR_PG_VERSION: '16' })).toBe(16)
    expect(pgVersion(18, { NEON_EMULATOR_PG_VERSION: '16' })).toBe(18)
  })

  test('14 and older are refused with the reason, anything else with the choices', () => {
    expect(() => pgVersion(14, {})).toThrow(/PostgreSQL 14 is not supported: .*pg_backup_start.*pg_walinspect/)
    expect(() => pgVersion('19', {})).toThrow(/must be one of 15, 16, 17, 18, got "19"/)
    expect(() => pgVersion(undefined, { NEON_EMULATOR_PG_VERSION: 'latest' })).toThrow(PgVersionError)
  })
})

describe('where the binaries come from', () => {
  const installed = PG_VERSIONS.filter((major) => existsSync(`/usr/lib/postgresql/${major}/bin/postgres`))
  const fromNpm = PG_VERSIONS.filter((major) => {
    try {
      return findPostgres(major, { NEON_EMULATOR_PG_SOURCE: 'npm' }).major === major
    } catch {
      return false
    }
  })

  test('npm ci installed a build of every version for this machine', () => {
    expect(fromNpm).toEqual([...PG_VERSIONS])
    for (const major of fromNpm) {
      const found = findPostgres(major, { NEON_EMULATOR_PG_SOURCE: 'npm' })
      expect(found.from).toMatch(new RegExp(`^npm ${npmPackage(major)}@${major}\\.\\d+\\.0-beta\\.\\d+$`))
      expect(found.version).toMatch(new RegExp(`^${major}\\.\\d+$`))
    }
  })

  ;(installed.length ? test : test.skip)('an installed server is used for its own version only', () => {
    const major = installed[0]
    const bin = `/usr/lib/postgresql/${major}/bin`
    expect(findPostgres(major, { PG_BIN: bin })).toMatchObject({ major, bin, from: 'PG_BIN' })
    const other = PG_VERSIONS.find((version) => !installed.includes(version))!
    expect(findPostgres(other, { PG_BIN: bin }).from).toMatch(/^npm /)
    expect(findPostgres(major, { PG_BIN: bin, NEON_EMULATOR_PG_SOURCE: 'npm' }).from).toMatch(/^npm /)
  })

  test('a version found nowhere names every place tried', () => {
    const missing = PG_VERSIONS.find((major) => !installed.includes(major))!
    expect(() => findPostgres(missing, { NEON_EMULATOR_PG_SOURCE: 'system', PG_BIN: '/nonexistent' })).toThrow(
      new RegExp(
        `PostgreSQL ${missing} server binaries not found .*PG_BIN /nonexistent .*/usr/lib/postgresql/${missing}`
      )
    )
    expect(() => findPostgres(17, { NEON_EMULATOR_PG_SOURCE: 'any' })).toThrow(/must be auto, system or npm/)
  })

  test("the npm build's library links are made when npm skipped its postinstall", () => {
    const root = mkdtempSync(path.join(tmp, 'pg-links-'))
    try {
      mkdirSync(path.join(root, 'native', 'lib'), { recursive: true })
      writeFileSync(path.join(root, 'native', 'lib', 'libicuuc.so.60.2'), '')
      const links = [{ source: 'native/lib/libicuuc.so.60.2', target: 'native/lib/libicuuc.so.60' }]
      writeFileSync(path.join(root, 'native', 'pg-symlinks.json'), JSON.stringify(links))
      linkLibraries(root)
      linkLibraries(root) // twice: links already there are kept
      expect(readlinkSync(path.join(root, 'native', 'lib', 'libicuuc.so.60'))).toBe('libicuuc.so.60.2')
    } finally {
      rmSync(root, { recursive: true, force: true })
    }
  })
})

;(asRoot ? describe : describe.skip)('what the cluster user (nobody, under root) cannot reach', () => {
  let closed: string

  beforeAll(() => {
    closed = mkdtempSync(path.join(tmp, 'closed-'))
    chmodSync(closed, 0o700)
  })

  afterAll(() => rmSync(closed, { recursive: true, force: true }))

  test('a state directory under a closed directory is refused with the user, the directory and the fix', () => {
    expect(() => checkStateDir(path.join(closed, 'state', 'deeper'), clusterUser())).toThrow(AccessError)
    expect(() => checkStateDir(path.join(closed, 'state'), clusterUser())).toThrow(
      new RegExp(
        `as nobody \\(uid \\d+\\).*may not enter ${closed} \\(mode 0700, owner uid 0\\).*chmod o\\+x ${closed}`
      )
    )
    // The closed directory itself is fine: the emulator gives it to the cluster user.
    expect(() => checkStateDir(closed, clusterUser())).not.toThrow()
  })

  test('the emulator refuses it before creating anything', async () => {
    const stateDir = path.join(closed, 'state')
    await expect(startEmulator({ stateDir, log: () => undefined })).rejects.toThrow(AccessError)
    expect(existsSync(stateDir)).toBe(false)
  })

  test('server binaries under a closed directory are refused too', () => {
    const bin = path.join(closed, 'bin')
    mkdirSync(bin, { recursive: true })
    expect(() => checkBinaries(bin, clusterUser())).toThrow(
      new RegExp(`cannot run ${bin}/postgres: it may not enter ${closed} `)
    )
    // The binaries this run uses (the version and source CI or the developer chose) are reachable.
    expect(() => checkBinaries(findPostgres(pgVersion()).bin, clusterUser())).not.toThrow()
  })
})
