/**
 * The few PostgreSQL wire-protocol messages the proxy reads and writes itself (PostgreSQL docs, "Message
 * Formats"): the startup packet and its SSL/GSS/cancel requests, SASL authentication both ways, and FATAL errors.
 * After a login the proxy only copies bytes.
 */
import type { Duplex } from 'node:stream'

export const SSL_REQUEST = 80877103
export const GSS_REQUEST = 80877104
export const CANCEL_REQUEST = 80877102
export const PROTOCOL_3 = 196608

/** The longest message the proxy reads before a login (a startup packet, a SASL message). */
const MAX_LENGTH = 10_000

/** The peer closed, or sent what is not PostgreSQL's protocol, before the proxy had what it waited for. */
export class WireError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'WireError'
  }
}

/** The peer closed before the proxy had what it waited for: nothing to report. */
export class ConnectionClosed extends WireError {
  constructor() {
    super('connection closed')
    this.name = 'ConnectionClosed'
  }
}

export interface Message {
  /** The type byte; '' for the untyped startup-phase messages. */
  type: string
  body: Buffer
  /** The whole message as received, to pass on unchanged. */
  raw: Buffer
}

/** Reads whole messages from a socket until detached; then the socket is paused with nothing lost. */
export class MessageReader {
  private buffer = Buffer.alloc(0)
  private wake?: () => void
  private closed?: Error
  private readonly onData = (chunk: Buffer) => {
    this.buffer = Buffer.concat([this.buffer, chunk])
    this.wake?.()
  }
  private readonly onEnd = () => this.close(new ConnectionClosed())
  private readonly onError = (error: Error) => this.close(error)

  constructor(private readonly socket: Duplex) {
    socket.on('data', this.onData)
    socket.on('end', this.onEnd)
    socket.on('error', this.onError)
  }

  /** The next startup-phase message (length, then body; its first 4 bytes are the request code). */
  untyped(): Promise<Message> {
    return this.next(0)
  }

  /** The next regular message (type byte, length, body). */
  typed(): Promise<Message> {
    return this.next(1)
  }

  /** Stops reading and returns the bytes received past the last message read. */
  detach(): Buffer {
    this.socket.pause()
    this.socket.off('data', this.onData)
    this.socket.off('end', this.onEnd)
    this.socket.off('error', this.onError)
    const rest = this.buffer
    this.buffer = Buffer.alloc(0)
    return rest
  }

  private close(error: Error): void {
    this.closed = error
    this.wake?.()
  }

  private async next(typeLength: 0 | 1): Promise<Message> {
    await this.need(typeLength + 4)
    const length = this.buffer.readInt32BE(typeLength)
    if (length < 4 || length > MAX_LENGTH) throw new WireError(`invalid message length ${length}`)
    await this.need(typeLength + length)
    const raw = this.buffer.subarray(0, typeLength + length)
    this.buffer = this.buffer.subarray(raw.length)
    return { type: raw.subarray(0, typeLength).toString('latin1'), body: raw.subarray(typeLength + 4), raw }
  }

  private async need(bytes: number): Promise<void> {
    while (this.buffer.length < bytes) {
      if (this.closed) throw this.closed
      await new Promise<void>((resolve) => (this.wake = resolve))
      this.wake = undefined
    }
  }
}

/** The parameters of a protocol 3 startup packet's body (after the version). */
export function startupParameters(body: Buffer): Map<string, string> {
  const parameters = new Map<string, string>()
  const fields = body.subarray(4).toString('utf8').split('\0')
  for (let index = 0; index + 1 < fields.length && fields[index] !== ''; index += 2) {
    parameters.set(fields[index], fields[index + 1])
  }
  return parameters
}

/** A startup packet with the client's parameters, in its order, as PostgreSQL reads it. */
export function startupMessage(parameters: Map<string, string>): Buffer {
  const payload = Buffer.from([...parameters].flatMap(([key, value]) => [key, value]).join('\0') + '\0\0', 'utf8')
  const header = Buffer.alloc(8)
  header.writeInt32BE(8 + payload.length, 0)
  header.writeInt32BE(PROTOCOL_3, 4)
  return Buffer.concat([header, payload])
}

function typed(type: string, ...parts: Buffer[]): Buffer {
  const header = Buffer.alloc(5)
  header.write(type, 0, 'latin1')
  header.writeInt32BE(4 + parts.reduce((sum, part) => sum + part.length, 0), 1)
  return Buffer.concat([header, ...parts])
}

function int32(value: number): Buffer {
  const buffer = Buffer.alloc(4)
  buffer.writeInt32BE(value)
  return buffer
}

/** A FATAL ErrorResponse, as a Postgres server sends it before closing. */
export function fatal(code: string, message: string): Buffer {
  return typed('E', Buffer.from(`SFATAL\0VFATAL\0C${code}\0M${message}\0\0`, 'utf8'))
}

/** Authentication request codes (PostgreSQL docs, "Message Formats", Authentication*). */
export const AUTH = { ok: 0, sasl: 10, saslContinue: 11, saslFinal: 12 } as const

/** AuthenticationOk / SASL / SASLContinue / SASLFinal: 'R', the code, then its data. */
export function authentication(code: number, data = ''): Buffer {
  return typed('R', int32(code), Buffer.from(data, 'utf8'))
}

/** AuthenticationSASL: the mechanisms offered, each NUL-terminated, then an empty one. */
export function authenticationSasl(mechanisms: string[]): Buffer {
  return typed('R', int32(AUTH.sasl), Buffer.from(mechanisms.map((name) => `${name}\0`).join('') + '\0', 'utf8'))
}

/** The code of an Authentication message ('R') and what follows it. */
export function readAuthentication(message: Message): { code: number; data: Buffer } {
  return { code: message.body.readInt32BE(0), data: message.body.subarray(4) }
}

/** The mechanisms listed by an AuthenticationSASL message's data. */
export function saslMechanisms(data: Buffer): string[] {
  return data.toString('utf8').split('\0').filter(Boolean)
}

/** SASLInitialResponse ('p'): the mechanism chosen, then the client-first-message with its length. */
export function saslInitialResponse(mechanism: string, data: string): Buffer {
  const payload = Buffer.from(data, 'utf8')
  return typed('p', Buffer.from(`${mechanism}\0`, 'utf8'), int32(payload.length), payload)
}

/** SASLResponse ('p'): the client-final-message. */
export function saslResponse(data: string): Buffer {
  return typed('p', Buffer.from(data, 'utf8'))
}

/** Reads a SASLInitialResponse body: mechanism and client-first-message. */
export function readSaslInitialResponse(body: Buffer): { mechanism: string; data: string } {
  const end = body.indexOf(0)
  if (end < 0 || body.length < end + 5) throw new WireError('malformed SASLInitialResponse')
  const length = body.readInt32BE(end + 1)
  return {
    mechanism: body.subarray(0, end).toString('utf8'),
    data: length < 0 ? '' : body.subarray(end + 5, end + 5 + length).toString('utf8')
  }
}
