/**
 * Every input read and validated in one place, before any API call. The result is one typed settings
 * object per operation. Problems are collected, so a user fixing a workflow sees all of them at once.
 *
 * GitHub passes every input: unset ones arrive as their action.yml default, or as "" when the action runs
 * outside a workflow (tests, the demo). So "set" means non-empty and different from the default.
 */
import { parseDuration } from './duration.js'
import { describePoint, HEAD, parsePoint, parseSource, type Point, type Source } from './point.js'
import { hasRules } from './retention.js'
import { BACKUP_EXAMPLES, parseBackup, type BackupSpec } from './selfhosted/backup.js'
import { parseConninfo } from './selfhosted/conninfo.js'
import type { StandbyOptions } from './selfhosted/standby.js'
import { validateTemplate } from './template.js'

export const OPERATIONS = [
  'snapshot',
  'restore',
  'bisect',
  'query',
  'verify',
  'prune',
  'recover',
  'undelete',
  'projects'
] as const
export type OperationName = (typeof OPERATIONS)[number]

/** Where the database lives: Neon (its API), or a self-hosted PostgreSQL's base backup and WAL archive. */
export const BACKENDS = ['neon', 'postgres'] as const
export type Backend = (typeof BACKENDS)[number]

interface InputSpec {
  default: string
  /** A more helpful problem than "not used" where users are likely to reach for this input. */
  misplaced?: Partial<Record<OperationName, string>>
}

export const NEON_API_HOST = 'https://console.neon.tech/api/v2'

/**
 * action.yml's default of github-token: the runner passes the workflow's token in its place, so this text
 * arrives only where no runner evaluated it (the tests' runner, local-action): then there is no token.
 */
export const GITHUB_TOKEN_DEFAULT = '${{ github.token }}'

/**
 * Names and defaults must match action.yml (a unit test compares them). Which operation uses an input is not
 * listed here: it is what that operation's reader reads (`inputsReadBy`).
 */
export const INPUTS: Record<string, InputSpec> = {
  operation: { default: 'snapshot' },
  backend: { default: 'neon' },
  backup: { default: '' },
  'restore-command': { default: '' },
  'pg-bin': { default: '' },
  'api-key': { default: '' },
  'project-id': { default: '' },
  'org-id': { default: '' },
  region: { default: '' },
  'api-host': { default: NEON_API_HOST },
  branch: {
    default: '',
    misplaced: { prune: 'prune chooses what to delete by name: put the branch in match (e.g. match: main-snapshot-*)' }
  },
  'dry-run': { default: 'false' },
  comment: { default: 'false' },
  'github-token': { default: GITHUB_TOKEN_DEFAULT },
  at: {
    default: 'head',
    misplaced: {
      restore: 'restore takes its point from source (write it there, e.g. source: ^self@90m ago)',
      bisect: 'bisect searches between the points good and bad (set those instead)'
    }
  },
  source: { default: '' },
  history: { default: '' },
  kind: { default: 'branch' },
  name: { default: '' },
  'expires-in': { default: '' },
  protected: { default: 'false' },
  database: { default: '' },
  role: { default: '' },
  confirm: { default: '' },
  check: { default: '' },
  good: { default: '' },
  bad: { default: 'head' },
  parallelism: { default: '3' },
  probe: { default: 'time-travel' },
  then: { default: 'report' },
  'check-timeout': { default: '30s' },
  'recovery-timeout': { default: '1h' },
  sql: { default: '' },
  checks: { default: '' },
  'checks-file': { default: '' },
  match: { default: '' },
  'keep-last': { default: '' },
  'keep-hourly': { default: '' },
  'keep-daily': { default: '' },
  'keep-weekly': { default: '' },
  'older-than': { default: '' },
  tables: { default: '' },
  where: { default: '' },
  into: { default: '' },
  mode: { default: 'schema' },
  'database-url': { default: '' },
  'verify-standby': { default: '' },
  'standby-timeout': { default: '5m' }
}

/** What each operation names the thing it creates, unless `name` says otherwise. */
export const DEFAULT_NAMES = {
  snapshot: '{branch}-snapshot-{run_id}',
  /** The Neon console's backup naming. */
  backup: '{branch}_old_{timestamp}',
  recovery: '{branch}-recovered-{run_id}'
} as const

/** Neon accepts expiry at most 30 days ahead. */
export const MAX_EXPIRY_MS = 30 * 24 * 60 * 60 * 1000
export const MAX_PARALLELISM = 16

/** The operations that work through a comma list of project-id one project after another (src/operations/several.ts). */
export const SEVERAL_PROJECTS: readonly OperationName[] = ['verify', 'prune']

interface CommonSettings {
  apiKey: string
  /** The project the operation works on: the first of projectIds (src/operations/several.ts runs each in turn). */
  projectId: string
  /** Every project of project-id; more than one only for SEVERAL_PROJECTS. */
  projectIds: string[]
  apiHost: string
  /** Branch name or id; undefined means the project's default branch. */
  branch?: string
  dryRun: boolean
  /** Where the result also goes: a comment on the pull request (src/comment/), with this token. */
  comment?: { token: string }
}

