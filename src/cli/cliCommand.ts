// A subcommand of `hlab`.
export interface CliCommand {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** Full usage text with options. */
  usage: string;
  /** Returns the exit code (0 when omitted); throw UsageError for bad arguments. */
  run(argv: string[]): Promise<number | void>;
}
