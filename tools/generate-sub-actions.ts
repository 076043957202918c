/**
 * Writes one sub-action an operation, `<operation>/action.yml`, from the root action.yml (`npm run docs`; a test
 * fails when one is stale): `uses: neon-recovery/neon-recovery-action/snapshot@v1` takes only snapshot's inputs
 * and outputs, as actions/cache's restore/ and save/ do over its one dist/.
 *
 * A JavaScript action can pass its step nothing but inputs, so each sub-action declares the root's `operation`
 * input with its operation as the default: the one bundle (dist/index.js) reads it as it does for the root, in the
 * main step and in the post step alike. Its inputs are what the operation's reader reads (inputsReadBy), its
 * outputs what it declares (src/outputs.ts), so neither list is kept here.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import * as prettier from 'prettier'
import { parseDocument, type Document, type Scalar, type YAMLMap } from 'yaml'
import { inputsReadBy, OPERATIONS, type OperationName } from '../src/inputs.js'
import { OUTPUTS } from '../src/outputs.js'

export interface ActionYaml {
  name: string
  description: string
  author?: string
  branding?: unknown
  inputs: Record<string, { description: string; required?: boolean; default?: string }>
  outputs: Record<string, { description: string }>
  runs: { using: string; main: string; post?: string }
}

const rootDirectory = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

/** What each sub-action does, for its name and description (the typed record makes a new operation add one). */
const PURPOSES: Record<OperationName, string> = {
  snapshot: 'Snapshot a Neon branch at a point in time: a branch (with its connection URI) or a Neon snapshot.',
  restore: "Restore a Neon branch to a point in its own past, another branch's point or a snapshot, keeping a backup.",
  bisect:
    'Find the exact LSN where an SQL check on a Neon branch first fails, then report, branch, restore or recover.',
  query: 'Run a read-only SQL query against a Neon branch as it was at a point in time.',
  verify: 'Restore drill: branch a Neon branch at a point (or restore a snapshot) and run SQL checks on it.',
  prune: 'Delete the Neon branches and snapshots matching a name pattern that a retention policy no longer keeps.',
  recover: 'Copy tables (optionally rows) of a Neon branch from a point in time back into it, or undo a bad change.',
  undelete: 'Bring back a deleted Neon branch (Neon keeps it for 7 days).',
  projects:
    'List the Neon projects an API key can see (by name, region, organization) as JSON for a job matrix, in chunks.'
}

/** What the sub-action's `operation` input says: it selects the operation in the bundle; nobody need set it. */
const operationDescription = (operation: OperationName) =>
  `Set by this sub-action to ${operation}; leave it unset (the root action takes any operation).`

/** Keeps the entries of the map at `key` that `keep` accepts, in the root's order with the root's formatting. */
function keepOnly(document: Document, key: string, keep: (name: string) => boolean): void {
  const map = document.get(key) as YAMLMap<Scalar<string>>
  map.items = map.items.filter((pair) => keep(pair.key.value))
}

/**
 * `<operation>/action.yml` as written: the root's text (its comments and folded descriptions kept) with the name
 * and description of the operation, its inputs and outputs only, and the bundle's paths taken from one level
 * down; formatted as `npm run format` would.
 */
export async function subActionYaml(rootYaml: string, operation: OperationName): Promise<string> {
  const document = parseDocument(rootYaml)
  const root = document.toJS() as ActionYaml
  const reads = inputsReadBy(operation)
  const missing = [...reads].filter((name) => !(name in root.inputs))
  missing.push(...OUTPUTS[operation].filter((name) => !(name in root.outputs)))
  if (missing.length > 0) throw new Error(`action.yml lacks ${missing.join(', ')}, which ${operation} uses`)

  document.set('name', `${root.name}: ${operation}`)
  document.set('description', PURPOSES[operation])
  keepOnly(document, 'inputs', (name) => reads.has(name))
  document.setIn(['inputs', 'operation', 'description'], operationDescription(operation))
  document.setIn(['inputs', 'operation', 'default'], operation)
  keepOnly(document, 'outputs', (name) => OUTPUTS[operation].includes(name))
  for (const step of ['main', 'post'] as const) {
    if (root.runs[step]) document.setIn(['runs', step], path.posix.join('..', root.runs[step]))
  }
  const header =
    ` Generated from ../action.yml by npm run docs (tools/generate-sub-actions.ts): edit that, not this.\n` +
    ` Used as neon-recovery/neon-recovery-action/${operation}@v1; see docs/sub-actions.md.`
  document.commentBefore = header
  const file = path.join(rootDirectory, operation, 'action.yml')
  const config = await prettier.resolveConfig(file)
  return prettier.format(document.toString({ lineWidth: 120 }), { ...config, filepath: file })
}

/** The table of sub-actions (their own inputs and outputs) in docs/sub-actions.md: a section of tools/generate-docs.ts. */
export function subActionsTable(): string {
  // The inputs every operation reads (the connection, dry-run, comment): listed once above the table.
  const common = new Set(
    [...inputsReadBy(OPERATIONS[0])].filter((name) =>
      OPERATIONS.every((operation) => inputsReadBy(operation).has(name))
    )
  )
  const code = (names: Iterable<string>) => [...names].map((name) => `\`${name}\``).join(', ') || '(none)'
  const rows = OPERATIONS.map(
    (operation) =>
      `| \`neon-recovery/neon-recovery-action/${operation}@v1\` | ${PURPOSES[operation]} | ` +
      `${code([...inputsReadBy(operation)].filter((name) => !common.has(name)))} | ${code(OUTPUTS[operation])} |`
  )
  return [
    `Every sub-action also takes ${code([...common].filter((name) => name !== 'operation'))}.`,
    '',
    '| uses | what it does | its own inputs | outputs |',
    '|---|---|---|---|',
    ...rows
  ].join('\n')
}

export async function writeSubActions(): Promise<void> {
  const rootYaml = readFileSync(path.join(rootDirectory, 'action.yml'), 'utf8')
  for (const operation of OPERATIONS) {
    mkdirSync(path.join(rootDirectory, operation), { recursive: true })
    writeFileSync(path.join(rootDirectory, operation, 'action.yml'), await subActionYaml(rootYaml, operation))
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await writeSubActions()
