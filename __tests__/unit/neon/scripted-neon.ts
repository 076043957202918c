/** A local HTTP server that answers the gateway's requests from a script, for the src/neon/ unit tests. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { NeonGateway, type GatewayOptions } from '../../../src/neon/index.js'

export type Reply = (request: IncomingMessage, response: ServerResponse) => void

export const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Reply =>
  (_, response) => {
    response.writeHead(status, { 'content-type': 'application/json', ...headers })
    response.end(JSON.stringify(body))
  }

/** Reads the request, then drops the connection: the client cannot know whether it was applied. */
export const hangUp: Reply = (request) => {
  request.resume()
  request.on('end', () => request.socket.destroy())
}

export const branch = (id: string, name: string, extra: object = {}) => ({
  id,
  name,
  project_id: 'p1',
  default: false,
  ...extra
})

export const operation = (id: string, status: string) => ({ id, project_id: 'p1', action: 'create_branch', status })

/** Answers each route ("METHOD /path", no query) from its script, in order; the last reply repeats. */
export class ScriptedNeon {
  /** Routes in the order asked. */
  readonly requests: string[] = []
  /** The same requests with their query strings. */
  readonly urls: string[] = []
  readonly authorizations: (string | undefined)[] = []
  private readonly scripts = new Map<string, Reply[]>()
  private server!: Server

  on(route: string, ...replies: Reply[]): this {
    this.scripts.set(route, replies)
    return this
  }

  count(route: string): number {
    return this.requests.filter((request) => request === route).length
  }

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      const route = `${request.method} ${request.url!.split('?')[0]}`
      this.requests.push(route)
      this.urls.push(`${request.method} ${request.url}`)
      this.authorizations.push(request.headers.authorization)
      const script = this.scripts.get(route)
      if (!script) return json(599, { message: `no script for ${route}` })(request, response)
      const reply = script.length > 1 ? script.shift()! : script[0]
      reply(request, response)
    })
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve))
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api/v2`
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()))
  }
}

/** A scripted Neon and a gateway to it that records its sleeps and debug log instead of waiting. */
export interface Fixture {
  neon: ScriptedNeon
  apiHost: string
  gateway: NeonGateway
  sleeps: number[]
  logs: string[]
}

export async function startFixture(options: Partial<GatewayOptions> = {}): Promise<Fixture> {
  const neon = new ScriptedNeon()
  const apiHost = await neon.start()
  const sleeps: number[] = []
  const logs: string[] = []
  const gateway = new NeonGateway({
    apiKey: 'napi_secret_key',
    apiHost,
    projectId: 'p1',
    log: (message) => logs.push(message),
    sleep: async (ms) => {
      sleeps.push(ms)
    },
    random: () => 0.5,
    operationTimeoutMs: 5000,
    ...options
  })
  return { neon, apiHost, gateway, sleeps, logs }
}
