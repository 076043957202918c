/**
 * The sub-actions (`<operation>/action.yml`): as generated from action.yml, valid actions, each with exactly its
 * operation's inputs (what its reader reads) and outputs (src/outputs.ts), over the one bundle.
 */
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { validateAction } from '@action-validator/core'
import { parse } from 'yaml'
import { inputsReadBy, OPERATIONS } from '../../src/inputs.js'
import { OUTPUTS } from '../../src/outputs.js'
import { subActionYaml, withSubActionsTable, type ActionYaml } from '../../tools/generate-sub-actions.js'

const rootYaml = readFileSync('action.yml', 'utf8')
const root = parse(rootYaml) as ActionYaml
const read = (operation: string) => readFileSync(path.join(operation, 'action.yml'), 'utf8')

describe.each(OPERATIONS)('%s/action.yml', (operation) => {
  const text = read(operation)
  const action = parse(text) as ActionYaml

  test('is as generated from action.yml (run npm run docs when this fails)', async () => {
    expect(text).toBe(await subActionYaml(rootYaml, operation))
  })

  test('is a valid action (node24 read as node20: the validator predates it)', () => {
    const state = validateAction(text.replace(/using: ['"]?node24['"]?/, 'using: node20'))
    expect(state.errors.map((error) => `${'path' in error ? error.path : ''} ${error.title}`)).toEqual([])
  })

  test("declares exactly the inputs its operation reads, with the root's descriptions and defaults", () => {
    expect(Object.keys(action.inputs).sort()).toEqual([...inputsReadBy(operation)].sort())
    for (const [name, input] of Object.entries(action.inputs)) {
      if (name !== 'operation') expect(input).toEqual(root.inputs[name])
    }
  })

  test('selects its operation through the default of its operation input (what the runner passes unset)', () => {
    expect(action.inputs.operation).toMatchObject({ required: false, default: operation })
  })

  test('declares exactly the outputs its operation writes', () => {
    expect(Object.keys(action.outputs ?? {}).sort()).toEqual([...OUTPUTS[operation]].sort())
    for (const [name, output] of Object.entries(action.outputs ?? {})) expect(output).toEqual(root.outputs[name])
  })

  test("runs the root's bundle, main and post, from one level down", () => {
    expect(action.runs).toEqual({ using: root.runs.using, main: '../dist/index.js', post: '../dist/index.js' })
    expect(existsSync(path.join(operation, action.runs.main))).toBe(true)
  })
})

test('docs/sub-actions.md lists every sub-action as generated (run npm run docs when this fails)', async () => {
  const doc = readFileSync('docs/sub-actions.md', 'utf8')
  expect(doc).toBe(await withSubActionsTable(doc))
  for (const operation of OPERATIONS) expect(doc).toContain(`neon-recovery/neon-recovery-action/${operation}@v1\``)
})
