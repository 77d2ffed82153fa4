/**
 * Which Gemini API methods the twin answers, how completely, and the test that proves it, in the
 * shape of the other twins' coverage tables (for docs/twins/coverage.md). Methods not listed
 * (embeddings, files, cachedContents, batches, live) are "not yet".
 */
import type { CoverageEntry } from "../kit/index.js";
/** The kit's coverage entry, under the name this twin has always exported. */
export type GeminiCoverageEntry = CoverageEntry;

const SDK = "test/twins/gemini-sdk.test.ts";
const at = (group: string, name: string): string => `${SDK} > ${group} > ${name}`;
const GENAI = "@google/genai against the Gemini twin";
const AI_SDK = "@ai-sdk/google against the Gemini twin";

export const GEMINI_COVERAGE: Readonly<Record<string, GeminiCoverageEntry>> = {
  "models.generateContent": {
    status: "partial",
    test: at(GENAI, "a function call round trip: the call, then the policy sees the response paired by name"),
    note: "answers come from the scripted policy; toolConfig, responseSchema and safetySettings are accepted but not enforced",
  },
  "models.streamGenerateContent": {
    status: "partial",
    test: at(AI_SDK, "streamText streams reasoning and a tool call, then the answer after the tool ran"),
    note: "as generateContent; the whole stream is sent at once",
  },
  "models.countTokens": { status: "supported", test: at(GENAI, "countTokens counts the prompt as generateContent does"), note: "tokens are estimated (4 characters a token)" },
  "models.list": { status: "supported", test: at(GENAI, "an unknown model is 404 NOT_FOUND; models.list and models.get describe the served models") },
  "models.get": { status: "supported", test: at(GENAI, "an unknown model is 404 NOT_FOUND; models.list and models.get describe the served models") },
};
