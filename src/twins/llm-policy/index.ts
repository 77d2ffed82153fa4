/** The scripted policy shared by the LLM provider twins (openai, anthropic, gemini). */
export * from "./policy.js";
export * from "./api-key.js";