/** Where a point before the branch's last restore is read (src/lineage.ts). */
interface LineageSettings {
  /** The branch that holds the state before the last restore, when Neon's default backup name is not used. */
  history?: string
}

interface ConnectionSettings {
  /** Found automatically when the branch has exactly one. */
  database?: string
  role?: string
}

export interface SnapshotSettings extends CommonSettings, ConnectionSettings, LineageSettings {
  operation: 'snapshot'
  at: Point
  kind: 'branch' | 'snapshot'
  name: string
  expiresInMs?: number
  protected: boolean
}

export interface RestoreSettings extends CommonSettings, LineageSettings {
  operation: 'restore'
  source: Source
  /** Template for the backup that keeps the overwritten state. */
  name: string
  confirm?: string
}

export interface BisectSettings extends CommonSettings, ConnectionSettings, LineageSettings {
  operation: 'bisect'
  check: string
  good: Point
  bad: Point
  parallelism: number
  probe: 'time-travel' | 'branch'
  then: 'report' | 'branch' | 'restore' | 'recover'
  checkTimeoutMs: number
  /** The tables compared across the boundary (and undone by then: recover); undefined: those the check reads. */
  tables?: string[]
  /** Template for the recovery branch (then: branch) or the backup (then: restore). */
  name: string
  confirm?: string
}

export interface QuerySettings extends CommonSettings, ConnectionSettings, LineageSettings {
  operation: 'query'
  sql: string
  at: Point
}

export interface VerifySettings extends CommonSettings, ConnectionSettings, LineageSettings {
  operation: 'verify'
  at: Point
  /** Restore this snapshot into the drill branch instead of branching at `at`. */
  snapshot?: string
  /** SQL statements, one per line of `checks`; empty when they come from `checksFile`. */
  checks: string[]
  checksFile?: string
  checkTimeoutMs: number
}

export interface PruneSettings extends CommonSettings {
  operation: 'prune'
  match: string
  keepLast?: number
  keepHourly?: number
  keepDaily?: number
  keepWeekly?: number
  olderThanMs?: number
}

export interface RecoverSettings extends CommonSettings, ConnectionSettings, LineageSettings {
  operation: 'recover'
  at: Point
  tables: string[]
  where?: string
  /** Target schema; undefined means `recovered_<YYYYMMDD_HHMMSS>`, chosen when planning. */
  into?: string
  mode: 'schema' | 'merge'
}

export interface UndeleteSettings extends CommonSettings, ConnectionSettings {
  operation: 'undelete'
  /** Name or id of the deleted branch. */
  branch: string
}

/** recover with mode: undo: the changes made between `good` and `bad` undone at head (src/operations/undo.ts). */
export interface UndoSettings extends CommonSettings, ConnectionSettings, LineageSettings {
  operation: 'recover'
  mode: 'undo'
  /** The last point before the bad transaction (bisect's last-good-lsn). */
  good: Point
  /** The first point after it (bisect's first-bad-lsn). */
  bad: Point
  tables: string[]
  where?: string
}

/**
 * projects: the projects the key sees, filtered, as a matrix. It works on no project: projectId is "" and
 * projectIds empty, and it changes nothing, so it reads neither dry-run nor comment.
 */
export interface ProjectsSettings extends CommonSettings {
  operation: 'projects'
  orgId?: string
  /** A glob of project names to select (the same input as prune's glob of branch names). */
  match?: string
  /** A Neon region id, e.g. aws-us-east-2 (a project's `region_id`). */
  region?: string
}

/** What every operation with backend: postgres reads: the backup, its archive, the binaries, the point. */
export interface SelfHostedBackendSettings {
  backend: 'postgres'
  backup: BackupSpec
  /** The archive's restore_command, with %f and %p. */
  restoreCommand: string
  /** The server binaries' directory; undefined: found by the backup's version (src/selfhosted/binaries.ts). */
  pgBin?: string
  at: Point
  /** How long the restore and the WAL replay may take together (src/selfhosted/recovery-timeout.ts). */
  recoveryTimeoutMs: number
  /** Plan only (src/selfhosted/dry-run.ts): read the backup, the binaries, the point and the archive; start nothing. */
  dryRun: boolean
  /** Where the restored cluster is read. */
  database: string
  role: string
}

/** verify with backend: postgres (src/selfhosted/verify.ts): a drill of a base backup and its WAL archive. */
export interface SelfHostedVerifySettings extends SelfHostedBackendSettings {
  operation: 'verify'
  checks: string[]
  checksFile?: string
  checkTimeoutMs: number
  /** verify-standby: the restored cluster streams from this primary instead of promoting (src/selfhosted/standby.ts). */
  standby?: StandbyOptions
}

/** query with backend: postgres (src/selfhosted/query.ts): one read-only statement on the restored cluster. */
export interface SelfHostedQuerySettings extends SelfHostedBackendSettings {
  operation: 'query'
  sql: string
}

/** recover with backend: postgres (src/selfhosted/recover.ts): tables from the restored cluster into a live one. */
export interface SelfHostedRecoverSettings extends SelfHostedBackendSettings {
  operation: 'recover'
  /** The live database the tables go into (a secret). */
  databaseUrl: string
  tables: string[]
  where?: string
  into?: string
  mode: 'schema' | 'merge'
}

