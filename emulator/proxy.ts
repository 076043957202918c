import net from 'node:net'
import path from 'node:path'
import type { Duplex } from 'node:stream'
import tls from 'node:tls'
import type { ProxyCertificate } from './certificate.js'
import type { ConnectionLookup, DataPlane, EndpointProxy, PointRequest } from './dataplane/types.js'
import { ComputeRefused, loginToCompute } from './login.js'
import { mechanisms, ScramError, ScramServer } from './scram.js'
import { AUTH, authentication, authenticationSasl, fatal, MessageReader, readSaslInitialResponse } from './wire.js'
import { CANCEL_REQUEST, ConnectionClosed, GSS_REQUEST, PROTOCOL_3, SSL_REQUEST } from './wire.js'
import { startupParameters, WireError } from './wire.js'

/**
 * The Postgres wire proxy in front of each endpoint, doing what Neon's proxy does before a session starts:
 * - TLS when the client asks for it (SSLRequest), with the emulator's certificate. Neon requires TLS (Neon docs,
 *   "Connect to Neon securely": neon.com/docs/connect/connect-securely); the emulator also takes plain
 *   connections, which the API's `connection_uri` hands out (node-postgres reads `sslmode=require` as
 *   verify-full, which the emulator's self-signed certificate would fail).
 * - Neon's time-travel options out of the startup packet (`options=neon_lsn:<lsn>` or
 *   `neon_timestamp:<RFC 3339>`): they choose which Postgres serves the session.
 * - the login: SCRAM-SHA-256, with channel binding (SCRAM-SHA-256-PLUS) over TLS, checked by the proxy against
 *   the role's password (emulator/scram.ts), then its own login to the compute as that role (emulator/login.ts).
 * After that it only copies bytes both ways.
 */

export interface ProxyOptions {
  dataPlane: DataPlane
  lookup: ConnectionLookup
  /** The certificate TLS connections get; without one the proxy answers every SSLRequest with 'N'. */
  certificate?: ProxyCertificate
  log?: (message: string) => void
  /** Delay before a connection that started its compute reaches it (Neon's cold start; 0 by default). */
  connectDelayMs?: number
}

