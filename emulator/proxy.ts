import net from 'node:net'
import path from 'node:path'
import type { DataPlane, EndpointProxy, PointRequest, StorageLookup } from './dataplane/types.js'

/**
 * The Postgres wire proxy in front of each endpoint. It reads the client's startup message, takes Neon's
 * time-travel options out of it (`options=neon_lsn:<lsn>` or `neon_timestamp:<RFC 3339>`), asks the data
 * plane for the matching Postgres (starting it if suspended) and then only copies bytes both ways, so
 * authentication and everything after it is real PostgreSQL.
 */

const SSL_REQUEST = 80877103
const GSS_REQUEST = 80877104
const CANCEL_REQUEST = 80877102
const PROTOCOL_3 = 196608

export interface ProxyOptions {
  dataPlane: DataPlane
  lookup: StorageLookup
  log?: (message: string) => void
  /** Delay before a connection that started its compute reaches it (Neon's cold start; 0 by default). */
  connectDelayMs?: number
}

interface Startup {
  parameters: Map<string, string>
  /** Bytes the client sent after the startup message. */
  rest: Buffer
}

/** Reads the first complete message, answering SSL/GSS requests with 'N' (no encryption) meanwhile. */
function readStartup(socket: net.Socket): Promise<Startup | undefined> {
  return new Promise((resolve, reject) => {
    let buffer = Buffer.alloc(0)
    const onData = (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk])
      while (buffer.length >= 8) {
        const length = buffer.readInt32BE(0)
        if (length < 8 || length > 10_000) return finish(new Error('invalid startup packet'))
        if (buffer.length < length) return
        const code = buffer.readInt32BE(4)
        const message = buffer.subarray(0, length)
        buffer = buffer.subarray(length)
        if (code === SSL_REQUEST || code === GSS_REQUEST) {
          socket.write('N')
          continue
        }
        if (code === CANCEL_REQUEST) return finish(undefined)
        if (code !== PROTOCOL_3) return finish(new Error(`unsupported protocol version ${code}`))
        const parameters = new Map<string, string>()
        const fields = message.subarray(8).toString('utf8').split('\0')
        for (let index = 0; index + 1 < fields.length && fields[index] !== ''; index += 2) {
          parameters.set(fields[index], fields[index + 1])
        }
        return finish(undefined, { parameters, rest: buffer })
      }
    }
    const finish = (error?: Error, startup?: Startup) => {
      socket.off('data', onData)
      socket.off('error', onError)
      socket.off('end', onEnd)
      if (error) reject(error)
      else resolve(startup)
    }
    const onError = (error: Error) => finish(error)
    const onEnd = () => finish(undefined)
    socket.on('data', onData)
    socket.on('error', onError)
    socket.on('end', onEnd)
  })
}

/**
 * Splits Neon's own tokens out of the `options` parameter, as Neon's proxy does: every `neon_<name>:<value>`
 * (`neon_lsn`, `neon_timestamp`, `neon_endpoint_type`, …) and `endpoint=` / `project=`.
 */
export function takePoint(options: string | undefined): { point?: PointRequest; options: string; endpoint?: string } {
  let point: PointRequest | undefined
  let endpoint: string | undefined
  const kept: string[] = []
  for (const token of (options ?? '').split(/\s+/).filter(Boolean)) {
    const match = /^neon_(lsn|timestamp):(.+)$/.exec(token)
    const named = /^(?:endpoint|project)=(.+)$/.exec(token)
    if (match) point = match[1] === 'lsn' ? { kind: 'lsn', lsn: match[2] } : { kind: 'timestamp', timestamp: match[2] }
    else if (named) endpoint = named[1]
    else if (!/^neon_\w+:/.test(token)) kept.push(token)
  }
  return { point, options: kept.join(' '), endpoint }
}

function startupMessage(parameters: Map<string, string>): Buffer {
  const body = [...parameters].flatMap(([key, value]) => [key, value]).join('\0') + '\0\0'
  const payload = Buffer.from(body, 'utf8')
  const header = Buffer.alloc(8)
  header.writeInt32BE(8 + payload.length, 0)
  header.writeInt32BE(PROTOCOL_3, 4)
  return Buffer.concat([header, payload])
}

/** A FATAL ErrorResponse, as a Postgres server sends it before closing. */
function fatal(code: string, message: string): Buffer {
  const fields = `SFATAL\0VFATAL\0C${code}\0M${message}\0\0`
  const payload = Buffer.from(fields, 'utf8')
  const header = Buffer.alloc(5)
  header.write('E', 0)
  header.writeInt32BE(4 + payload.length, 1)
  return Buffer.concat([header, payload])
}

export function createProxy(options: ProxyOptions): EndpointProxy {
  const servers = new Map<string, net.Server>()
  const connections = new Map<string, Set<net.Socket>>()
  const log = options.log ?? (() => undefined)

  async function serve(endpointId: string, client: net.Socket): Promise<void> {
    const open = connections.get(endpointId) ?? new Set<net.Socket>()
    connections.set(endpointId, open)
    open.add(client)
    client.on('close', () => open.delete(client))
    client.on('error', () => client.destroy())
    const startup = await readStartup(client)
    if (!startup) return void client.destroy()
    const { point, options: rest, endpoint } = takePoint(startup.parameters.get('options'))
    if (rest) startup.parameters.set('options', rest)
    else startup.parameters.delete('options')
    // The `endpoint` option stands for the host's first label (Neon's SNI routing): an endpoint, or a branch for
    // time travel. Without it, the listener's own endpoint.
    const target = endpoint ?? endpointId
    const storageId = options.lookup(target, point !== undefined)
    if (!storageId) {
      client.end(fatal('XX000', `endpoint ${target} not found`))
      return
    }
    let backend
    try {
      backend = await options.dataPlane.acquire(storageId, point)
    } catch (error) {
      const message = (error as Error).message
      log(`connection to ${endpointId} refused: ${message.split('\n')[0]}`)
      if (!client.destroyed) client.end(fatal(point ? '22023' : '08006', message.split('\n')[0]))
      return
    }
    if (backend.cold && options.connectDelayMs) {
      await new Promise((resolve) => setTimeout(resolve, options.connectDelayMs))
    }
    if (client.destroyed) return backend.release()
    const server = net.connect({ path: path.join(backend.socketDir, `.s.PGSQL.${backend.port}`) })
    const release = () => {
      backend.release()
      client.destroy()
      server.destroy()
    }
    server.once('close', release)
    client.once('close', release)
    server.on('error', () => client.end(fatal('08006', 'the compute closed the connection')))
    server.write(startupMessage(startup.parameters))
    if (startup.rest.length) server.write(startup.rest)
    client.pipe(server)
    server.pipe(client)
  }

  return {
    async listen(endpointId, port = 0) {
      const server = net.createServer((socket) => {
        serve(endpointId, socket).catch((error: Error) => {
          log(`proxy ${endpointId}: ${error.message}`)
          socket.destroy()
        })
      })
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject)
        server.listen(port, '127.0.0.1', () => resolve())
      })
      servers.set(endpointId, server)
      return (server.address() as net.AddressInfo).port
    },
    async close(endpointId) {
      const server = servers.get(endpointId)
      servers.delete(endpointId)
      this.dropConnections(endpointId)
      if (server) await new Promise((resolve) => server.close(resolve))
    },
    dropConnections(endpointId) {
      for (const socket of connections.get(endpointId) ?? []) socket.destroy()
    },
    async closeAll() {
      await Promise.all([...servers.keys()].map((endpointId) => this.close(endpointId)))
    }
  }
}
