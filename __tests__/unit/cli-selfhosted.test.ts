/** The command line with --backend postgres: no Neon connection from the environment; what it asks before. */
import { parseFlags } from '../../src/cli/flags.js'
import { selfHostedDestructiveStep } from '../../src/cli/selfhosted.js'
import { INPUTS, readSettings, type SelfHostedSettings } from '../../src/inputs.js'

const env = { NEON_API_KEY: 'napi_x', NEON_PROJECT_ID: 'p-1' }
const selfHosted = ['--backend', 'postgres', '--backup', 'dir:/b', '--restore-command', 'cp /a/%f %p']

test("a laptop's NEON_API_KEY does not reach backend: postgres, which would refuse it as unused", () => {
  expect(parseFlags(['verify', ...selfHosted], env).getInput('api-key')).toBe('')
  expect(parseFlags(['verify', ...selfHosted], env).getInput('project-id')).toBe('')
  expect(parseFlags(['verify'], env).getInput('api-key')).toBe('napi_x')
})

test('only recover with mode: merge writes in place, so only it asks first', () => {
  const settings = (args: string[]) => {
    const flags = parseFlags(args, {})
    return readSettings({
      getInput: (name) => flags.getInput(name) || INPUTS[name].default,
      now: new Date()
    }) as SelfHostedSettings
  }
  const recover = [
    'recover',
    ...selfHosted,
    '--tables',
    'public.t',
    '--database-url',
    'postgres://u@h/db',
    '--at',
    '1h ago'
  ]
  expect(selfHostedDestructiveStep(settings([...recover, '--mode', 'merge']))).toMatch(/writes into the live database/)
  expect(selfHostedDestructiveStep(settings(recover))).toBeUndefined()
  expect(selfHostedDestructiveStep(settings(['verify', ...selfHosted, '--checks', 'SELECT true']))).toBeUndefined()
})
