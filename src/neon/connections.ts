/**
 * What connecting to a branch takes, as Neon keeps it: the branch's compute endpoints, its databases and roles,
 * a role's password and the connection URI. Named for that purpose rather than "computes": databases and roles
 * are not computes, and nothing here is read for any other reason.
 */
import type { Database, Endpoint, Operation as NeonOperation, Role } from '@neondatabase/api-client'
import type { Transport } from './transport.js'

export class Connections {
  constructor(private readonly transport: Transport) {}

  private get projectId(): string {
    return this.transport.projectId
  }

  async listEndpoints(branchId: string): Promise<Endpoint[]> {
    const data = await this.transport.read(
      `list endpoints of ${branchId}`,
      { kind: 'branch', asked: branchId },
      (api) => api.listProjectBranchEndpoints(this.projectId, branchId)
    )
    return data.endpoints
  }

  /** Gives the branch a compute and waits for it; a lost connection is resolved by listing the branch's computes. */
  async createEndpoint(branchId: string, type: 'read_write' | 'read_only' = 'read_write'): Promise<Endpoint> {
    const data = await this.transport.call<{ endpoint: Endpoint; operations: NeonOperation[] }>({
      what: `create endpoint of ${branchId}`,
      mutation: true,
      notFound: { kind: 'branch', asked: branchId },
      send: (api) =>
        api.createProjectEndpoint(this.projectId, { endpoint: { branch_id: branchId, type: type as never } }),
      lookup: async () => {
        const endpoint = (await this.listEndpoints(branchId)).find((candidate) => candidate.type === type)
        return endpoint && { endpoint, operations: await this.transport.pendingOperations(branchId) }
      }
    })
    await this.transport.waitForOperations(data.operations)
    return data.endpoint
  }

  async listDatabases(branchId: string): Promise<Database[]> {
    const data = await this.transport.read(
      `list databases of ${branchId}`,
      { kind: 'branch', asked: branchId },
      (api) => api.listProjectBranchDatabases(this.projectId, branchId)
    )
    return data.databases
  }

  async listRoles(branchId: string): Promise<Role[]> {
    const data = await this.transport.read(`list roles of ${branchId}`, { kind: 'branch', asked: branchId }, (api) =>
      api.listProjectBranchRoles(this.projectId, branchId)
    )
    return data.roles
  }

  /** The caller must mask the result with core.setSecret before anything can log it. */
  async revealPassword(branchId: string, roleName: string): Promise<string> {
    const data = await this.transport.read(
      `reveal password of role ${roleName}`,
      { kind: 'role', asked: roleName },
      (api) => api.getProjectBranchRolePassword(this.projectId, branchId, roleName)
    )
    return data.password
  }

  /** The caller must mask the result with core.setSecret before anything can log it. */
  async getUri(query: { branchId: string; database: string; role: string; pooled?: boolean }): Promise<string> {
    const data = await this.transport.read(
      `get connection URI of ${query.branchId}`,
      { kind: 'branch', asked: query.branchId },
      (api) =>
        api.getConnectionUri({
          projectId: this.projectId,
          branch_id: query.branchId,
          database_name: query.database,
          role_name: query.role,
          pooled: query.pooled
        })
    )
    return data.uri
  }
}
