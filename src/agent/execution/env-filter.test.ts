import { describe, expect, it } from "vitest";
import { filterEnvironment, isSecretName } from "./env-filter.js";

const parent = {
  PATH: "/usr/bin",
  HOME: "/home/me",
  LANG: "C.UTF-8",
  GOPATH: "/go",
  OPENAI_API_KEY: "sk-1",
  GITHUB_TOKEN: "ghp",
  AWS_SECRET_ACCESS_KEY: "aws",
  DB_PASSWORD: "pw",
  GCP_CREDENTIALS: "json",
  SSH_KEY: "k",
  npm_config__authToken: "npm",
  EDITOR: "vim",
};

describe("filterEnvironment", () => {
  it("drops secrets and keeps everything else by default", () => {
    const env = filterEnvironment(parent);
    expect(Object.keys(env).sort()).toEqual(["EDITOR", "GOPATH", "HOME", "LANG", "PATH"]);
  });

  it("matches secret names case-insensitively", () => {
    expect(isSecretName("openai_api_key")).toBe(true);
    expect(isSecretName("My_Secret")).toBe(true);
    expect(isSecretName("MONKEY")).toBe(false);
    expect(isSecretName("TOKENIZERS_PARALLELISM")).toBe(false);
  });

  it("core_only keeps only PATH, HOME, locale and toolchain paths", () => {
    expect(Object.keys(filterEnvironment(parent, { policy: "core_only" })).sort()).toEqual(["GOPATH", "HOME", "LANG", "PATH"]);
  });

  it("none inherits nothing but explicit includes", () => {
    expect(filterEnvironment(parent, { policy: "none", include: ["PATH"] })).toEqual({ PATH: "/usr/bin" });
  });

  it("inherit_all passes secrets through", () => {
    expect(filterEnvironment(parent, { policy: "inherit_all" })["OPENAI_API_KEY"]).toBe("sk-1");
  });

  it("include overrides the secret filter and exclude removes more, with * patterns", () => {
    const env = filterEnvironment(parent, { include: ["GITHUB_*"], exclude: ["EDIT*"] });
    expect(env["GITHUB_TOKEN"]).toBe("ghp");
    expect(env["EDITOR"]).toBeUndefined();
    expect(env["OPENAI_API_KEY"]).toBeUndefined();
  });
});
