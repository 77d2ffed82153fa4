/**
 * Which of the parent's environment variables reach a command the agent runs (spec 4.2).
 * The default keeps everything except secrets: API keys, keys, secrets, tokens, passwords and
 * credentials never reach the model's commands (and so never its context) unless named in
 * `include`. This is a safety default, not a security boundary.
 */

export type EnvPolicy =
  /** Everything except variables that look like secrets (the default). */
  | "filter_secrets"
  /** Everything, unfiltered. */
  | "inherit_all"
  /** Only the core variables (PATH, HOME, locale, toolchain paths...). */
  | "core_only"
  /** Nothing inherited: only `include` and per-command variables. */
  | "none";

export interface EnvFilterOptions {
  readonly policy?: EnvPolicy;
  /** Names or `*` patterns always passed when the parent has them (overrides every exclusion). */
  readonly include?: readonly string[];
  /** Names or `*` patterns never passed (in addition to the secret patterns). */
  readonly exclude?: readonly string[];
}

/** Case-insensitive: *_API_KEY, *_KEY, *SECRET, *TOKEN, *PASSWORD/PASSWD, *CREDENTIAL(S), and the bare names. */
const SECRET_NAME = /(^|_)(API_?KEY|KEY)$|(SECRET|TOKEN|PASSWORD|PASSWD|PASSPHRASE|CREDENTIALS?)$/i;

/** Always inherited by `filter_secrets` and `core_only`. */
export const CORE_ENV_VARS: readonly string[] = [
  "PATH", "HOME", "USER", "LOGNAME", "SHELL", "LANG", "LANGUAGE", "LC_*", "TERM", "COLORTERM", "TMPDIR", "TMP",
  "TEMP", "TZ", "PWD", "HOSTNAME", "GOPATH", "GOROOT", "GOMODCACHE", "GOCACHE", "CARGO_HOME", "RUSTUP_HOME",
  "NVM_DIR", "NVM_BIN", "NODE_PATH", "PNPM_HOME", "BUN_INSTALL", "DENO_DIR", "VOLTA_HOME", "PYENV_ROOT",
  "VIRTUAL_ENV", "CONDA_PREFIX", "PYTHONPATH", "JAVA_HOME", "GRADLE_USER_HOME", "MAVEN_HOME", "RBENV_ROOT",
  "GEM_HOME", "GEM_PATH", "DOTNET_ROOT", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_RUNTIME_DIR",
];

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

function toMatcher(patterns: readonly string[]): (name: string) => boolean {
  const regexes = patterns.map(
    (pattern) => new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`, "i"),
  );
  return (name) => regexes.some((regex) => regex.test(name));
}

/** The variables a command gets from `parent` under the options (per-command variables are added by the caller). */
export function filterEnvironment(
  parent: Readonly<Record<string, string | undefined>>,
  options: EnvFilterOptions = {},
): Record<string, string> {
  const policy = options.policy ?? "filter_secrets";
  const isCore = toMatcher(CORE_ENV_VARS);
  const isIncluded = toMatcher(options.include ?? []);
  const isExcluded = toMatcher(options.exclude ?? []);
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(parent)) {
    if (value === undefined) continue;
    if (isIncluded(name)) {
      result[name] = value;
      continue;
    }
    if (isExcluded(name)) continue;
    const keep =
      policy === "inherit_all" ||
      (policy === "filter_secrets" && !isSecretName(name)) ||
      (policy === "core_only" && isCore(name) && !isSecretName(name));
    if (keep) result[name] = value;
  }
  return result;
}
