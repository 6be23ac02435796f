// The one error hierarchy of the domain layer. Services throw these; server/http/transport.ts maps
// them to HTTP statuses and bodies in one place (the tRPC layer and the hand-written REST handlers
// both use it). Anything else is an internal error whose message never leaks.

export interface FieldIssue {
  /** Dotted path of the offending field, e.g. "charges.0.tiers.1.upTo". */
  path: string;
  message: string;
}

export interface DomainErrorOptions extends ErrorOptions {
  /** The fields at fault, when the refusal is about particular fields. */
  issues?: FieldIssue[];
}

export abstract class DomainError extends Error {
  abstract readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429;
  readonly issues: FieldIssue[];
  constructor(message: string, options: DomainErrorOptions = {}) {
    const { issues = [], ...errorOptions } = options;
    super(message, errorOptions);
    this.issues = issues;
  }
}

export class Invalid extends DomainError {
  override name = "Invalid";
  readonly status = 400;
  constructor(issues: FieldIssue[], message = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join("; "), options: ErrorOptions = {}) {
    super(message, { ...options, issues });
  }
  static field(path: string, message: string, options?: ErrorOptions) {
    return new Invalid([{ path, message }], undefined, options);
  }
}

/** A request body that is not JSON at all: nothing in it could be checked field by field. */
export class Unparsable extends DomainError {
  override name = "Unparsable";
  readonly status = 400;
}

export class Unauthorized extends DomainError {
  override name = "Unauthorized";
  readonly status = 401;
}

export class Forbidden extends DomainError {
  override name = "Forbidden";
  readonly status = 403;
}

export class NotFound extends DomainError {
  override name = "NotFound";
  readonly status = 404;
  constructor(what: string, key?: string, options?: ErrorOptions) {
    super(key === undefined ? `${what} not found` : `${what} ${JSON.stringify(key)} not found`, options);
  }
}

export class Conflict extends DomainError {
  override name = "Conflict";
  readonly status = 409;
}

export class PayloadTooLarge extends DomainError {
  override name = "PayloadTooLarge";
  readonly status = 413;
}

export class UnsupportedMediaType extends DomainError {
  override name = "UnsupportedMediaType";
  readonly status = 415;
}

export class Unprocessable extends DomainError {
  override name = "Unprocessable";
  readonly status = 422;
}

export class RateLimited extends DomainError {
  override name = "RateLimited";
  readonly status = 429;
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
