/** A rule threw: rethrown with the rule id and the place it was looking at. */
export class RuleError extends Error {
  constructor(
    readonly ruleId: string,
    readonly where: string,
    override readonly cause: unknown,
  ) {
    super(`Rule ${ruleId} failed on ${where}: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = "RuleError";
  }
}

/** A user-facing usage or configuration error: printed as one line, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export function nullThrows<T>(value: T | null | undefined, message: string): T {
  if (value === null || value === undefined) throw new Error(`Internal error: ${message}`);
  return value;
}