/**
 * bisect with backend: postgres (src/selfhosted/bisect.ts): the first LSN where `check` fails, replaying copies of
 * a cluster paused at `good` forward. Not `at`: the restore goes to `good`.
 */
export interface SelfHostedBisectSettings extends Omit<SelfHostedBackendSettings, 'at'> {
  operation: 'bisect'
  check: string
  /** A time or an LSN: the restore pauses there. */
  good: Point
  /** A time, an LSN, or head: the end of the archive. */
  bad: Point
  /** Copies replayed at once, a round. */
  parallelism: number
  checkTimeoutMs: number
}

export type SelfHostedSettings =
  SelfHostedVerifySettings | SelfHostedQuerySettings | SelfHostedRecoverSettings | SelfHostedBisectSettings

export function isSelfHosted(settings: Settings | SelfHostedSettings): settings is SelfHostedSettings {
  return 'backend' in settings && settings.backend === 'postgres'
}

export type Settings =
  | ProjectsSettings
  | SnapshotSettings
  | RestoreSettings
  | BisectSettings
  | QuerySettings
  | VerifySettings
  | PruneSettings
  | RecoverSettings
  | UndeleteSettings
  | UndoSettings

export class InputError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'))
    this.name = 'InputError'
  }
}

export interface InputSource {
  /** Returns the input's raw value, "" when unset (like core.getInput). */
  getInput: (name: string) => string
  now: Date
}

/** Reads and validates every input; throws InputError listing every problem found. */
export function readSettings({ getInput, now }: InputSource): Settings | SelfHostedSettings {
  const reader = new Reader(getInput)
  const operation = reader.parse('operation', parseOperation, 'snapshot')
  const backend = reader.parse<Backend | undefined>('backend', (text) => oneOf(text, BACKENDS), undefined)
  // Without a backend no input can be judged: every other one would be "not used".
  if (!backend) throw new InputError(reader.problems)
  reader.operation = operation
  const read = backend === 'postgres' ? selfHostedReader(operation) : READERS[operation]
  const settings = read(reader, now)
  reader.rejectUnread(operation, backend)
  if (reader.problems.length > 0) throw new InputError(reader.problems)
  return settings
}

/** The operations that work with backend: postgres so far; the others are refused before anything starts. */
const SELF_HOSTED_READERS: Partial<Record<OperationName, (reader: Reader, now: Date) => SelfHostedSettings>> = {
  verify: (reader, now) => {
    const backend = backendInputs(reader, now)
    return { operation: 'verify', ...backend, ...checksInputs(reader), standby: standbyInputs(reader, backend.at) }
  },
  query: (reader, now) => ({
    operation: 'query',
    ...backendInputs(reader, now),
    sql: reader.required('sql', 'the SQL to run')
  }),
  recover: (reader, now) => {
    const backend = backendInputs(reader, now)
    const mode = reader.parse('mode', (text) => oneOf(text, ['schema', 'merge'] as const), 'schema')
    const databaseUrl = reader.parse('database-url', parseDatabaseUrl, '')
    return { operation: 'recover', ...backend, databaseUrl, ...recoverInputs(reader, backend.at, mode) }
  },
  bisect: (reader, now) => ({ operation: 'bisect', ...archiveInputs(reader), ...selfHostedBisectInputs(reader, now) })
}

/** bisect over an archive: it restores to good and replays forward, so good is a time or an LSN, never head. */
function selfHostedBisectInputs(reader: Reader, now: Date) {
  const check = reader.required('check', 'an SQL query returning one boolean, true while the data is healthy')
  const good = reader.parse(
    'good',
    (text) => {
      const point = text ? parsePoint(text, now) : HEAD
      if (point.kind === 'head')
        throw new Error(
          'must be a time or an LSN where the check passes (e.g. good: 2h ago): the restore pauses there and replays forward'
        )
      return point
    },
    HEAD
  )
  return {
    check,
    good,
    bad: pointInput(reader, 'bad', now),
    parallelism: reader.parse('parallelism', (text) => parseCount(text, 1, MAX_PARALLELISM), 3),
    checkTimeoutMs: reader.parse('check-timeout', parseDuration, 30_000)
  }
}

function selfHostedReader(operation: OperationName): (reader: Reader, now: Date) => SelfHostedSettings {
  const read = SELF_HOSTED_READERS[operation]
  if (read) return read
  const available = Object.keys(SELF_HOSTED_READERS).join(', ')
  throw new InputError([
    `operation: ${operation} is not yet available with backend: postgres (it offers ${available}): ` +
      `use one of those, or backend: neon for ${operation} on Neon`
  ])
}

/**
 * The inputs `operation` reads with either backend, found by running its readers on unset inputs: what the
 * readers read is the one record of which operation uses which input, so no list can drift from the code.
 */
export function inputsReadBy(operation: OperationName): ReadonlySet<string> {
  let read = READS.get(operation)
  if (!read) {
    read = new Set(['backend', ...readBy(operation, 'neon'), ...readBy(operation, 'postgres')])
    READS.set(operation, read)
  }
  return read
}

