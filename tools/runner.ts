/**
 * Runs the built action (`dist/index.js`) exactly as the GitHub runner does: every input declared in
 * action.yml as `INPUT_<NAME>` (its default unless the step sets it), outputs through `GITHUB_OUTPUT`, the
 * job summary through `GITHUB_STEP_SUMMARY`, state through `GITHUB_STATE`, then the post step with that
 * state as `STATE_<name>`. Used by the integration tests and by `npm run demo`.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
export const DIST = path.join(root, 'dist', 'index.js')

interface ActionYaml {
  inputs: Record<string, { default?: string }>
  runs: { main: string; post?: string }
}

export interface StepResult {
  exitCode: number | null
  signal: NodeJS.Signals | null
  /** Everything the step printed (stdout and stderr, interleaved as received). */
  log: string
  outputs: Record<string, string>
  state: Record<string, string>
  summary: string
  /** `::error::` lines, without the command prefix. */
  errors: string[]
}

export interface RunOptions {
  /** Environment beyond the runner's (e.g. GITHUB_RUN_ID). */
  env?: Record<string, string>
  /** Kill the step with this signal once its log contains `killWhen`. */
  killWhen?: { pattern: RegExp; signal: NodeJS.Signals }
  /**
   * Cancel the run once the log matches, as the runner does: SIGINT, then SIGTERM 7.5 s later, then SIGKILL
   * 2.5 s after that (for a step still running).
   */
  cancelWhen?: RegExp
  /**
   * The directory of the action the step `uses:`, from the repository root: `.` (the default) or a sub-action
   * such as `snapshot`. Its action.yml gives the inputs' defaults and the script of the main and post steps.
   */
  action?: string
  /** Called with the whole log so far whenever the step prints (e.g. to start another job at some point). */
  onLog?: (log: string) => void
  timeoutMs?: number
}

function readAction(directory: string): ActionYaml {
  return parse(readFileSync(path.join(root, directory, 'action.yml'), 'utf8')) as ActionYaml
}

function declaredInputs(action: ActionYaml): Record<string, string> {
  return Object.fromEntries(Object.entries(action.inputs).map(([name, input]) => [name, input.default ?? '']))
}

/** The script the runner starts for the step: `runs.main`, or `runs.post` for the post step, from the action's directory. */
function scriptOf(action: ActionYaml, directory: string, post: boolean): string {
  const script = post ? action.runs.post : action.runs.main
  if (!script) throw new Error(`${directory}/action.yml has no runs.${post ? 'post' : 'main'}`)
  return path.resolve(root, directory, script)
}

/** Reads the `name<<delimiter` blocks that @actions/core writes to GITHUB_OUTPUT and GITHUB_STATE. */
export function parseCommandFile(text: string): Record<string, string> {
  const values: Record<string, string> = {}
  const lines = text.split('\n')
  for (let index = 0; index < lines.length; index++) {
    const match = /^([^<=]+)<<(.+)$/.exec(lines[index])
    if (match) {
      const [, name, delimiter] = match
      const value: string[] = []
      for (index++; index < lines.length && lines[index] !== delimiter; index++) value.push(lines[index])
      values[name] = value.join('\n')
    } else if (lines[index].includes('=')) {
      const at = lines[index].indexOf('=')
      values[lines[index].slice(0, at)] = lines[index].slice(at + 1)
    }
  }
  return values
}

export interface JobOptions {
  /**
   * The node binary that runs the bundle, as `runs.using` picks the runner's Node: this process's own unless
   * given (e.g. Node 24 from tools/node24.ts).
   */
  node?: string
}

/** The runner's environment for one job: the same run id, workspace and files across its steps. */
export class Job {
  readonly dir = mkdtempSync(path.join(os.tmpdir(), 'action-job-'))
  private step = 0

  constructor(
    private readonly env: Record<string, string> = {},
    private readonly options: JobOptions = {}
  ) {}

