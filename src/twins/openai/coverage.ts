/**
 * Which OpenAI API operations the twin answers, how completely, and the test that proves it, for
 * docs/twins/coverage.md (scripts/twin-coverage.ts). Keys are "METHOD /path" as OpenAI's reference
 * names them. Operations not listed are "not yet".
 */
import type { CoverageEntry } from "../kit/index.js";
/** The kit's coverage entry, under the name this twin has always exported. */
export type OpenAICoverageEntry = CoverageEntry;

const SDK = "test/twins/openai-sdk.test.ts";
const at = (group: string, name: string): string => `${SDK} > ${group} > ${name}`;
const RESPONSES = "the openai SDK against the Responses API";
const SCRIPTED = "answers come from the scripted policy (llm-policy)";

export const OPENAI_COVERAGE: Readonly<Record<string, OpenAICoverageEntry>> = {
  "POST /v1/responses": {
    status: "partial",
    test: at(RESPONSES, "returns a function call, and sees its output on the next turn"),
    note: `${SCRIPTED}; function tools only (no built-in tools, no background mode); reasoning items by reference or encrypted content; automatic prompt caching`,
  },
  "GET /v1/responses/{response_id}": {
    status: "supported",
    test: "src/twins/openai/definition.test.ts > answers a scripted 500 turn, unknown paths, bad JSON, and retrieves stored responses",
    note: "stored responses (store: true)",
  },
  "POST /v1/chat/completions": {
    status: "partial",
    test: `${SDK} > Chat Completions through the openai SDK > returns tool calls, streamed with their index`,
    note: `${SCRIPTED}; function tools only; completions are not stored`,
  },
  "GET /v1/models": { status: "supported", test: `${SDK} > Chat Completions through the openai SDK > lists models` },
  "GET /v1/models/{model}": { status: "supported", test: "src/twins/openai/definition.test.ts > retrieves a model by id, and answers an unknown one with 404 model_not_found" },
};
