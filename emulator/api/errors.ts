/** An error the API answers with Neon's GeneralError body `{code, message}`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code = ''
  ) {
    super(message)
  }
}

export const badRequest = (message: string): ApiError => new ApiError(400, message)
export const notFound = (message: string): ApiError => new ApiError(404, message)

/** Neon's answer to a mutation while another operation on the same branch is running. */
export const locked = (): ApiError =>
  new ApiError(423, 'project already has running conflicting operations, scheduling of new ones is prohibited')
