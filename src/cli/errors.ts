/** A failure the user caused or can fix: printed as its Chinese message, with its exit status (2: usage or input). */
export class CliError extends Error {
  constructor(message: string, readonly exitCode = 2) {
    super(message);
  }
}