  private baseEnv(): Record<string, string> {
    const eventPath = path.join(this.dir, 'event.json')
    writeFileSync(eventPath, '{}')
    return {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      GITHUB_RUN_ID: '4242',
      GITHUB_RUN_ATTEMPT: '1',
      GITHUB_SHA: 'c0ffee1234567890c0ffee1234567890c0ffee12',
      GITHUB_REPOSITORY: 'acme/shop',
      GITHUB_WORKFLOW: 'deploy',
      GITHUB_JOB: 'migrate',
      GITHUB_EVENT_NAME: 'workflow_dispatch',
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_WORKSPACE: this.dir,
      RUNNER_TEMP: this.dir,
      ...this.env
    }
  }

  /** Runs the main step with `inputs`, then its post step, as the runner does at the end of the job. */
  async run(inputs: Record<string, string>, options: RunOptions = {}): Promise<{ main: StepResult; post: StepResult }> {
    const main = await this.runMain(inputs, options)
    const post = await this.runPost(inputs, main.state, { action: options.action })
    return { main, post }
  }

  async runMain(inputs: Record<string, string>, options: RunOptions = {}): Promise<StepResult> {
    return this.execute(inputs, {}, options, false)
  }

  async runPost(
    inputs: Record<string, string>,
    state: Record<string, string>,
    options: Pick<RunOptions, 'action'> = {}
  ): Promise<StepResult> {
    const stateEnv = Object.fromEntries(Object.entries(state).map(([name, value]) => [`STATE_${name}`, value]))
    return this.execute(inputs, stateEnv, options, true)
  }

  private async execute(
    inputs: Record<string, string>,
    extra: Record<string, string>,
    options: RunOptions,
    post: boolean
  ) {
    const step = ++this.step
    const files = {
      GITHUB_OUTPUT: path.join(this.dir, `output-${step}`),
      GITHUB_STATE: path.join(this.dir, `state-${step}`),
      GITHUB_STEP_SUMMARY: path.join(this.dir, `summary-${step}`),
      GITHUB_ENV: path.join(this.dir, `env-${step}`),
      GITHUB_PATH: path.join(this.dir, `path-${step}`)
    }
    for (const file of Object.values(files)) writeFileSync(file, '')
    const directory = options.action ?? '.'
    const action = readAction(directory)
    const inputEnv: Record<string, string> = {}
    for (const [name, value] of Object.entries({ ...declaredInputs(action), ...inputs })) {
      inputEnv[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value
    }
    const child = spawn(this.options.node ?? process.execPath, [scriptOf(action, directory, post)], {
      env: { ...this.baseEnv(), ...files, ...inputEnv, ...extra, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let log = ''
    let killed = false
    const escalation: NodeJS.Timeout[] = []
    const onData = (chunk: Buffer) => {
      log += chunk.toString()
      options.onLog?.(log)
      if (options.killWhen && !killed && options.killWhen.pattern.test(log)) {
        killed = true
        child.kill(options.killWhen.signal)
      }
      if (options.cancelWhen && !killed && options.cancelWhen.test(log)) {
        killed = true
        child.kill('SIGINT')
        escalation.push(setTimeout(() => child.kill('SIGTERM'), 7500))
        escalation.push(setTimeout(() => child.kill('SIGKILL'), 10_000))
      }
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000)
    const [exitCode, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
      child.once('close', (code, sig) => resolve([code, sig]))
    )
    clearTimeout(timer)
    escalation.forEach(clearTimeout)
    return {
      exitCode,
      signal,
      log,
      outputs: parseCommandFile(readFileSync(files.GITHUB_OUTPUT, 'utf8')),
      state: parseCommandFile(readFileSync(files.GITHUB_STATE, 'utf8')),
      summary: readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8'),
      errors: log
        .split('\n')
        .filter((line) => line.startsWith('::error'))
        .map((line) => line.replace(/^::error[^:]*::/, ''))
    }
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true })
  }
}
