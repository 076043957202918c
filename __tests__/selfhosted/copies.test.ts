/**
 * A restored cluster removed while one of its copies is still being filled (bisect cancelled mid-round): the
 * copy's cp is killed, no copy can start afterwards, and the work directory is gone when remove() resolves.
 * Runs cp as the cluster user, as bisect does; no PostgreSQL needed.
 */
import { execFileSync } from 'node:child_process'
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { RestoredCluster } from '../../src/selfhosted/cluster.js'
import { clusterUser } from '../../src/selfhosted/user.js'

const base = existsSync('/dev/shm') ? '/dev/shm' : '/tmp'
let parent: string

beforeEach(() => {
  parent = mkdtempSync(path.join(base, 'copies-test-'))
  chmodSync(parent, 0o755) // the cluster user must reach its work directory
})
afterEach(() => rmSync(parent, { recursive: true, force: true }))

/** 60 MB in 1,500 files: long enough a cp that remove() arrives while it runs. */
function fillSource(dataDir: string): void {
  mkdirSync(path.join(dataDir, 'pg_wal'))
  const block = Buffer.alloc(40 * 1024, 7)
  for (let dir = 0; dir < 15; dir++) {
    mkdirSync(path.join(dataDir, `d${dir}`))
    for (let file = 0; file < 100; file++) writeFileSync(path.join(dataDir, `d${dir}`, `f${file}`), block)
  }
}

const copiesRunning = (dir: string) =>
  execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.startsWith('cp ') && line.includes(dir))

test('remove() during a copy kills its cp, refuses new copies and leaves no directory', async () => {
  const root = await RestoredCluster.create(parent, clusterUser(), () => undefined)
  fillSource(root.dataDir)
  const copy = await root.newCopy()
  const filling = copy.copyFrom(root, { tryReflink: false }).then(
    () => 'finished',
    () => 'killed'
  )
  // Once cp has written something into the copy, remove everything under it.
  while (readdirSync(copy.dataDir).length < 2) await new Promise((resolve) => setTimeout(resolve, 2))
  await root.remove()
  expect(existsSync(root.workDir)).toBe(false)
  expect(await filling).toBe('killed')
  expect(copiesRunning(root.workDir)).toEqual([])
  await expect(root.newCopy()).rejects.toThrow(/was removed \(the step was cancelled\)/)
  await expect(copy.start('/nonexistent', {})).rejects.toThrow(/was removed \(the step was cancelled\)/)
})