/** A client between its startup packet and its login. */
interface Client {
  /** The socket the session speaks on: the TCP socket, or the TLS socket over it. */
  stream: Duplex
  reader: MessageReader
  parameters: Map<string, string>
  /** The channel binding data when the connection is TLS. */
  endPointHash?: Buffer
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

/** Reads up to the startup packet, taking the TLS upgrade on the way; undefined for a cancel request. */
async function greet(socket: net.Socket, certificate?: ProxyCertificate): Promise<Client | undefined> {
  let stream: Duplex = socket
  let reader = new MessageReader(socket)
  let endPointHash: Buffer | undefined
  const secureContext = certificate && tls.createSecureContext({ cert: certificate.cert, key: certificate.key })
  for (;;) {
    const { body } = await reader.untyped()
    if (body.length < 4) throw new WireError('invalid startup packet')
    const code = body.readInt32BE(0)
    if (code === SSL_REQUEST && secureContext && !endPointHash) {
      reader.detach() // the client sends nothing more until it has the answer
      socket.write('S')
      stream = new tls.TLSSocket(socket, { isServer: true, secureContext })
      stream.on('error', () => socket.destroy())
      reader = new MessageReader(stream)
      endPointHash = certificate.endPointHash
    } else if (code === SSL_REQUEST || code === GSS_REQUEST) {
      stream.write('N')
    } else if (code === CANCEL_REQUEST) {
      return undefined
    } else if (code !== PROTOCOL_3) {
      throw new WireError(`unsupported protocol version ${code}`)
    } else {
      return { stream, reader, parameters: startupParameters(body), endPointHash }
    }
  }
}

/** Runs SCRAM with the client (AuthenticationSASL, SASLContinue, SASLFinal); throws ScramError when refused. */
async function authenticate(client: Client, password: string | undefined): Promise<string> {
  const scram = new ScramServer(client.parameters.get('user') ?? '', password, client.endPointHash)
  client.stream.write(authenticationSasl(mechanisms(client.endPointHash)))
  const initial = await saslMessage(client.reader)
  const { mechanism, data } = readSaslInitialResponse(initial)
  client.stream.write(authentication(AUTH.saslContinue, scram.first(mechanism, data)))
  const final = await scram.final((await saslMessage(client.reader)).toString('utf8'))
  client.stream.write(authentication(AUTH.saslFinal, final))
  return password as string // final() refuses a login without a password
}

async function saslMessage(reader: MessageReader): Promise<Buffer> {
  const message = await reader.typed()
  if (message.type !== 'p') {
    throw new ScramError('08P01', `expected SASL response, got message type ${message.type.charCodeAt(0)}`)
  }
  return message.body
}

export function createProxy(options: ProxyOptions): EndpointProxy {
  const servers = new Map<string, net.Server>()
  const connections = new Map<string, Set<net.Socket>>()
  const log = options.log ?? (() => undefined)

  /** Ends the client's connection with a FATAL error, as PostgreSQL does. */
  const refuse = (client: Client, code: string, message: string): void => void client.stream.end(fatal(code, message))

  async function serve(endpointId: string, socket: net.Socket): Promise<void> {
    const open = connections.get(endpointId) ?? new Set<net.Socket>()
    connections.set(endpointId, open)
    open.add(socket)
    socket.on('close', () => open.delete(socket))
    socket.on('error', () => socket.destroy())
    const client = await greet(socket, options.certificate)
    if (!client) return void socket.destroy()
    const { point, options: rest, endpoint } = takePoint(client.parameters.get('options'))
    if (rest) client.parameters.set('options', rest)
    else client.parameters.delete('options')
    const user = client.parameters.get('user')
    if (!user) return refuse(client, '28000', 'no PostgreSQL user name specified in startup packet')
    // The `endpoint` option stands for the host's first label (Neon's SNI routing): an endpoint, or a branch for
    // time travel. Without it, the listener's own endpoint.
    const target = endpoint ?? endpointId
    const route = options.lookup(target, user, point !== undefined)
    if (!route) return refuse(client, 'XX000', `endpoint ${target} not found`)
    let password: string
    try {
      password = await authenticate(client, route.password)
    } catch (error) {
      if (error instanceof ScramError) return refuse(client, error.code, error.message)
      throw error
    }
    await connect(endpointId, client, route.storageId, point, password)
  }

  /** Starts (or finds) the Postgres for the point, logs in to it and joins the client to it. */
  async function connect(
    endpointId: string,
    client: Client,
    storageId: string,
    point: PointRequest | undefined,
    password: string
  ): Promise<void> {
    let backend
    try {
      backend = await options.dataPlane.acquire(storageId, point)
    } catch (error) {
      const message = (error as Error).message.split('\n')[0]
      log(`connection to ${endpointId} refused: ${message}`)
      return refuse(client, point ? '22023' : '08006', message)
    }
    if (backend.cold && options.connectDelayMs) {
      await new Promise((resolve) => setTimeout(resolve, options.connectDelayMs))
    }
    if (client.stream.destroyed) return backend.release()
    const server = net.connect({ path: path.join(backend.socketDir, `.s.PGSQL.${backend.port}`) })
    const release = () => {
      backend.release()
      client.stream.destroy()
      server.destroy()
    }
    server.once('close', release)
    client.stream.once('close', release)
    server.on('error', () => client.stream.end(fatal('08006', 'the compute closed the connection')))
    let greeting: Buffer
    try {
      greeting = await loginToCompute(server, client.parameters, password)
    } catch (error) {
      if (error instanceof ComputeRefused) return void client.stream.end(error.response)
      throw error
    }
    const pending = client.reader.detach()
    client.stream.write(greeting)
    if (pending.length) server.write(pending)
    client.stream.pipe(server)
    server.pipe(client.stream)
  }

  return {
    async listen(endpointId, port = 0) {
      const server = net.createServer((socket) => {
        serve(endpointId, socket).catch((error: Error) => {
          if (!(error instanceof ConnectionClosed)) log(`proxy ${endpointId}: ${error.message}`)
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
