/**
 * The server side of SCRAM-SHA-256 (RFC 5802, RFC 7677) with `tls-server-end-point` channel binding (RFC 5929)
 * as SCRAM-SHA-256-PLUS, which the proxy runs itself, as Neon's proxy does (neondatabase/neon
 * proxy/src/scram/exchange.rs): it offers SCRAM-SHA-256-PLUS and SCRAM-SHA-256 over TLS and SCRAM-SHA-256 alone
 * otherwise (proxy/src/scram/mod.rs `METHODS`, `METHODS_WITHOUT_PLUS`), refuses a client that says it could bind
 * but thinks the server cannot (flag `y`) when the server can, and checks that the bound certificate hash is the
 * one the client saw. TLS ends at the proxy, so the compute behind it cannot check that binding: only the proxy
 * can authenticate such a client. No npm library does the server side with channel binding (pg-gateway, the one
 * server-side wire library, has SCRAM without PLUS), hence this module; the client side is node-postgres'.
 *
 * Errors carry PostgreSQL's SQLSTATE and wording (src/backend/libpq/auth-scram.c) so clients report them as
 * they would from PostgreSQL.
 */
import { createHash, createHmac, pbkdf2, randomBytes, timingSafeEqual } from 'node:crypto'
import { promisify } from 'node:util'

export const SCRAM = 'SCRAM-SHA-256'
export const SCRAM_PLUS = 'SCRAM-SHA-256-PLUS'
const END_POINT = 'tls-server-end-point'
/** PostgreSQL's default `scram_iterations`. */
const ITERATIONS = 4096
const derive = promisify(pbkdf2)

/** A refused login: `code` is the SQLSTATE the FATAL error carries. */
export class ScramError extends Error {
  constructor(
    readonly code: '28P01' | '08P01',
    message: string
  ) {
    super(message)
    this.name = 'ScramError'
  }
}

/** The mechanisms offered: with channel binding only when the connection is TLS (`endPointHash` known). */
export function mechanisms(endPointHash: Buffer | undefined): string[] {
  return endPointHash ? [SCRAM_PLUS, SCRAM] : [SCRAM]
}

const hmac = (key: Buffer, text: string): Buffer => createHmac('sha256', key).update(text).digest()
const sha256 = (data: Buffer): Buffer => createHash('sha256').update(data).digest()
const malformed = (detail: string) => new ScramError('08P01', `malformed SCRAM message (${detail})`)

interface Exchange {
  gs2Header: string
  clientFirstBare: string
  serverFirst: string
  nonce: string
  salt: Buffer
}

/** One login: `first` answers the client-first-message, `final` checks the proof and answers the last one. */
export class ScramServer {
  private exchange?: Exchange

  /**
   * @param password the role's password; undefined for a role that does not exist or cannot log in, which
   *   fails only at the proof, as PostgreSQL's mock authentication does (it tells nobody which roles exist).
   * @param endPointHash the TLS certificate's binding data, undefined on a connection without TLS.
   */
  constructor(
    private readonly user: string,
    private readonly password: string | undefined,
    private readonly endPointHash: Buffer | undefined
  ) {}

  /** The server-first-message for the SASLInitialResponse's mechanism and client-first-message. */
  first(mechanism: string, message: string): string {
    if (!mechanisms(this.endPointHash).includes(mechanism)) {
      throw new ScramError('08P01', 'client selected an invalid SASL authentication mechanism')
    }
    const match = /^(n|y|p=([^,]*)),([^,]*),((?:[^,]+,)*?r=([^,]+)(?:,.*)?)$/.exec(message)
    if (!match) throw malformed('client-first-message')
    const [, flag, bindingType, authzid, clientFirstBare, clientNonce] = match
    if (authzid) throw new ScramError('08P01', 'client uses authorization identity, but it is not supported')
    this.checkBindingFlag(mechanism, flag, bindingType)
    const nonce = clientNonce + randomBytes(18).toString('base64')
    const salt = randomBytes(16)
    const serverFirst = `r=${nonce},s=${salt.toString('base64')},i=${ITERATIONS}`
    this.exchange = { gs2Header: `${flag},${authzid},`, clientFirstBare, serverFirst, nonce, salt }
    return serverFirst
  }

  /** Checks the client-final-message (binding, nonce, proof) and returns the server-final-message. */
  async final(message: string): Promise<string> {
    const exchange = this.exchange
    if (!exchange) throw malformed('client-final-message before client-first-message')
    const match = /^(c=([^,]*),r=([^,]*)(?:,[^,]*)*?),p=([^,]+)$/.exec(message)
    if (!match) throw malformed('client-final-message')
    const [, withoutProof, binding, nonce, proof] = match
    const expected = Buffer.concat([
      Buffer.from(exchange.gs2Header),
      exchange.gs2Header.startsWith('p=') ? (this.endPointHash ?? Buffer.alloc(0)) : Buffer.alloc(0)
    ]).toString('base64')
    if (binding !== expected) throw new ScramError('08P01', 'SCRAM channel binding check failed')
    if (nonce !== exchange.nonce) throw new ScramError('08P01', 'unexpected SCRAM nonce')
    const authMessage = `${exchange.clientFirstBare},${exchange.serverFirst},${withoutProof}`
    const refused = new ScramError('28P01', `password authentication failed for user "${this.user}"`)
    if (this.password === undefined) throw refused
    // The emulator's passwords are letters, digits and `_` (ids.password), which SASLprep leaves as they are.
    const salted = await derive(this.password, exchange.salt, ITERATIONS, 32, 'sha256')
    const storedKey = sha256(hmac(salted, 'Client Key'))
    const signature = hmac(storedKey, authMessage)
    const given = Buffer.from(proof, 'base64')
    if (given.length !== signature.length) throw refused
    const clientKey = Buffer.from(given.map((byte, index) => byte ^ signature[index]))
    if (!timingSafeEqual(sha256(clientKey), storedKey)) throw refused
    return `v=${hmac(hmac(salted, 'Server Key'), authMessage).toString('base64')}`
  }

  private checkBindingFlag(mechanism: string, flag: string, bindingType: string | undefined): void {
    if (mechanism === SCRAM_PLUS) {
      if (bindingType !== END_POINT) {
        throw new ScramError('08P01', `unsupported SCRAM channel-binding type "${bindingType ?? flag}"`)
      }
      return
    }
    if (flag.startsWith('p=')) {
      throw new ScramError('08P01', 'client requested channel binding with a mechanism that has none')
    }
    if (flag === 'y' && this.endPointHash) {
      // RFC 5802 section 6: the client could bind but believes the server cannot; this server can, so someone
      // in between removed the PLUS mechanism from the offer.
      throw new ScramError('08P01', 'SCRAM channel binding negotiation error')
    }
  }
}
