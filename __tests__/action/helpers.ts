/**
 * Shared by the action's integration tests: one emulator per test file, the built action run through
 * tools/runner.ts exactly as the GitHub runner does, SQL on the branches, and a record of everything the action
 * wrote (log, outputs, summaries) so a file can scan it for secrets at the end.
 */
import { createApiClient } from '@neondatabase/api-client'
import type { AxiosError } from 'axios'
import { startEmulator, type Emulator, type EmulatorOptions, type RequestLogEntry } from '../../emulator/index.js'
import { node24Unavailable } from '../../tools/node24.js'
import { Job, type JobOptions, type RunOptions, type StepResult } from '../../tools/runner.js'

export type Api = ReturnType<typeof createApiClient>

export interface Step {
  main: StepResult
  post: StepResult
  /** The API requests the step (main and post) made. */
  requests: RequestLogEntry[]
}

export class ActionHarness {
  /** Every step run in this file, for the secrets scan. */
  readonly steps: Step[] = []
  private readonly jobs: Job[] = []
  private runs = 0

  private constructor(
    readonly emulator: Emulator,
    readonly api: Api,
    private readonly jobOptions: JobOptions
  ) {}

  /** An emulator with `options`; every job runs the bundle as `jobOptions` says (e.g. on Node 24). */
  static async start(options: EmulatorOptions = {}, jobOptions: JobOptions = {}): Promise<ActionHarness> {
    const emulator = await startEmulator({ validate: true, log: () => undefined, branchLimit: 100, ...options })
    const api = createApiClient({ apiKey: emulator.info.apiKey, baseURL: emulator.info.apiHost })
    // A failed request names what the emulator answered (an internal error's cause), not only its status.
    api.instance.interceptors.response.use(undefined, (error: AxiosError) => {
      if (error.response) error.message += `: ${JSON.stringify(error.response.data)}`
      throw error
    })
    return new ActionHarness(emulator, api, jobOptions)
  }

  get projectId(): string {
    return this.emulator.info.projectId
  }

  /** The inputs every step needs to reach the emulator. */
  get connection(): Record<string, string> {
    const { apiKey, apiHost, projectId } = this.emulator.info
    return { 'api-key': apiKey, 'api-host': apiHost, 'project-id': projectId }
  }

  /** A new job (its own workflow run unless `runId` is given), as the runner starts one. */
  job(runId = String(1000 + ++this.runs)): Job {
    const job = new Job({ GITHUB_RUN_ID: runId }, this.jobOptions)
    this.jobs.push(job)
    return job
  }

  /**
   * Runs one step (main, then post) of the action with the emulator's connection inputs plus `inputs`; `options`
   * as tools/runner.ts takes them (e.g. `action: 'snapshot'` for a sub-action).
   */
  async run(inputs: Record<string, string>, job: Job = this.job(), options: RunOptions = {}): Promise<Step> {
    const before = this.emulator.requestLog().length
    const { main, post } = await job.run({ ...this.connection, ...inputs }, options)
    const step = { main, post, requests: this.emulator.requestLog().slice(before) }
    this.steps.push(step)
    return step
  }

  async stop(): Promise<void> {
    for (const job of this.jobs) job.dispose()
    await this.emulator.stop()
  }

  /** Creates a branch with a compute and waits for it; returns its id and a connection string. */
  async createBranch(name: string, parentId = this.emulator.info.branchId): Promise<{ id: string; uri: string }> {
    const { data } = await this.api.createProjectBranch(this.projectId, {
      branch: { name, parent_id: parentId },
      endpoints: [{ type: 'read_write' as never }]
    })
    await this.waitForOperations(data.operations.map((operation) => operation.id))
    return { id: data.branch.id, uri: await this.connectionUri(data.branch.id) }
  }

  /** A connection string of the branch, giving it a compute first when it has none (as a restore backup). */
  async connectionUri(branchId: string): Promise<string> {
    const endpoints = await this.api.listProjectBranchEndpoints(this.projectId, branchId)
    if (endpoints.data.endpoints.length === 0) {
      const { data } = await this.api.createProjectEndpoint(this.projectId, {
        endpoint: { branch_id: branchId, type: 'read_write' as never }
      })
      await this.waitForOperations(data.operations.map((operation) => operation.id))
    }
    const { databaseName, roleName } = this.emulator.info
    const { data } = await this.api.getConnectionUri({
      projectId: this.projectId,
      branch_id: branchId,
      database_name: databaseName,
      role_name: roleName
    })
    return data.uri
  }

