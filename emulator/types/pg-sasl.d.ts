/**
 * node-postgres' SCRAM client (pg/lib/crypto/sasl.js, exported through pg's `./lib/*` entry), which @types/pg
 * does not cover: only what the proxy's login to a compute calls.
 */
declare module 'pg/lib/crypto/sasl.js' {
  export interface Session {
    mechanism: string
    /** The message to send next: the client-first-message, then the client-final-message. */
    response: string
  }
  /**
   * Picks a mechanism from the server's: SCRAM-SHA-256-PLUS when given a TLS `stream` (one with
   * `getPeerCertificate()`), else SCRAM-SHA-256 (flag `y` with a stream, `n` without).
   */
  export function startSession(mechanisms: string[], stream?: object): Session
  /** Reads the server-first-message and sets `response` to the client-final-message with the proof. */
  export function continueSession(
    session: Session,
    password: string,
    serverData: string,
    stream?: object
  ): Promise<void>
  /** Checks the server-final-message's signature; throws when it does not match. */
  export function finalizeSession(session: Session, serverData: string): void
  const sasl: {
    startSession: typeof startSession
    continueSession: typeof continueSession
    finalizeSession: typeof finalizeSession
  }
  export default sasl
}