const READS = new Map<OperationName, ReadonlySet<string>>()

/** The inputs `operation`'s reader for `backend` reads (none when the backend does not offer it). */
function readBy(operation: OperationName, backend: Backend): ReadonlySet<string> {
  const reader = new Reader((name) => (name === 'operation' ? operation : ''))
  reader.parse('operation', parseOperation, operation)
  reader.operation = operation
  const read = backend === 'neon' ? READERS[operation] : SELF_HOSTED_READERS[operation]
  read?.(reader, new Date())
  return read ? reader.read : new Set()
}

/** Whether `operation` reads the input `name`. */
export function readsInput(operation: OperationName, name: string): boolean {
  return inputsReadBy(operation).has(name)
}

type SettingsReader = (reader: Reader, now: Date) => Settings

/** Each operation's inputs: the common ones, the branch it works on, where it connects, and its own. */
const READERS: Record<OperationName, SettingsReader> = {
  snapshot: (reader, now) => ({
    operation: 'snapshot',
    ...commonInputs(reader),
    ...connectionInputs(reader),
    ...lineageInputs(reader),
    ...snapshotInputs(reader, pointInput(reader, 'at', now))
  }),
  restore: (reader, now) => ({
    operation: 'restore',
    ...commonInputs(reader),
    ...lineageInputs(reader),
    ...restoreInputs(reader, now)
  }),
  bisect: (reader, now) => ({
    operation: 'bisect',
    ...commonInputs(reader),
    ...connectionInputs(reader),
    ...lineageInputs(reader),
    ...bisectInputs(reader, (name) => pointInput(reader, name, now))
  }),
  query: (reader, now) => ({
    operation: 'query',
    ...commonInputs(reader),
    ...connectionInputs(reader),
    ...lineageInputs(reader),
    sql: reader.required('sql', 'the SQL to run'),
    at: pointInput(reader, 'at', now)
  }),
  verify: (reader, now) => ({
    operation: 'verify',
    ...commonInputs(reader),
    ...connectionInputs(reader),
    ...lineageInputs(reader),
    ...verifyInputs(reader, now, pointInput(reader, 'at', now))
  }),
  prune: (reader) => ({ operation: 'prune', ...commonInputs(reader, { branch: false }), ...pruneInputs(reader) }),
  recover: (reader, now) => {
    const common = { ...commonInputs(reader), ...connectionInputs(reader), ...lineageInputs(reader) }
    const mode = reader.parse('mode', (text) => oneOf(text, ['schema', 'merge', 'undo'] as const), 'schema')
    const undo = undoInputs(reader, mode, (name) => pointInput(reader, name, now))
    if (mode === 'undo') return { operation: 'recover', ...common, ...undo! }
    return { operation: 'recover', ...common, ...recoverInputs(reader, pointInput(reader, 'at', now), mode) }
  },
  undelete: (reader) => ({
    operation: 'undelete',
    ...commonInputs(reader),
    ...connectionInputs(reader),
    branch: reader.required('branch', 'the name or id of the deleted branch to bring back')
  }),
  projects: (reader) => ({
    operation: 'projects',
    apiKey: reader.apiKey(),
    apiHost: reader.parse('api-host', parseApiHost, NEON_API_HOST),
    projectId: '',
    projectIds: [],
    dryRun: false,
    orgId: reader.parseOptional('org-id', parseOrgId),
    match: reader.optional('match'),
    region: reader.parseOptional('region', parseRegion)
  })
}

/** Every operation reads these; all but prune (which chooses by name) work on one branch. */
function commonInputs(reader: Reader, { branch = true } = {}): CommonSettings {
  const apiKey = reader.apiKey()
  const several = SEVERAL_PROJECTS.includes(reader.operation)
  const projectIds = reader.parse('project-id', (text) => parseProjectIds(text, several, reader.operation), [''])
  return {
    apiKey,
    projectId: projectIds[0],
    projectIds,
    apiHost: reader.parse('api-host', parseApiHost, NEON_API_HOST),
    branch: branch ? reader.optional('branch') : undefined,
    dryRun: reader.parse('dry-run', parseBoolean, false),
    comment: commentInputs(reader)
  }
}

/** The token is read whatever comment says: the runner always passes it (its default is the workflow's token). */
function commentInputs(reader: Reader): CommonSettings['comment'] {
  const token = reader.raw('github-token')
  if (!reader.parse('comment', parseBoolean, false)) return undefined
  if (!token) {
    reader.fail(
      'github-token',
      'is empty, and comment: true needs a token that may write pull request comments: leave github-token unset ' +
        "(the workflow's token) or pass a secret that is set"
    )
  }
  return { token: token === GITHUB_TOKEN_DEFAULT ? '' : token }
}

function lineageInputs(reader: Reader): LineageSettings {
  return { history: reader.optional('history') }
}

function connectionInputs(reader: Reader): ConnectionSettings {
  return { database: reader.optional('database'), role: reader.optional('role') }
}

function pointInput(reader: Reader, name: string, now: Date): Point {
  return reader.parse(name, (text) => parsePoint(text, now), HEAD)
}

