// Jest global setup and teardown: no PostgreSQL server started by the tests may outlive the run.
// A server that outlived the process that started it is an orphan (its parent is now init). Setup records the
// orphans already there; teardown waits briefly for the reapers, then fails the run if there are new ones.
// Servers of processes still running (a developer's own emulator, say) are not orphans.
import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

const record = path.join(os.tmpdir(), `neon-recovery-action-jest-${process.ppid}-${process.pid}.json`)

function servers() {
  const output = execFileSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' })
  return output
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter(([, ppid, ...args]) => ppid === '1' && /\bpostgres -D \S+/.test(args.join(' ')))
    .map(([pid, , ...args]) => `${pid} ${args.join(' ')}`)
}

export async function setup() {
  writeFileSync(record, JSON.stringify(servers()))
  process.env.NEON_RECOVERY_ACTION_JEST_RECORD = record
}

export async function teardown() {
  const before = new Set(JSON.parse(readFileSync(process.env.NEON_RECOVERY_ACTION_JEST_RECORD ?? record, 'utf8')))
  let leaked = []
  for (let waited = 0; waited <= 5000; waited += 250) {
    leaked = servers().filter((line) => !before.has(line))
    if (leaked.length === 0) return
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  throw new Error(`PostgreSQL servers outlived the test run:\n${leaked.join('\n')}`)
}
