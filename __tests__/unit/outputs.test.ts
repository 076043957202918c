/**
 * The declared outputs (src/outputs.ts) against action.yml, and the step refusing an undeclared one: src/main.ts
 * run with a stand-in operation that writes one, its @actions/core replaced to see what the step did.
 */
import { jest } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { parse } from 'yaml'
import { OPERATIONS } from '../../src/inputs.js'
import { checkOutputs, OUTPUTS, UndeclaredOutputError } from '../../src/outputs.js'
import { Summary } from '../../src/summary.js'

const action = parse(readFileSync('action.yml', 'utf8')) as { outputs: Record<string, unknown> }

test('every output of action.yml is declared by some operation, and every declared one is in action.yml', () => {
  const declared = new Set(OPERATIONS.flatMap((operation) => OUTPUTS[operation]))
  expect([...declared].sort()).toEqual(Object.keys(action.outputs).sort())
})

test('checkOutputs accepts the declared outputs and names the undeclared ones in a typed error', () => {
  expect(() => checkOutputs('prune', { deleted: '2' })).not.toThrow()
  expect(() => checkOutputs('snapshot', {})).not.toThrow()
  let caught: unknown
  try {
    checkOutputs('verify', { passed: 'true', 'branch-id': 'br-1', rows: '{}' })
  } catch (error) {
    caught = error
  }
  expect(caught).toBeInstanceOf(UndeclaredOutputError)
  expect((caught as UndeclaredOutputError).outputs).toEqual(['branch-id', 'rows'])
  expect((caught as Error).message).toContain('verify wrote outputs it does not declare (branch-id, rows)')
})

describe('the step', () => {
  const written: Record<string, string> = {}
  const failures: string[] = []
  let outputs: Record<string, string> = {}

  beforeAll(async () => {
    const inputs: Record<string, string> = {
      operation: 'prune',
      'api-key': 'napi_x',
      'project-id': 'p-1',
      match: 'x-*',
      'keep-last': '2'
    }
    jest.unstable_mockModule('@actions/core', () => ({
      getInput: (name: string) => inputs[name] ?? '',
      getState: () => '',
      saveState: () => undefined,
      setSecret: () => undefined,
      setOutput: (name: string, value: string) => (written[name] = value),
      setFailed: (message: string) => failures.push(message),
      info: () => undefined,
      warning: () => undefined,
      error: () => undefined,
      notice: () => undefined,
      debug: () => undefined,
      summary: { addRaw: () => ({ write: async () => undefined }) }
    }))
    jest.unstable_mockModule('../../src/operations/index.js', () => ({
      makesThrowaways: async () => false,
      runOperation: async () => ({ outputs, summary: new Summary().heading('Prune') })
    }))
  })

  async function runStep(result: Record<string, string>) {
    outputs = result
    failures.length = 0
    for (const name of Object.keys(written)) delete written[name]
    const { run } = await import('../../src/main.js')
    await run()
  }

  test('writes the outputs its operation declares', async () => {
    await runStep({ deleted: '3' })
    expect({ failures, written }).toEqual({ failures: [], written: { deleted: '3' } })
  })

  test('fails, writing no output, when its operation writes one it has not declared', async () => {
    await runStep({ deleted: '3', 'branch-id': 'br-1' })
    expect(written).toEqual({})
    expect(failures).toEqual([expect.stringContaining('prune wrote outputs it does not declare (branch-id)')])
  })
})