function snapshotInputs(reader: Reader, at: Point) {
  const kind = reader.parse('kind', (text) => oneOf(text, ['branch', 'snapshot'] as const), 'branch')
  const expiresInMs = reader.parseOptional('expires-in', parseExpiry)
  const isProtected = reader.parse('protected', parseBoolean, false)
  if (isProtected && kind === 'snapshot') {
    reader.fail('protected', 'Neon snapshots cannot be protected (remove protected, or use kind: branch)')
  }
  for (const name of ['database', 'role']) {
    if (kind === 'snapshot' && reader.isSet(name)) {
      reader.fail(
        name,
        `is not used with kind: snapshot, which makes no connection (remove ${name}, or use kind: branch)`
      )
    }
  }
  if (isProtected && expiresInMs !== undefined) {
    reader.fail('expires-in', 'Neon does not let protected branches expire (remove expires-in or protected)')
  }
  return { at, kind, name: reader.template(DEFAULT_NAMES.snapshot), expiresInMs, protected: isProtected }
}

function restoreInputs(reader: Reader, now: Date) {
  const source = reader.parse(
    'source',
    (text) => {
      if (!text) throw new Error('is empty: restore needs a source (^self@<point>, <branch>[@<point>], snapshot:<id>)')
      return parseSource(text, now)
    },
    { kind: 'self', point: HEAD }
  )
  return { source, name: reader.template(DEFAULT_NAMES.backup), confirm: reader.optional('confirm') }
}

function bisectInputs(reader: Reader, point: (name: string) => Point) {
  const check = reader.required('check', 'an SQL query returning one boolean, true while the data is healthy')
  if (reader.isEmpty('good')) {
    reader.fail('good', 'is empty: bisect needs a point where the check passes (e.g. good: 2h ago)')
  }
  const good = reader.isEmpty('good') ? HEAD : point('good')
  const bad = point('bad')
  const parallelism = reader.parse('parallelism', (text) => parseCount(text, 1, MAX_PARALLELISM), 3)
  const probe = reader.parse('probe', (text) => oneOf(text, ['time-travel', 'branch'] as const), 'time-travel')
  const then = reader.parse(
    'then',
    (text) => oneOf(text, ['report', 'branch', 'restore', 'recover'] as const),
    'report'
  )
  if ((then === 'report' || then === 'recover') && reader.isSet('name')) {
    reader.fail('name', 'only used with then: branch or then: restore (remove it, or choose one of those)')
  }
  if (then !== 'restore' && reader.isSet('confirm')) {
    reader.fail('confirm', 'only used with then: restore (remove it, or set then: restore)')
  }
  return {
    check,
    good,
    bad,
    parallelism,
    probe,
    then,
    checkTimeoutMs: reader.parse('check-timeout', parseDuration, 30_000),
    name: reader.template(then === 'restore' ? DEFAULT_NAMES.backup : DEFAULT_NAMES.recovery),
    confirm: reader.optional('confirm'),
    tables: reader.parseOptional('tables', parseTables)
  }
}

function verifyInputs(reader: Reader, now: Date, at: Point) {
  let snapshot: string | undefined
  const sourceText = reader.optional('source')
  if (sourceText !== undefined) {
    const source = reader.parseOptional('source', (text) => parseSource(text, now))
    if (source && source.kind !== 'snapshot') {
      reader.fail('source', `verify restores only snapshots ("snapshot:<id or name>"); for a branch point use at`)
    } else if (source) {
      snapshot = source.snapshot
    }
    if (reader.isSet('at'))
      reader.fail('at', 'conflicts with source: a drill starts from a snapshot or a point, not both')
  }
  return { at, snapshot, ...checksInputs(reader) }
}

/** verify's checks, with either backend. */
function checksInputs(reader: Reader): { checks: string[]; checksFile?: string; checkTimeoutMs: number } {
  const checks = splitLines(reader.optional('checks') ?? '')
  const checksFile = reader.optional('checks-file')
  if (checks.length > 0 && checksFile !== undefined) {
    reader.fail('checks-file', 'conflicts with checks (give the checks inline or in a file, not both)')
  }
  if (checks.length === 0 && checksFile === undefined) {
    reader.fail(
      'checks',
      'is empty: verify needs checks (one SQL statement a line, each returning true) or checks-file'
    )
  }
  return { checks, checksFile, checkTimeoutMs: reader.parse('check-timeout', parseDuration, 30_000) }
}

/** backend: postgres: no Neon inputs; the backup, its archive's restore_command, the binaries and the point. */
function backendInputs(reader: Reader, now: Date): SelfHostedBackendSettings {
  return { ...archiveInputs(reader), at: pointInput(reader, 'at', now) }
}

