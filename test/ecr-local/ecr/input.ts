// Reads an operation's JSON input member by member, refusing what ECR refuses: the wrong JSON
// type is a SerializationException (as coral answers), a broken constraint of the service model
// an InvalidParameterException with ECR's "failed to satisfy constraint" wording. Unknown members
// are ignored, as the real service ignores them.
import { ApiError, invalidParameter, serializationError } from '../protocol/apiError';

/** How a service words a refused input: ECR (awsJson) and Inspector2 (REST) differ. */
export interface InputDialect {
  readonly constraint: (member: string, constraint: string) => ApiError;
  readonly wrongType: (member: string, expected: string, value: unknown) => ApiError;
}

export const ECR_DIALECT: InputDialect = { constraint: invalidParameter, wrongType: serializationError };

/** Inspector2 answers every bad input with a 400 ValidationException and a reason. */
export const INSPECTOR_DIALECT: InputDialect = {
  constraint: (member, constraint) =>
    new ApiError('ValidationException', `1 validation error detected: Value at '${member}' failed to satisfy constraint: ${constraint}`, 400, {
      reason: 'FIELD_VALIDATION_FAILED',
      fields: [{ name: member, message: constraint }],
    }),
  wrongType: (member, expected, value) =>
    new ApiError('ValidationException', serializationError(member, expected, value).message, 400, { reason: 'CANNOT_PARSE' }),
};

export interface StringRules {
  readonly min?: number;
  readonly max?: number;
  readonly pattern?: RegExp;
  readonly oneOf?: readonly string[];
}

export interface CountRules {
  readonly min?: number;
  readonly max?: number;
}

export class Input {
  private constructor(
    private readonly fields: Record<string, unknown>,
    private readonly path: string,
    private readonly dialect: InputDialect,
  ) {}

