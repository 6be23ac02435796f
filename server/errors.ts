// The one error hierarchy of the domain layer. Services throw these; server/trpc/errors.ts maps
// them to HTTP statuses in one place. Anything else is an internal error whose message never leaks.

export interface FieldIssue {
  /** Dotted path of the offending field, e.g. "charges.0.tiers.1.upTo". */
  path: string;
  message: string;
}

export abstract class DomainError extends Error {
  abstract readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429;
}

export class Invalid extends DomainError {
  override name = "Invalid";
  readonly status = 400;
  constructor(
    readonly issues: FieldIssue[],
    message = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join("; "),
  ) {
    super(message);
  }
  static field(path: string, message: string) {
    return new Invalid([{ path, message }]);
  }
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
  constructor(what: string, key?: string) {
    super(key === undefined ? `${what} not found` : `${what} ${JSON.stringify(key)} not found`);
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
  ) {
    super(message);
  }
}