/** backend: postgres without the point: the backup, its archive's restore_command, the binaries, where to read. */
function archiveInputs(reader: Reader): Omit<SelfHostedBackendSettings, 'at'> {
  const backup = reader.parse<BackupSpec>(
    'backup',
    (text) => {
      if (!text) throw new Error(`is empty: backend: postgres restores a base backup (${BACKUP_EXAMPLES})`)
      return parseBackup(text)
    },
    { kind: 'command', shell: '' }
  )
  const restoreCommand = reader.parse('restore-command', parseRestoreCommand, '')
  return {
    backend: 'postgres',
    backup,
    restoreCommand,
    pgBin: reader.parseOptional('pg-bin', parseAbsolutePath),
    recoveryTimeoutMs: reader.parse('recovery-timeout', parseDuration, 3_600_000),
    dryRun: reader.parse('dry-run', parseBoolean, false),
    database: reader.optional('database') ?? 'postgres',
    role: reader.optional('role') ?? 'postgres'
  }
}

/**
 * verify-standby and standby-timeout (src/selfhosted/standby.ts). Only for the newest point: a standby replays
 * up to the primary's newest WAL, so it cannot stop at an earlier one, and a copy promoted there has forked its
 * own timeline, which cannot stream from the primary. The timeout is its own input, not check-timeout: catching
 * up with a busy primary takes minutes where a check takes seconds.
 */
function standbyInputs(reader: Reader, at: Point): StandbyOptions | undefined {
  const conninfo = reader.parseOptional('verify-standby', parseStandbyConninfo)
  const timeoutMs = reader.parse('standby-timeout', parseDuration, 300_000)
  if (conninfo === undefined) {
    if (reader.isSet('standby-timeout'))
      reader.fail('standby-timeout', 'only used with verify-standby (remove it, or set verify-standby)')
    return undefined
  }
  if (at.kind !== 'head')
    reader.fail(
      'verify-standby',
      `conflicts with at (${describePoint(at)}): a standby follows the primary to its newest WAL and cannot stop at ` +
        'an earlier point (a copy promoted there forks its own timeline, which cannot stream from the primary); ' +
        'remove at to prove the standby, or remove verify-standby to drill that point'
    )
  return { conninfo, timeoutMs }
}

/** The message never quotes the value: it is a secret. */
function parseStandbyConninfo(text: string): string {
  try {
    parseConninfo(text)
  } catch (error) {
    throw new Error(
      `${(error as Error).message} (the value is not shown: it is a secret); give the primary's libpq connection ` +
        'string, e.g. verify-standby: ${{ secrets.PRIMARY_CONNINFO }} holding ' +
        '"host=db.internal user=replicator password=..." or postgres://replicator:password@db.internal:5432',
      { cause: error }
    )
  }
  return text
}

/**
 * recover's live database with backend: postgres: a postgres:// (or postgresql://) connection URL, as libpq and
 * node-postgres take it (https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-CONNSTRING-URIS).
 * The message never quotes the value: it is a secret.
 */
