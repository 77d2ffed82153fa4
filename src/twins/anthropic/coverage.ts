/**
 * Which Anthropic API operations the twin answers, how completely, and the test that proves it,
 * for docs/twins/coverage.md (scripts/twin-coverage.ts). Keys are "METHOD /path" as Anthropic's
 * reference names them. Operations not listed are "not yet".
 */
import type { CoverageEntry } from "../kit/index.js";
/** The kit's coverage entry, under the name this twin has always exported. */
export type AnthropicCoverageEntry = CoverageEntry;

const SDK = "test/twins/anthropic-sdk.test.ts > @anthropic-ai/sdk against the Anthropic twin";

export const ANTHROPIC_COVERAGE: Readonly<Record<string, AnthropicCoverageEntry>> = {
  "POST /v1/messages": {
    status: "partial",
    test: `${SDK} > runs a tool use round trip: tool_use with a toolu_ id, then the tool_result is answered`,
    note: "answers come from the scripted policy (llm-policy); client tools only (no server tools); thinking with signatures; cache_control prompt caching with TTLs",
  },
  "POST /v1/messages/count_tokens": { status: "supported", test: `${SDK} > counts tokens and lists models`, note: "tokens are estimated (4 characters a token)" },
  "GET /v1/models": { status: "supported", test: `${SDK} > counts tokens and lists models` },
  "GET /v1/models/{model_id}": { status: "supported", test: `${SDK} > counts tokens and lists models` },
};
