/**
 * The proxy's own login to a compute, after it authenticated the client: the client's startup packet, then
 * SCRAM-SHA-256 with the role's password (node-postgres' client code), so PostgreSQL still checks the role and
 * the database. Neon's proxy logs in with the SCRAM client key it recovered from the client's proof
 * (neondatabase/neon proxy/src/scram/exchange.rs returns it as the exchange's outcome); the emulator holds the
 * password itself, which comes to the same.
 */
import type { Duplex } from 'node:stream'
import sasl, { type Session } from 'pg/lib/crypto/sasl.js'
import {
  AUTH,
  MessageReader,
  readAuthentication,
  saslInitialResponse,
  saslMechanisms,
  saslResponse,
  startupMessage
} from './wire.js'

/** The compute refused the login; `response` is its ErrorResponse, to pass on to the client as it is. */
export class ComputeRefused extends Error {
  constructor(readonly response: Buffer) {
    super('the compute refused the login')
    this.name = 'ComputeRefused'
  }
}

/**
 * Logs in as the startup packet's user and returns the compute's AuthenticationOk with every byte after it
 * (ParameterStatus, BackendKeyData, ReadyForQuery, …): what the client gets next.
 */
export async function loginToCompute(
  server: Duplex,
  parameters: Map<string, string>,
  password: string
): Promise<Buffer> {
  const reader = new MessageReader(server)
  server.write(startupMessage(parameters))
  let session: Session | undefined
  for (;;) {
    const message = await reader.typed()
    if (message.type === 'E') throw new ComputeRefused(message.raw)
    if (message.type !== 'R') continue // a NoticeResponse before the login ends says nothing the client needs
    const { code, data } = readAuthentication(message)
    if (code === AUTH.ok) return Buffer.concat([message.raw, reader.detach()])
    if (code === AUTH.sasl) {
      session = sasl.startSession(saslMechanisms(data))
      server.write(saslInitialResponse(session.mechanism, session.response))
    } else if (code === AUTH.saslContinue && session) {
      await sasl.continueSession(session, password, data.toString('utf8'))
      server.write(saslResponse(session.response))
    } else if (code === AUTH.saslFinal && session) {
      sasl.finalizeSession(session, data.toString('utf8'))
    } else {
      throw new Error(`the compute asked for authentication ${code}, which the proxy does not speak`)
    }
  }
}
