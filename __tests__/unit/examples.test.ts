/**
 * The workflows users copy (examples/) and the project's own CI are checked as GitHub would read them: valid
 * workflow syntax, and every step of this action given inputs the action accepts. Each expression is replaced
 * by a value it can hold (a dispatch input by its default), so a default a user would run as is gets checked.
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { validateAction, validateWorkflow, type ValidationState } from '@action-validator/core'
import { parse } from 'yaml'
import { readSettings } from '../../src/inputs.js'

interface Step {
  id?: string
  uses?: string
  with?: Record<string, string | number | boolean>
  run?: string
  if?: string
}
interface Workflow {
  on?: { workflow_dispatch?: { inputs?: Record<string, { default?: string | boolean; required?: boolean }> } }
  jobs: Record<string, { steps: Step[] }>
}
interface ActionYml {
  runs: { using: string }
  inputs: Record<string, { default?: string }>
  outputs: Record<string, unknown>
}

/** This action in a `uses:` line: the root or a sub-action (group 1 or 2: its directory), here or published. */
const THIS_ACTION = /^(?:\.\/([\w-]*)$|neon-recovery\/neon-recovery-action(?:\/([\w-]+))?@)/
const readAction = (directory: string) => parse(readFileSync(path.join(directory, 'action.yml'), 'utf8')) as ActionYml
const action = readAction('.')
/** The directory of the action the step's `uses:` names: `.` for the root, or a sub-action's. */
const directoryOf = (step: Step) => {
  const [, here, published] = THIS_ACTION.exec(step.uses!)!
  return here || published || '.'
}
const actionOf = (step: Step) => readAction(directoryOf(step))
const workflows = [
  ...readdirSync('examples').map((file) => path.join('examples', file)),
  ...readdirSync('.github/workflows').map((file) => path.join('.github/workflows', file))
].filter((file) => /\.ya?ml$/.test(file))

/** What a step output of this action, or of the CI's emulator step, looks like. */
const SAMPLE_OUTPUTS: Record<string, string> = {
  lsn: '0/16B3748',
  'branch-id': 'br-small-tree-a1b2c3d4',
  'branch-name': 'main-pre-migration-1001-1',
  branchName: 'main',
  projectId: 'small-tree-12345678',
  apiKey: 'emulator-key',
  apiHost: 'http://127.0.0.1:4000/api/v2'
}

/** What a user types for a required dispatch input that has no default. */
const TYPED_INPUTS: Record<string, string> = { at: '90m ago', tables: 'orders' }

/** A value each expression can hold when the workflow runs. */
function evaluate(expression: string, workflow: Workflow): string {
  const dispatch = workflow.on?.workflow_dispatch?.inputs ?? {}
  let match: RegExpExecArray | null
  if ((match = /^inputs\.([\w-]+)(?: \|\| (\w+))?$/.exec(expression))) {
    const input = dispatch[match[1]]
    if (!input) throw new Error(`\${{ ${expression} }} names no workflow_dispatch input`)
    if (input.default !== undefined) return String(input.default)
    if (input.required) {
      if (!(match[1] in TYPED_INPUTS)) throw new Error(`add a typed value for the required input ${match[1]}`)
      return TYPED_INPUTS[match[1]]
    }
    return match[2] ?? ''
  }
  if ((match = /^secrets\.NEON_API_KEY$/.exec(expression))) return 'napi_example'
  if ((match = /^vars\.NEON_PROJECT_ID$/.exec(expression))) return 'small-tree-12345678'
  // A matrix leg of operation: projects' chunks output: a comma list of project ids.
  if ((match = /^matrix\.chunk$/.exec(expression))) return 'small-tree-12345678,quiet-lake-87654321'
  if ((match = /^steps\.[\w-]+\.outputs\.([\w-]+)$/.exec(expression))) {
    if (!(match[1] in SAMPLE_OUTPUTS)) throw new Error(`add a sample value for output ${match[1]}`)
    return SAMPLE_OUTPUTS[match[1]]
  }
  throw new Error(`no sample value for \${{ ${expression} }}`)
}

const substitute = (text: string, workflow: Workflow) =>
  text.replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_, expression: string) => evaluate(expression, workflow))

const errorsOf = (state: ValidationState) =>
  state.errors.map((error) => `${'path' in error ? error.path : ''} ${error.title}`)

test('action.yml is a valid action (node24 read as node20: the validator predates it)', () => {
  const text = readFileSync('action.yml', 'utf8')
  expect(action.runs.using).toBe('node24')
  expect(errorsOf(validateAction(text.replace(/using: ['"]?node24['"]?/, 'using: node20')))).toEqual([])
})

describe.each(workflows)('%s', (file) => {
  const text = readFileSync(file, 'utf8')
  const workflow = parse(text) as Workflow
  const steps = Object.values(workflow.jobs).flatMap((job) => job.steps)
  const ours = steps.filter((step) => step.uses && THIS_ACTION.test(step.uses))

  test('is a valid workflow', () => {
    expect(errorsOf(validateWorkflow(text))).toEqual([])
  })

  test('gives every step of this action inputs it accepts', () => {
    if (!file.startsWith('.github')) expect(ours.length).toBeGreaterThan(0)
    for (const step of ours) {
      const action = actionOf(step)
      const given = Object.fromEntries(
        Object.entries(step.with ?? {}).map(([name, value]) => [name, substitute(String(value), workflow)])
      )
      expect(Object.keys(given).filter((name) => !(name in action.inputs))).toEqual([])
      // A sub-action's operation is its own: given another, the step would run that one under the wrong name.
      if (directoryOf(step) !== '.') expect(given.operation).toBeUndefined()
      // As the runner does: an input not given arrives as its action.yml default.
      const getInput = (name: string) => given[name] ?? action.inputs[name]?.default ?? ''
      expect(() => readSettings({ getInput, now: new Date() })).not.toThrow()
    }
  })

  test("reads only outputs this action has from this action's steps", () => {
    const steps = new Map(ours.filter((step) => step.id).map((step) => [step.id, step]))
    const read = [...text.matchAll(/steps\.([\w-]+)\.outputs\.([\w-]+)/g)].filter(([, id]) => steps.has(id))
    const unknown = read.filter(([, id, output]) => !(output in actionOf(steps.get(id)!).outputs))
    expect(unknown.map(([expression]) => expression)).toEqual([])
  })
})
