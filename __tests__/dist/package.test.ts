/**
 * What `npx github:<owner>/<repo>` installs, without the network. npm installs a git dependency with pacote's
 * GitFetcher: it clones the repository, "prepares" the clone when its manifest asks for it (a full `npm install`
 * there, devDependencies and the PostgreSQL builds included), packs it as `npm pack` does and installs that
 * tarball with its dependencies. Here the same code path runs on a local clone of this repository's HEAD:
 * `npm install --offline git+file://<clone>` into an empty prefix, judged from the installed tree and by running
 * its bin. Commit first: the clone holds what HEAD holds.
 */
import { execFile, execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../..', import.meta.url))
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'))

/**
 * What makes npm prepare a git dependency, i.e. run a full `npm install` (devDependencies and the optional
 * PostgreSQL builds included) in its clone before packing it. From npm 11's pacote 21, lib/git.js #prepareDir:
 *   if (!mani.workspaces && (!scripts || !(scripts.postinstall || scripts.build || scripts.preinstall ||
 *       scripts.install || scripts.prepack || scripts.prepare))) return
 */
const PREPARE_TRIGGERS = ['postinstall', 'build', 'preinstall', 'install', 'prepack', 'prepare']

let work: string
let prefix: string
let installed: string[]

function run(command: string, args: string[], cwd: string): string {
  // No npm_config_* of the jest run: it would point the install at this checkout.
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)))
  return execFileSync(command, args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
}

function neonRecovery(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const bin = path.join(prefix, 'node_modules', '.bin', 'neon-recovery')
  return new Promise((resolve) => {
    execFile(bin, args, { env: { PATH: process.env.PATH ?? '' } }, (error, stdout, stderr) =>
      resolve({ code: error ? (error.code as number) : 0, stdout, stderr })
    )
  })
}

beforeAll(() => {
  work = mkdtempSync(path.join(os.tmpdir(), 'npx-github-'))
  const clone = path.join(work, 'repo')
  prefix = path.join(work, 'consumer')
  run('git', ['clone', '--quiet', '--depth', '1', `file://${root}`, clone], work)
  run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--prefix', prefix, `git+file://${clone}`], work)
  installed = readdirSync(path.join(prefix, 'node_modules')).filter((name) => !name.startsWith('.'))
}, 60_000)

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true })
})

describe('the package as npx github: installs it', () => {
  it('declares nothing that makes npm install the repository in its clone first', () => {
    expect(manifest.workspaces).toBeUndefined()
    expect(PREPARE_TRIGGERS.filter((name) => manifest.scripts?.[name])).toEqual([])
  })

  it('installs the package alone: no runtime dependency (dist/ carries them), no PostgreSQL, no Node 24', () => {
    expect(installed).toEqual([manifest.name])
    // The bundle needs nothing beside itself: no dependencies of any kind for npm to fetch.
    const own = JSON.parse(readFileSync(path.join(prefix, 'node_modules', manifest.name, 'package.json'), 'utf8'))
    expect([own.dependencies, own.optionalDependencies, own.peerDependencies]).toEqual([undefined, undefined, undefined])
  })

  it('holds the bundle and the action files, and nothing of the sources, tests or emulator', () => {
    const files = readdirSync(path.join(prefix, 'node_modules', manifest.name)).sort()
    expect(files).toContain('dist')
    expect(files).toContain('action.yml')
    for (const absent of ['src', 'emulator', '__tests__', 'tools', 'bench', 'node_modules']) {
      expect(files).not.toContain(absent)
    }
  })

  it('runs no lifecycle script on install (there is none to run)', () => {
    const own = JSON.parse(readFileSync(path.join(prefix, 'node_modules', manifest.name, 'package.json'), 'utf8'))
    expect(['preinstall', 'install', 'postinstall', 'prepare'].filter((name) => own.scripts?.[name])).toEqual([])
  })

  it('its bin prints the usage, and names the fix for a bad flag with exit 1', async () => {
    const help = await neonRecovery(['--help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toMatch(/^usage: neon-recovery <operation>/)

    const bad = await neonRecovery(['snapshot', '--brnch', 'main'])
    expect(bad.code).toBe(1)
    expect(bad.stderr).toMatch(/^error: unknown flag --brnch; the flags are the action's inputs: .*\bbranch\b/)
  })
})
