/**
 * What every live scenario works with: the project (through live/neon.ts), branches named with this run's
 * prefix, connection strings the API hands out, and the built action run as the GitHub runner runs it
 * (tools/runner.ts). It also owns politeness: it deletes what each scenario made, never touches the default
 * branch, and checks at the end that the branch list is the one it found.
 */
import { expiryTime } from '../src/format.js'
import { NEON_API_HOST, readsInput, type OperationName } from '../src/inputs.js'
import { throwawayPrefix } from '../src/throwaway.js'
import { Job, type StepResult } from '../tools/runner.js'
import { Neon, type Branch, type NeonSettings } from './neon.js'

/** Leaf branches the suite makes expire after this, in case no `finally` runs (Neon deletes them). */
const BACKSTOP_MS = 3 * 3600_000
/** A branch of an earlier run this old is a leftover (a killed run): deleted before this run starts. */
const STALE_MS = 6 * 3600_000
/** The runner's step timeout is generous: on Neon, bisect's time-travel computes start one per probe. */
const STEP_TIMEOUT_MS = 15 * 60_000
/** The names of every run's branches: `live-<run>-<scenario part>`. */
const RUN_NAME = /^live-[0-9a-z]+-/

export class SettingsError extends Error {}

/** The three environment variables, checked before anything is called. */
export function readSettings(env: NodeJS.ProcessEnv): NeonSettings {
  const problems: string[] = []
  const apiKey = env.NEON_API_KEY?.trim() ?? ''
  const projectId = env.NEON_PROJECT_ID?.trim() ?? ''
  const apiHost = env.NEON_API_HOST?.trim() || NEON_API_HOST
  if (!apiKey) problems.push('NEON_API_KEY is not set: export an API key of the account that owns the project')
  if (!projectId) {
    problems.push('NEON_PROJECT_ID is not set: export the id of a disposable project whose branches may be overwritten')
  }
  if (!URL.canParse(apiHost)) problems.push(`NEON_API_HOST "${apiHost}" is not a URL (default ${NEON_API_HOST})`)
  if (problems.length > 0) throw new SettingsError(problems.join('\n'))
  return { apiKey, apiHost, projectId }
}

export interface LiveBranch {
  id: string
  name: string
  uri: string
}

export interface BranchOptions {
  /** Default: the project's default branch. */
  parentId?: string
  /**
   * Set Neon's `expires_at` as a backstop. Neon refuses children of an expiring branch, and a restore or a
   * snapshot or a drill makes one, so only a branch that stays a leaf may expire.
   */
  expires?: boolean
}

export interface StepOptions {
  /** The main step must exit 1 (a check that fails on purpose); its post step must still succeed. */
  expectFailure?: boolean
}

export class LiveContext {
  /** Numeric, as GitHub's run ids are: the action names its throwaway branches and snapshots after it. */
  readonly runId = String(Date.now())
  readonly prefix = `live-${Date.now().toString(36)}`
  private readonly job: Job

  private constructor(
    readonly neon: Neon,
    private readonly settings: NeonSettings,
    readonly defaultBranch: Branch,
    readonly database: { name: string; owner: string },
    private readonly baseline: Branch[]
  ) {
    this.job = new Job({ GITHUB_RUN_ID: this.runId })
  }

  /** Looks at the project, deletes what a killed earlier run left, and records the branch list to end with. */
  static async open(settings: NeonSettings, note: (line: string) => void): Promise<LiveContext> {
    const neon = new Neon(settings)
    const stale = (await neon.branches()).filter(
      (branch) => RUN_NAME.test(branch.name) && Date.now() - Date.parse(branch.created_at) > STALE_MS
    )
    if (stale.length > 0) {
      note(`note: deleting ${stale.length} branches an earlier run left: ${stale.map((b) => b.name).join(', ')}`)
      const problems = await neon.deleteBranches(stale.map((branch) => branch.id))
      if (problems.length > 0) throw new Error(`cannot delete an earlier run's branches: ${problems.join('; ')}`)
    }
    const baseline = await neon.branches()
    const defaultBranch = baseline.find((branch) => branch.default)
    if (!defaultBranch) throw new Error(`project ${settings.projectId} has no default branch`)
    return new LiveContext(neon, settings, defaultBranch, await neon.database(defaultBranch.id), baseline)
  }

