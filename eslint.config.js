import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", "coverage/**", "web/dist/**", "*.cjs"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts"],
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-explicit-any": "error",
      "no-console": "off",
    },
  },
  {
    // Plain Node programs: the bin, benchmarks, test apps and the example apps.
    files: ["bin/**/*.js", "bench/**/*.js", "test/fixtures/**/*.{js,mjs}", "examples/**/*.{js,mjs}"],
    languageOptions: {
      globals: Object.fromEntries(
        ["process", "console", "setTimeout", "clearTimeout", "setInterval", "clearInterval", "URL", "URLSearchParams", "fetch", "Request", "Response", "Headers", "Buffer", "AbortSignal", "AbortController", "TextEncoder", "TextDecoder", "structuredClone"].map((name) => [name, "readonly"]),
      ),
    },
  },
);
