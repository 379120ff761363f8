// An error the emulator answers with on purpose: the AWS error name (what the SDK turns into
// `error.name`), the message, and the HTTP status. Anything else thrown by a handler is a bug and
// is answered as a 500 ServerException / InternalServerException with its message.

export class ApiError extends Error {
  constructor(
    /** The AWS error name, e.g. RepositoryNotFoundException. */
    readonly code: string,
    message: string,
    /** ECR's awsJson errors are 400 except ServerException; Inspector2 uses real statuses. */
    readonly status = 400,
    /** Extra members of the error shape (Inspector2's ValidationException has `reason`). */
    readonly members: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = code;
  }
}

/** ECR's wording for a request member that breaks a constraint of the service model. */
export function invalidParameter(member: string, constraint: string): ApiError {
  return new ApiError('InvalidParameterException', `Invalid parameter at '${member}' failed to satisfy constraint: '${constraint}'`);
}

/** A JSON value of the wrong type: coral's SerializationException. */
export function serializationError(member: string, expected: string, value: unknown): ApiError {
  const actual = value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
  return new ApiError('SerializationException', `'${member}' must be ${expected}, not ${actual}`);
}