  name(part: string): string {
    return `${this.prefix}-${part}`
  }

  /** A branch of this run with a compute, ready to connect to. */
  async branch(part: string, options: BranchOptions = {}): Promise<LiveBranch> {
    const created = await this.neon.createBranch({
      name: this.name(part),
      parentId: options.parentId ?? this.defaultBranch.id,
      expiresAt: options.expires ? expiryTime(Date.now(), BACKSTOP_MS) : undefined
    })
    return { id: created.id, name: created.name, uri: await this.uri(created.id) }
  }

  /** A connection string of a branch as the API hands it out (a compute is added when it has none). */
  uri(branchId: string): Promise<string> {
    return this.neon.connectionUri(branchId, this.database)
  }

  async branchNamed(name: string): Promise<Branch | undefined> {
    return (await this.neon.branches()).find((branch) => branch.name === name)
  }

  /**
   * Runs one step of the action (main, then its post step) with the project's connection inputs, as a workflow
   * would; a step that fails (or, with `expectFailure`, succeeds) throws with the action's error lines.
   */
  async step(inputs: Record<string, string>, options: StepOptions = {}): Promise<StepResult> {
    const operation = (inputs.operation ?? 'snapshot') as OperationName
    const connection: Record<string, string> = readsInput(operation, 'database')
      ? { database: this.database.name, role: this.database.owner }
      : {}
    const { apiKey, apiHost, projectId } = this.settings
    const { main, post } = await this.job.run(
      { 'api-key': apiKey, 'api-host': apiHost, 'project-id': projectId, ...connection, ...inputs },
      { timeoutMs: STEP_TIMEOUT_MS }
    )
    const expected = options.expectFailure ? 1 : 0
    if (main.exitCode !== expected) {
      const errors = main.errors.join(' | ') || `signal ${main.signal ?? 'none'}`
      throw new Error(`${operation} step exited ${main.exitCode}, expected ${expected}: ${errors}`)
    }
    if (post.exitCode !== 0)
      throw new Error(`${operation} post step exited ${post.exitCode}: ${post.errors.join(' | ')}`)
    return main
  }

  /** Deletes every branch this run made (its prefix, or the action's throwaway prefix for this run id). */
  async cleanUp(): Promise<void> {
    const known = new Set(this.baseline.map((branch) => branch.id))
    const ours = (await this.neon.branches()).filter(
      (branch) =>
        !known.has(branch.id) &&
        (branch.name.startsWith(`${this.prefix}-`) || branch.name.startsWith(throwawayPrefix(this.runId)))
    )
    const problems = await this.neon.deleteBranches(ours.map((branch) => branch.id))
    if (problems.length > 0) throw new Error(`could not delete: ${problems.join('; ')}`)
  }

  /**
   * The closing check: the project has exactly the branches it had at the start (ids and names). Anything new
   * is a failure, and is deleted; anything missing is a failure too (the suite must never delete what it did
   * not make).
   */
  async leftAsFound(): Promise<void> {
    const now = await this.neon.branches()
    const before = new Map(this.baseline.map((branch) => [branch.id, branch.name]))
    const added = now.filter((branch) => !before.has(branch.id))
    const missing = this.baseline.filter((branch) => !now.some((other) => other.id === branch.id))
    const renamed = now.filter((branch) => before.has(branch.id) && before.get(branch.id) !== branch.name)
    const problems = [
      ...added.map((branch) => `new branch ${branch.name} (${branch.id}), now deleted`),
      ...missing.map((branch) => `branch ${branch.name} (${branch.id}) is gone`),
      ...renamed.map((branch) => `branch ${branch.id} was ${before.get(branch.id)}, now ${branch.name}`)
    ]
    const undeleted = await this.neon.deleteBranches(added.map((branch) => branch.id))
    problems.push(...undeleted.map((problem) => `could not delete ${problem}`))
    if (problems.length > 0) throw new Error(problems.join('; '))
  }

  dispose(): void {
    this.job.dispose()
  }
}
