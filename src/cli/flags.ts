/**
 * The command line's flags: the action's inputs (src/inputs.ts INPUTS, which a unit test keeps equal to
 * action.yml) under the same names, the operation as the first argument, and the Neon connection from the
 * environment. It only turns argv into the action's raw input values: src/inputs.ts validates them, so a bad
 * value gets the same fix-it message as in a workflow. No I/O here.
 */
import { parseArgs } from 'node:util'
import { INPUTS, OPERATIONS, readsInput, type OperationName } from '../inputs.js'

/** The connection inputs a laptop keeps in its environment, as neonctl and Neon's docs name them. */
export const ENVIRONMENT: Record<string, string> = {
  'api-key': 'NEON_API_KEY',
  'project-id': 'NEON_PROJECT_ID',
  'api-host': 'NEON_API_HOST'
}

/** Inputs that only mean something inside a workflow run, with what to do instead. */
const WORKFLOW_ONLY: Record<string, string> = {
  operation: 'give the operation as the first argument (e.g. neon-recovery snapshot --branch main)',
  comment: 'posts to a pull request, which exists only in a workflow run (read the summary printed here)',
  'github-token': 'is only used by comment, which exists only in a workflow run'
}

/** The CLI's own flags, beside the inputs. */
const OWN_FLAGS = ['yes', 'help']

export class FlagError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'))
    this.name = 'FlagError'
  }
}

export interface Flags {
  /** The first argument, "" when none was given (the action's default then applies). */
  operation: string
  /** The raw value of each input, "" when unset: what core.getInput gives src/inputs.ts. */
  getInput: (name: string) => string
  yes: boolean
  help: boolean
}

const isOperation = (name: string): name is OperationName => (OPERATIONS as readonly string[]).includes(name)

/** The action's inputs whose default is "false" are switches: `--dry-run` alone means true. */
function isSwitch(name: string): boolean {
  return INPUTS[name]?.default === 'false' || OWN_FLAGS.includes(name)
}

export function flagNames(): string[] {
  return Object.keys(INPUTS).filter((name) => !(name in WORKFLOW_ONLY))
}

/** Reads argv (without node and the script); throws FlagError listing every problem. */
export function parseFlags(argv: string[], env: NodeJS.ProcessEnv): Flags {
  const known = new Set([...flagNames(), ...OWN_FLAGS])
  // Not strict: the unknown and misused flags are reported here, all at once and in the inputs' terms.
  const options = Object.fromEntries(
    [...known].map((name) => [name, { type: isSwitch(name) ? ('boolean' as const) : ('string' as const) }])
  )
  const { tokens } = parseArgs({ args: argv, strict: false, allowPositionals: true, tokens: true, options })
  const values = new Map<string, string>()
  const positionals: string[] = []
  const problems: string[] = []
  /** The argument after a flag that is not known: its value, not the operation. */
  let valueOf = -1
  for (const token of tokens) {
    if (token.kind === 'positional' && token.index !== valueOf) positionals.push(token.value)
    if (token.kind !== 'option') continue
    const { name, value } = token
    if (!known.has(name) && value === undefined) valueOf = token.index + 1
    if (name in WORKFLOW_ONLY) problems.push(`--${name}: ${WORKFLOW_ONLY[name]}`)
    else if (!known.has(name))
      problems.push(
        `unknown flag --${name}; the flags are the action's inputs: ${flagNames().join(', ')} (and --yes, --help)`
      )
    else if (!isSwitch(name) && value === undefined) problems.push(`--${name}: needs a value (--${name} <value>)`)
    else values.set(name, value ?? 'true')
  }
  if (positionals.length > 1) {
    problems.push(`one operation at a time: got ${positionals.join(', ')} (quote a value that has spaces)`)
  }
  if (problems.length > 0) throw new FlagError(problems)
  const operation = positionals[0] ?? ''
  // The environment is a laptop's standing connection, not a choice made for this command: it fills only the
  // inputs the operation reads (NEON_PROJECT_ID stays out of `projects`, which would refuse a project-id).
  // backend: postgres reads no Neon connection at all.
  const neon = values.get('backend')?.trim().toLowerCase() !== 'postgres'
  const fromEnv = (name: string) =>
    neon && ENVIRONMENT[name] && (!isOperation(operation) || readsInput(operation, name))
      ? (env[ENVIRONMENT[name]] ?? '')
      : ''
  return {
    operation: positionals[0] ?? '',
    // Flags win over the environment.
    getInput: (name) => (name === 'operation' ? (positionals[0] ?? '') : (values.get(name) ?? fromEnv(name))),
    yes: values.get('yes') === 'true',
    help: values.get('help') === 'true'
  }
}