function parseDatabaseUrl(text: string): string {
  const example = 'e.g. database-url: ${{ secrets.DATABASE_URL }} holding postgres://user:password@host:5432/db'
  if (!text) throw new Error(`is empty: recover with backend: postgres copies into a live database (${example})`)
  let url: URL | undefined
  try {
    url = new URL(text)
  } catch {
    url = undefined
  }
  if (!url || (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:'))
    throw new Error(`is not a postgres:// URL (the value is not shown: it is a secret); give one, ${example}`)
  return text
}

function pruneInputs(reader: Reader) {
  const match = reader.required('match', 'a glob of the branch and snapshot names to consider, e.g. main-snapshot-*')
  const count = (name: string) => reader.parseOptional(name, (text) => parseCount(text, 0, 100_000))
  const policy = {
    keepLast: count('keep-last'),
    keepHourly: count('keep-hourly'),
    keepDaily: count('keep-daily'),
    keepWeekly: count('keep-weekly'),
    olderThanMs: reader.parseOptional('older-than', parseDuration)
  }
  const rules = ['keep-last', 'keep-hourly', 'keep-daily', 'keep-weekly', 'older-than']
  const unreadable = reader.problems.some((problem) => rules.some((name) => problem.startsWith(`${name}:`)))
  // A policy of only zero counts would delete everything too.
  if (!unreadable && !hasRules(policy)) {
    reader.fail(
      'keep-last',
      'prune needs a policy, or it would delete everything that matches: set keep-last, keep-hourly, keep-daily, keep-weekly or older-than'
    )
  }
  return { match, ...policy }
}

function recoverInputs(reader: Reader, at: Point, mode: 'schema' | 'merge') {
  if (at.kind === 'head') {
    reader.fail('at', 'recover copies from a past point: set at to a time before the accident (e.g. at: 90m ago)')
  }
  const { tables, where } = tablesInputs(reader)
  const into = reader.parseOptional('into', parseIdentifier)
  if (into !== undefined && mode === 'merge') {
    reader.fail('into', 'is not used with mode: merge, which writes into the original tables (remove into)')
  }
  return { at, tables, where, into, mode }
}

/** The tables of recover and the one table's `where`. */
function tablesInputs(reader: Reader): { tables: string[]; where?: string } {
  const tables = reader.parse('tables', parseTables, [])
  const where = reader.optional('where')
  if (where !== undefined && tables.length > 1) {
    reader.fail('where', 'applies to one table, but tables lists several (recover them in separate steps)')
  }
  return { tables, where }
}

/**
 * mode: undo reads good and bad (bisect's last-good-lsn and first-bad-lsn) instead of at; the other modes refuse
 * them. Both are read whatever the mode, so that pasted steps (src/operations/common.ts) know recover takes them.
 */
function undoInputs(
  reader: Reader,
  mode: 'schema' | 'merge' | 'undo',
  point: (name: string) => Point
):
  | Omit<UndoSettings, keyof CommonSettings | keyof ConnectionSettings | keyof LineageSettings | 'operation'>
  | undefined {
  const given = { good: reader.isSet('good'), bad: reader.isSet('bad') }
  if (mode !== 'undo') {
    for (const name of ['good', 'bad'] as const)
      if (given[name]) reader.fail(name, 'is only used by recover with mode: undo (remove it, or set mode: undo)')
    return undefined
  }
  if (reader.isSet('at')) reader.fail('at', 'is not used with mode: undo, which reads good and bad (remove at)')
  if (reader.isSet('into')) reader.fail('into', 'is not used with mode: undo, which writes into the original tables')
  if (!given.good)
    reader.fail('good', "is empty: mode: undo needs the last point before the bad change (bisect's last-good-lsn)")
  if (!given.bad) {
    reader.fail(
      'bad',
      "is empty: mode: undo needs the first point after the bad change (bisect's first-bad-lsn), not head"
    )
  }
  const good = given.good ? point('good') : HEAD
  const bad = given.bad ? point('bad') : HEAD
  return { mode: 'undo', good, bad, ...tablesInputs(reader) }
}

class Reader {
  readonly problems: string[] = []
  /** Every input read so far, whatever its value. */
  readonly read = new Set<string>()

  /** The operation whose inputs are read (set once `operation` is parsed). */
  operation: OperationName = 'snapshot'

  constructor(private readonly getInput: (name: string) => string) {}

  /** The raw value, trimmed; "" when unset. Reading it marks the input as used. */
  raw(name: string): string {
    this.read.add(name)
    return this.peek(name)
  }

  /** The raw value without marking the input as used. */
  private peek(name: string): string {
    return (this.getInput(name) ?? '').trim()
  }

  value(name: string): string {
    return this.raw(name) || INPUTS[name].default
  }

  isSet(name: string): boolean {
    const raw = this.raw(name)
    return raw !== '' && raw !== INPUTS[name].default
  }

  isEmpty(name: string): boolean {
    return this.value(name) === ''
  }

  fail(name: string, problem: string): void {
    this.problems.push(`${name}: ${problem}`)
  }

  /** Parses the value (or default); on error records it and returns the fallback, never used once a problem exists. */
  parse<T>(name: string, parser: (text: string) => T, fallback: T): T {
    try {
      return parser(this.value(name))
    } catch (error) {
      this.fail(name, (error as Error).message)
      return fallback
    }
  }

  parseOptional<T>(name: string, parser: (text: string) => T): T | undefined {
    return this.isEmpty(name) ? undefined : this.parse<T | undefined>(name, parser, undefined)
  }

  optional(name: string): string | undefined {
    return this.value(name) || undefined
  }

  required(name: string, what: string): string {
    const value = this.value(name)
    if (!value) this.fail(name, `is empty: set it to ${what}`)
    return value
  }

  template(operationDefault: string): string {
    const template = this.value('name') || operationDefault
    try {
      validateTemplate(template)
    } catch (error) {
      this.fail('name', (error as Error).message)
    }
    return template
  }

  apiKey(): string {
    const key = this.raw('api-key')
    if (!key) {
      this.fail(
        'api-key',
        'is empty. Secrets are not passed to workflows triggered by pull requests from forks, and a misspelt secret ' +
          'name is empty too: pass api-key: ${{ secrets.NEON_API_KEY }} and run from a branch of this repository'
      )
    }
    return key
  }

  /**
   * Every input set to something other than its default that the operation's reader did not read is a mistake:
   * reported first, since it usually explains the others.
   */
  rejectUnread(operation: OperationName, backend: Backend = 'neon'): void {
    const unread = Object.entries(INPUTS)
      .filter(([name, spec]) => !this.read.has(name) && this.peek(name) !== '' && this.peek(name) !== spec.default)
      .map(([name, spec]) => `${name}: ${spec.misplaced?.[operation] ?? notUsed(name, operation, backend)}`)
    this.problems.unshift(...unread)
  }
}

function notUsed(name: string, operation: OperationName, backend: Backend): string {
  const other: Backend = backend === 'neon' ? 'postgres' : 'neon'
  if (readBy(operation, other).has(name))
    return `is only used with backend: ${other} (remove it, or set backend: ${other})`
  const users = OPERATIONS.filter((candidate) => readsInput(candidate, name))
  return `is not used by operation ${operation} (it applies to ${users.join(', ')}): remove it or change operation`
}

/** PostgreSQL substitutes %f (the file asked for) and %p (where to put it): a command without them fetches nothing. */
function parseRestoreCommand(text: string): string {
  if (!text) {
    throw new Error(
      `is empty: set it to the archive's restore_command, e.g. cp /archive/%f "%p" or pgbackrest --stanza=main archive-get %f "%p"`
    )
  }
  const missing = ['%f', '%p'].filter((placeholder) => !text.includes(placeholder))
  if (missing.length > 0) {
    throw new Error(
      `"${text}" has no ${missing.join(' and ')}: PostgreSQL puts the WAL file's name in %f and the path to write it ` +
        'to in %p (e.g. cp /archive/%f "%p")'
    )
  }
  return text
}

function parseAbsolutePath(text: string): string {
  if (!text.startsWith('/')) throw new Error(`"${text}" is not an absolute path (e.g. /usr/lib/postgresql/16/bin)`)
  return text.replace(/\/+$/, '')
}

function parseOperation(text: string): OperationName {
  return oneOf(text, OPERATIONS)
}

function oneOf<T extends string>(text: string, allowed: readonly T[]): T {
  const value = text.toLowerCase() as T
  if (!allowed.includes(value)) throw new Error(`"${text}" is not one of ${allowed.join(', ')}`)
  return value
}

function parseProjectId(text: string): string {
  if (!text) throw new Error('is empty: set it to your Neon project id (Settings → General in the Neon console)')
  if (!/^[a-z0-9-]{1,60}$/.test(text)) {
    throw new Error(
      `"${text}" is not a Neon project id (expected lower-case letters, digits and dashes like shiny-sun-12345678)`
    )
  }
  return text
}

/**
 * One project id, or for verify and prune a comma list of them (each run in turn); duplicates are refused, since
 * running a drill twice on one project is never meant.
 */
function parseProjectIds(text: string, several: boolean, operation: OperationName): string[] {
  const entries = text.split(',').map((id) => id.trim())
  if (entries.length > 1 && !several) {
    throw new Error(
      `lists ${entries.length} projects, but ${operation} works on one: run one step a project (a matrix over ` +
        `operation: projects' output), or use verify or prune, which take a comma list`
    )
  }
  if (entries.length > 1 && entries.includes('')) throw new Error(`"${text}" has an empty entry in its comma list`)
  const ids = entries.map(parseProjectId)
  const repeated = ids.filter((id, index) => ids.indexOf(id) !== index)
  if (repeated.length > 0) throw new Error(`lists ${repeated[0]} more than once (name each project once)`)
  return ids
}

/** Spec: listProjects `org_id` has the pattern ^[a-z0-9-]{1,60}$. */
function parseOrgId(text: string): string {
  if (!/^[a-z0-9-]{1,60}$/.test(text)) {
    throw new Error(
      `"${text}" is not a Neon organization id (expected lower-case letters, digits and dashes like org-morning-bread-81040908)`
    )
  }
  return text
}

/** Neon region ids are `<platform>-<region>`, e.g. aws-us-east-2 or azure-eastus2 (the spec's Project.region_id). */
function parseRegion(text: string): string {
  if (!/^[a-z0-9]+-[a-z0-9-]+$/.test(text)) {
    throw new Error(`"${text}" is not a Neon region id (expected one like aws-us-east-2)`)
  }
  return text
}

function parseApiHost(text: string): string {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    throw new Error(`"${text}" is not a URL (expected ${NEON_API_HOST})`)
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`"${text}" is not an http(s) URL (expected ${NEON_API_HOST})`)
  }
  return text.replace(/\/+$/, '')
}