  async branch(branchId: string) {
    const { data } = await this.api.getProjectBranch(this.projectId, branchId)
    return data
  }

  /** Neon's branch list; with `includeDeleted`, soft-deleted branches that can still be recovered too. */
  async branches({ includeDeleted = false } = {}) {
    const { data } = await this.api.listProjectBranches({
      projectId: this.projectId,
      ...(includeDeleted ? { include_deleted: true } : {})
    })
    return data.branches
  }

  async waitForOperations(ids: string[], timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs
    for (const id of ids) {
      for (;;) {
        const { data } = await this.api.getProjectOperation(this.projectId, id)
        if (data.operation.status === 'finished') break
        if (Date.now() > deadline) throw new Error(`operation ${id} still ${data.operation.status}`)
        await new Promise((resolve) => setTimeout(resolve, 25))
      }
    }
  }

  /** Every secret of the project: the API key and each role's password on every branch. */
  async secrets(): Promise<string[]> {
    const secrets = new Set([this.emulator.info.apiKey])
    for (const branch of await this.branches()) {
      const { data } = await this.api.listProjectBranchRoles(this.projectId, branch.id)
      for (const role of data.roles) {
        const revealed = await this.api.getProjectBranchRolePassword(this.projectId, branch.id, role.name)
        secrets.add(revealed.data.password)
      }
    }
    return [...secrets]
  }
}

/** The lines (of logs, summaries and outputs) that show a secret outside an `::add-mask::` command. */
export function leaks(steps: Step[], secrets: string[]): string[] {
  const found: string[] = []
  for (const [index, step] of steps.entries()) {
    for (const [phase, result] of [
      ['main', step.main],
      ['post', step.post]
    ] as const) {
      const texts: [string, string][] = [
        ['log', result.log],
        ['summary', result.summary],
        ...Object.entries(result.outputs)
          // The connection URI output carries the password by design; it is masked (checked by the tests).
          .filter(([name]) => name !== 'connection-uri')
          .map(([name, value]): [string, string] => [`output ${name}`, value])
      ]
      for (const [where, text] of texts) {
        for (const line of text.split('\n')) {
          if (line.startsWith('::add-mask::')) continue
          if (secrets.some((secret) => line.includes(secret))) found.push(`step ${index} ${phase} ${where}: ${line}`)
        }
      }
    }
  }
  return found
}

/** Checks that `secret` is masked before the log shows it, and never shown outside the mask command. */
export function expectMasked(log: string, secret: string): void {
  const lines = log.split('\n')
  const mask = lines.indexOf(`::add-mask::${secret}`)
  expect(mask).toBeGreaterThanOrEqual(0)
  const shown = lines.findIndex((line) => line.includes(secret) && !line.startsWith('::add-mask::'))
  expect(shown).toBe(-1)
}

/**
 * A describe block that needs Node 24: where there is none (tools/node24.ts) it is skipped with the reason in
 * its name, so the run reports it skipped rather than passed.
 */
export function describeOnNode24(name: string, body: () => void): void {
  if (node24Unavailable) describe.skip(`${name} (skipped: ${node24Unavailable})`, body)
  else describe(name, body)
}

export const mutating = (requests: RequestLogEntry[]): string[] =>
  requests.filter((request) => request.mutating).map((request) => `${request.method} ${request.path}`)

import { formatLsn } from '../../src/lsn.js'
export { commitEnd } from '../../tools/commit-lsn.js'
export { currentLsn, query } from '../emulator/api-helpers.js'
import { query } from '../emulator/api-helpers.js'

/** A bisect step that succeeded with `firstBad` as its answer (and the aligned LSN before it as last good). */
export function expectAnswer(step: Step, firstBad: bigint): void {
  expect(step.main.errors).toEqual([])
  expect(step.main.exitCode).toBe(0)
  expect(step.post.exitCode).toBe(0)
  expect(step.main.outputs['first-bad-lsn']).toBe(formatLsn(firstBad))
  expect(step.main.outputs['last-good-lsn']).toBe(formatLsn(firstBad - 8n))
}

/** The ids in table `table`, in order. */
export async function ids(uri: string, table: string): Promise<number[]> {
  return (await query<{ id: number }>(uri, `SELECT id FROM ${table} ORDER BY id`)).map((row) => row.id)
}

/** Waits until the emulator's clock (which follows real time) has moved past `ms` since now. */
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

export const LSN_FORMAT = /^[0-9A-F]{1,8}\/[0-9A-F]{1,8}$/
export const TIME_FORMAT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/
