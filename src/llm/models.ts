/**
 * Model ids and provider configuration: "provider:model" parsing, and the API key and base URL
 * of each provider read from an (injectable) environment. A missing key is a LightsoutError
 * "LLM_CONFIG" naming the variable to set.
 */
import { LightsoutError } from "../errors.js";

export type ProviderName = "openai" | "anthropic" | "google" | "openai-compatible";

export interface ModelRef {
  provider: ProviderName;
  /** The provider's native model id. */
  model: string;
  /** For openai-compatible: the endpoint's name (its environment variables are <NAME>_BASE_URL, <NAME>_API_KEY). */
  endpoint?: string;
  /** The canonical "provider:model" id (e.g. "openai-compatible:ollama/llama3.1"). */
  id: string;
}

/** A model of a provider the program registered by name (`createLlmClient({ providers })`). */
export interface CustomModelRef {
  provider: "custom";
  /** The name the provider was registered under. */
  endpoint: string;
  model: string;
  /** "name:model". */
  id: string;
}

/** Where the client routes a request: a built-in provider, or one the program registered. */
export type RoutedModelRef = ModelRef | CustomModelRef;

const ALIASES: Record<string, ProviderName> = {
  openai: "openai",
  anthropic: "anthropic",
  google: "google",
  gemini: "google",
  "openai-compatible": "openai-compatible",
};

/**
 * Parses "provider:model". For openai-compatible the endpoint name comes before the first "/":
 * "openai-compatible:ollama/llama3.1" is endpoint "ollama", model "llama3.1". A bare model id
 * needs `provider` (the request's provider field).
 */
export function parseModelId(id: string, provider?: string): ModelRef {
  const colon = id.indexOf(":");
  const prefix = colon > 0 ? id.slice(0, colon) : undefined;
  const known = prefix !== undefined ? ALIASES[prefix] : undefined;
  const providerName = known ?? (provider !== undefined ? ALIASES[provider] : undefined);
  if (providerName === undefined) {
    const named = provider ?? prefix;
    throw new LightsoutError(
      "LLM_CONFIG",
      named !== undefined
        ? `unknown LLM provider "${named}" for model "${id}": expected one of openai, anthropic, google (or gemini), openai-compatible`
        : `model id "${id}" names no provider: write it as "provider:model" (e.g. "anthropic:claude-sonnet-4-5", "openai:gpt-5", "google:gemini-2.5-pro", "openai-compatible:ollama/llama3.1")`,
    );
  }
  const rest = known !== undefined ? id.slice(colon + 1) : id;
  if (providerName !== "openai-compatible") {
    if (rest === "") throw new LightsoutError("LLM_CONFIG", `model id "${id}" has no model after "${providerName}:"`);
    return { provider: providerName, model: rest, id: `${providerName}:${rest}` };
  }
  const slash = rest.indexOf("/");
  if (slash <= 0 || slash === rest.length - 1) {
    throw new LightsoutError("LLM_CONFIG", `model id "${id}": an openai-compatible model is written "openai-compatible:NAME/MODEL" (e.g. "openai-compatible:ollama/llama3.1")`);
  }
  const endpoint = rest.slice(0, slash);
  const model = rest.slice(slash + 1);
  return { provider: "openai-compatible", model, endpoint, id: `openai-compatible:${endpoint}/${model}` };
}

/** The built-in provider a name stands for ("gemini" -> "google"), or undefined for any other name. */
export function builtinProvider(name: string): ProviderName | undefined {
  return Object.hasOwn(ALIASES, name) ? ALIASES[name] : undefined;
}

export type Env = Record<string, string | undefined>;

export interface ProviderConfig {
  apiKey?: string;
  /** Includes the API version path, e.g. https://api.openai.com/v1. */
  baseURL?: string;
}

/** The environment-variable prefix of an openai-compatible endpoint name: "my-llm" -> "MY_LLM". */
export function endpointEnvPrefix(endpoint: string): string {
  return endpoint.toUpperCase().replace(/[^A-Z0-9]/g, "_");
}

function nonEmpty(value: string | undefined): string | undefined {
  return value !== undefined && value.trim() !== "" ? value.trim() : undefined;
}

function missing(variable: string, ref: ModelRef): LightsoutError {
  return new LightsoutError("LLM_CONFIG", `${variable} is not set: the model "${ref.id}" needs it (export ${variable}=...)`);
}

/** The key and base URL for a model's provider, from the environment. */
export function providerConfig(ref: ModelRef, env: Env): ProviderConfig {
  const withBase = (apiKey: string | undefined, baseURL: string | undefined): ProviderConfig => ({
    ...(apiKey !== undefined ? { apiKey } : {}),
    ...(baseURL !== undefined ? { baseURL } : {}),
  });
  switch (ref.provider) {
    case "openai": {
      const apiKey = nonEmpty(env["OPENAI_API_KEY"]);
      if (apiKey === undefined) throw missing("OPENAI_API_KEY", ref);
      return withBase(apiKey, nonEmpty(env["OPENAI_BASE_URL"]));
    }
    case "anthropic": {
      const apiKey = nonEmpty(env["ANTHROPIC_API_KEY"]);
      if (apiKey === undefined) throw missing("ANTHROPIC_API_KEY", ref);
      return withBase(apiKey, nonEmpty(env["ANTHROPIC_BASE_URL"]));
    }
    case "google": {
      const apiKey = nonEmpty(env["GEMINI_API_KEY"]) ?? nonEmpty(env["GOOGLE_GENERATIVE_AI_API_KEY"]);
      if (apiKey === undefined) throw missing("GEMINI_API_KEY (or GOOGLE_GENERATIVE_AI_API_KEY)", ref);
      return withBase(apiKey, nonEmpty(env["GEMINI_BASE_URL"]));
    }
    case "openai-compatible": {
      const prefix = endpointEnvPrefix(ref.endpoint ?? "");
      const baseURL = nonEmpty(env[`${prefix}_BASE_URL`]);
      if (baseURL === undefined) throw missing(`${prefix}_BASE_URL`, ref);
      return withBase(nonEmpty(env[`${prefix}_API_KEY`]), baseURL);
    }
  }
}