  /** The top-level input: a JSON object (an empty body counts as `{}`). */
  static of(body: unknown, dialect: InputDialect = ECR_DIALECT): Input {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw dialect.wrongType('the request body', 'a JSON object', body);
    }
    return new Input(body as Record<string, unknown>, '', dialect);
  }

  private member(name: string): string {
    return this.path === '' ? name : `${this.path}.${name}`;
  }

  private raw(name: string): unknown {
    const value = Object.prototype.hasOwnProperty.call(this.fields, name) ? this.fields[name] : undefined;
    return value === null ? undefined : value;
  }

  has(name: string): boolean {
    return this.raw(name) !== undefined;
  }

  requiredString(name: string, rules: StringRules = {}): string {
    const value = this.optionalString(name, rules);
    if (value === undefined) {
      throw this.dialect.constraint(this.member(name), 'Member must not be null');
    }
    return value;
  }

  optionalString(name: string, rules: StringRules = {}): string | undefined {
    const value = this.raw(name);
    if (value === undefined) {
      return undefined;
    }
    if (typeof value !== 'string') {
      throw this.dialect.wrongType(this.member(name), 'a string', value);
    }
    checkString(this.dialect, this.member(name), value, rules);
    return value;
  }

  optionalInteger(name: string, rules: CountRules = {}): number | undefined {
    const value = this.raw(name);
    if (value === undefined) {
      return undefined;
    }
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      throw this.dialect.wrongType(this.member(name), 'an integer', value);
    }
    if (rules.min !== undefined && value < rules.min) {
      throw this.dialect.constraint(this.member(name), `Member must have value greater than or equal to ${rules.min}`);
    }
    if (rules.max !== undefined && value > rules.max) {
      throw this.dialect.constraint(this.member(name), `Member must have value less than or equal to ${rules.max}`);
    }
    return value;
  }

  /** Any JSON number (Inspector2's score ranges, epoch-second dates). */
  optionalNumber(name: string): number | undefined {
    const value = this.raw(name);
    if (value === undefined) {
      return undefined;
    }
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw this.dialect.wrongType(this.member(name), 'a number', value);
    }
    return value;
  }

  /** A member as the client sent it (to fingerprint a query), without any check. */
  rawValue(name: string): unknown {
    return this.raw(name);
  }

  /** The names of the members present (to spot ones the operation does not support). */
  keys(): string[] {
    return Object.keys(this.fields).filter((key) => this.raw(key) !== undefined);
  }

  optionalBoolean(name: string): boolean | undefined {
    const value = this.raw(name);
    if (value === undefined) {
      return undefined;
    }
    if (typeof value !== 'boolean') {
      throw this.dialect.wrongType(this.member(name), 'a boolean', value);
    }
    return value;
  }

  optionalObject(name: string): Input | undefined {
    const value = this.raw(name);
    if (value === undefined) {
      return undefined;
    }
    if (typeof value !== 'object' || Array.isArray(value)) {
      throw this.dialect.wrongType(this.member(name), 'a JSON object', value);
    }
    return new Input(value as Record<string, unknown>, this.member(name), this.dialect);
  }

  requiredObject(name: string): Input {
    const value = this.optionalObject(name);
    if (!value) {
      throw this.dialect.constraint(this.member(name), 'Member must not be null');
    }
    return value;
  }

  private list(name: string, rules: CountRules): unknown[] | undefined {
    const value = this.raw(name);
    if (value === undefined) {
      return undefined;
    }
    if (!Array.isArray(value)) {
      throw this.dialect.wrongType(this.member(name), 'a JSON array', value);
    }
    if (rules.min !== undefined && value.length < rules.min) {
      throw this.dialect.constraint(this.member(name), `Member must have length greater than or equal to ${rules.min}`);
    }
    if (rules.max !== undefined && value.length > rules.max) {
      throw this.dialect.constraint(this.member(name), `Member must have length less than or equal to ${rules.max}`);
    }
    return value as unknown[];
  }

  optionalStrings(name: string, listRules: CountRules = {}, itemRules: StringRules = {}): string[] | undefined {
    return this.list(name, listRules)?.map((item, index) => {
      const member = `${this.member(name)}.${index + 1}.member`;
      if (typeof item !== 'string') {
        throw this.dialect.wrongType(member, 'a string', item);
      }
      checkString(this.dialect, member, item, itemRules);
      return item;
    });
  }

  requiredStrings(name: string, listRules: CountRules = {}, itemRules: StringRules = {}): string[] {
    const value = this.optionalStrings(name, listRules, itemRules);
    if (!value) {
      throw this.dialect.constraint(this.member(name), 'Member must not be null');
    }
    return value;
  }

  optionalObjects(name: string, listRules: CountRules = {}): Input[] | undefined {
    return this.list(name, listRules)?.map((item, index) => {
      const member = `${this.member(name)}.${index + 1}.member`;
      if (typeof item !== 'object' || item === null || Array.isArray(item)) {
        throw this.dialect.wrongType(member, 'a JSON object', item);
      }
      return new Input(item as Record<string, unknown>, member, this.dialect);
    });
  }

  requiredObjects(name: string, listRules: CountRules = {}): Input[] {
    const value = this.optionalObjects(name, listRules);
    if (!value) {
      throw this.dialect.constraint(this.member(name), 'Member must not be null');
    }
    return value;
  }
}

function checkString(dialect: InputDialect, member: string, value: string, rules: StringRules): void {
  if (rules.min !== undefined && value.length < rules.min) {
    throw dialect.constraint(member, `must have length greater than or equal to ${rules.min}`);
  }
  if (rules.max !== undefined && value.length > rules.max) {
    throw dialect.constraint(member, `must have length less than or equal to ${rules.max}`);
  }
  if (rules.oneOf && !rules.oneOf.includes(value)) {
    throw dialect.constraint(member, `Member must satisfy enum value set: [${rules.oneOf.join(', ')}]`);
  }
  if (rules.pattern && !rules.pattern.test(value)) {
    // The service prints its pattern without the anchors we add.
    const shown = rules.pattern.source.replace(/^\^|\$$/g, '').replace(/\\\//g, '/');
    throw dialect.constraint(member, `must satisfy regular expression '${shown}'`);
  }
}
