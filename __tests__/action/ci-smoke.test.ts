/**
 * The smoke job of the project's own CI (.github/workflows/ci.yml) run here step by step, as the runner would:
 * its shell steps with bash and GITHUB_OUTPUT, its `uses: ./` steps through tools/runner.ts (post steps at the
 * end of the job, last first), and `${{ steps.*.outputs.* }}` filled in from the steps before. The set-up
 * steps (checkout, setup-node, installing PostgreSQL and packages) are what `.ci/run` already did here.
 */
import { spawn } from 'node:child_process'
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { parse } from 'yaml'
import { Job, parseCommandFile, type StepResult } from '../../tools/runner.js'

interface WorkflowStep {
  name?: string
  id?: string
  uses?: string
  run?: string
  with?: Record<string, string>
  env?: Record<string, string>
}

const SET_UP = /^(actions\/checkout|actions\/setup-node)@|apt-get install|^npm ci$/
const workflow = parse(readFileSync('.github/workflows/ci.yml', 'utf8')) as {
  jobs: Record<string, { steps: WorkflowStep[] }>
}
const job = new Job()
/** Process groups of the shell steps: what they left running (the emulator) is stopped with the job. */
const groups: number[] = []

const alive = (group: number) => {
  try {
    process.kill(-group, 0)
    return true
  } catch {
    return false
  }
}

afterAll(async () => {
  for (const group of groups.filter(alive)) process.kill(-group, 'SIGTERM')
  // The emulator stops its servers on SIGTERM: wait for that, so nothing outlives the test file.
  for (let waited = 0; waited < 15_000 && groups.some(alive); waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  rmSync('emulator.json', { force: true })
  job.dispose()
})

/** Runs a `run:` step as the runner does (bash -eo pipefail); resolves when bash exits, not its background jobs. */
function runShell(
  script: string,
  stepEnv: Record<string, string> = {}
): Promise<{ exitCode: number | null; log: string; outputs: Record<string, string> }> {
  const outputFile = path.join(job.dir, `shell-output-${groups.length}`)
  writeFileSync(outputFile, '')
  const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], {
    env: { ...process.env, ...stepEnv, GITHUB_OUTPUT: outputFile, GITHUB_ACTIONS: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true
  })
  groups.push(child.pid!)
  let log = ''
  child.stdout.on('data', (chunk: Buffer) => (log += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()))
  return new Promise((resolve) =>
    child.once('exit', (exitCode) =>
      resolve({ exitCode, log, outputs: parseCommandFile(readFileSync(outputFile, 'utf8')) })
    )
  )
}

test('the CI smoke job runs green: the emulator starts, the action snapshots (uses: ./snapshot) and restores (uses: ./)', async () => {
  const outputs: Record<string, Record<string, string>> = {}
  const substitute = (text: string) =>
    text.replace(/\$\{\{\s*steps\.([\w-]+)\.outputs\.([\w-]+)\s*\}\}/g, (_, id: string, name: string) => {
      const value = outputs[id]?.[name]
      if (value === undefined) throw new Error(`no output ${name} of step ${id} yet`)
      return value
    })
  const posts: { inputs: Record<string, string>; main: StepResult; action: string }[] = []
  const ran: string[] = []
  const used: string[] = []

  for (const step of workflow.jobs.smoke.steps) {
    if (SET_UP.test(step.uses ?? step.run ?? '')) continue
    const label = step.name ?? step.run!
    if (step.run) {
      // The step's env: as the runner sets it, its expressions evaluated (outputs reach scripts only this way).
      const env = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, substitute(String(v))]))
      const shell = await runShell(substitute(step.run), env)
      expect({ step: label, exitCode: shell.exitCode, errors: shell.log.match(/::error::.*/g) }).toEqual({
        step: label,
        exitCode: 0,
        errors: null
      })
      if (step.id) outputs[step.id] = shell.outputs
    } else {
      // This repository's root action (./) or one of its sub-actions (./snapshot), each with its own action.yml.
      const action = /^\.\/([\w-]*)$/.exec(step.uses ?? '')?.[1]
      expect({ step: label, uses: action === undefined ? step.uses : './' }).toEqual({ step: label, uses: './' })
      const inputs = Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, substitute(String(v))]))
      const main = await job.runMain(inputs, { action: action || '.' })
      expect({ step: label, exitCode: main.exitCode, errors: main.errors }).toEqual({
        step: label,
        exitCode: 0,
        errors: []
      })
      posts.unshift({ inputs, main, action: action || '.' })
      used.push(step.uses!)
      if (step.id) outputs[step.id] = main.outputs
    }
    ran.push(label)
  }
  for (const { inputs, main, action } of posts)
    expect((await job.runPost(inputs, main.state, { action })).exitCode).toBe(0)

  expect(ran).toEqual(['Start the emulator', 'Snapshot', 'Restore from the snapshot', 'Check the outputs'])
  expect(used).toEqual(['./snapshot', './'])
  expect(outputs.snapshot['branch-name']).toMatch(/\S/)
  // The API key shows in what the action printed only where it asks the runner to mask it.
  const logs = posts.map(({ main }) => main.log).join('\n')
  const linesWithKey = logs.split('\n').filter((line) => line.includes(outputs.emulator.apiKey))
  expect(linesWithKey.filter((line) => !line.startsWith('::add-mask::'))).toEqual([])
}, 120_000)
