/** What the twin knows of a Slack Web API method, generated from the vendor method files. */
export type SlackTier = "t1" | "t2" | "t3" | "t4" | "t5" | "special";

export interface SlackMethodMetadata {
  httpMethod: string;
  /** `t1`..`t5`, or `special` when the file gives a free-form limit. */
  tier: string;
  /**
   * Scopes that grant the method, per token type (any one of them is enough, narrowed by the
   * conversation type where the scope names one); `null` for a token type the method refuses.
   * `null` as a whole: the method needs no scope.
   */
  scopes: { bot: readonly string[] | null; user: readonly string[] | null } | null;
  jsonInput: boolean;
  /** Required arguments, `token` left out. */
  required: readonly string[];
  /** Documented error codes of the method (besides Slack's common errors). */
  errors: readonly string[];
}