/** YAML 1.2 core booleans, as core.getBooleanInput accepts them. */
export function parseBoolean(text: string): boolean {
  if (['true', 'True', 'TRUE'].includes(text)) return true
  if (['false', 'False', 'FALSE'].includes(text)) return false
  throw new Error(`"${text}" is not a boolean (expected true or false)`)
}

function parseCount(text: string, min: number, max: number): number {
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
    throw new Error(`"${text}" is not a whole number from ${min} to ${max}`)
  }
  return Number(text)
}

function parseExpiry(text: string): number {
  const ms = parseDuration(text)
  if (ms > MAX_EXPIRY_MS) throw new Error(`"${text}" is more than Neon's limit of 30 days (use 30d or less)`)
  return ms
}

const IDENTIFIER = String.raw`(?:[A-Za-z_][A-Za-z0-9_$]*|"(?:[^"]|"")+")`
const IDENTIFIER_PATTERN = new RegExp(`^${IDENTIFIER}$`)
const TABLE_PATTERN = new RegExp(`^${IDENTIFIER}(?:\\.${IDENTIFIER})?$`)

function parseIdentifier(text: string): string {
  if (!IDENTIFIER_PATTERN.test(text) || text.length > 63) {
    throw new Error(`"${text}" is not a schema name (letters, digits and _, at most 63 characters, or "quoted")`)
  }
  return text
}

function parseTables(text: string): string[] {
  const tables = text
    .split(',')
    .map((table) => table.trim())
    .filter(Boolean)
  if (tables.length === 0) throw new Error('is empty: name the tables to recover, e.g. tables: public.orders, users')
  const bad = tables.filter((table) => !TABLE_PATTERN.test(table))
  if (bad.length > 0) {
    throw new Error(
      `${bad.map((table) => `"${table}"`).join(', ')} is not a table name (expected table or schema.table)`
    )
  }
  return tables
}

/** One statement a line; blank lines and `--` comment lines are skipped. */
function splitLines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('--'))
}
