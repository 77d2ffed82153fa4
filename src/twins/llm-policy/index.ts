/** The scripted policy and the implicit prompt cache shared by the LLM provider twins (openai, anthropic, gemini). */
export * from "./policy.js";
export * from "./api-key.js";
export * from "./prompt-cache.js";
