/** The project itself, as Neon describes it: its settings, such as how much history it keeps. */
import type { Project } from '@neondatabase/api-client'
import type { Transport } from './transport.js'

export class ProjectResource {
  constructor(private readonly transport: Transport) {}

  async get(): Promise<Project> {
    const projectId = this.transport.projectId
    const data = await this.transport.read(`get project ${projectId}`, { kind: 'project', asked: projectId }, (api) =>
      api.getProject(projectId)
    )
    return data.project
  }
}
