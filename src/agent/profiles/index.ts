/** Provider profiles: the contract and the OpenAI, Anthropic and Gemini profiles. */
export * from "./profile.js";
export * from "./profile-base.js";
export * from "./openai-profile.js";
export * from "./anthropic-profile.js";
export * from "./gemini-profile.js";
