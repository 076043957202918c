/** Reading inputs as the runner passes them, for the unit tests of the input readers. */
import { INPUTS, InputError, readSettings } from '../../src/inputs.js'

export interface ReadOptions {
  now: Date
  /** Unset inputs read as their action.yml default (as the runner passes them), else as empty. */
  withDefaults?: boolean
}

/** The settings `inputs` give; throws InputError as the action would. */
export function readInputs(inputs: Record<string, string>, { now, withDefaults = true }: ReadOptions) {
  const getInput = (name: string) => inputs[name] ?? (withDefaults ? INPUTS[name].default : '')
  return readSettings({ getInput, now })
}

/** The problems the InputError lists; fails when the inputs are accepted. */
export function inputProblems(inputs: Record<string, string>, options: ReadOptions): string[] {
  try {
    readInputs(inputs, options)
  } catch (error) {
    if (error instanceof InputError) return error.problems
    throw error
  }
  throw new Error('expected an InputError')
}

/** A verify with backend: postgres that every reader accepts. */
export const SELF_HOSTED_DRILL: Record<string, string> = {
  operation: 'verify',
  backend: 'postgres',
  backup: 'dir:/backups/base',
  'restore-command': 'cp /archive/%f "%p"',
  checks: 'SELECT true'
}
