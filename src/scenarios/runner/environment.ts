/**
 * The environment of the app under test (and of `cli` steps), and the twin values templates see.
 *
 * Built from an allow-list of the parent's variables (PATH, HOME, locale, TMPDIR, TZ...), never a
 * copy with exclusions: the factory's own environment holds provider keys and tokens, and the app
 * under test is code an agent wrote. A name that looks like a secret (`*_KEY`, `*_TOKEN`,
 * `*_SECRET`, `*_PASSWORD`, `*_CREDENTIALS*`) is dropped even when the allow-list would take it.
 * Then the runner's own values: `PORT`, `APP_URL`, `LIGHTSOUT_TRIAL_SEED`, and per twin
 * `<TWIN>_BASE_URL`, `<TWIN>_API_URL` and `<TWIN>_<CREDENTIAL>` (SLACK_BOT_TOKEN, JIRA_API_TOKEN...).
 */

/** Parent variables an app may need to run at all; nothing that configures or authenticates. */
export const INHERITED_VARIABLES: readonly string[] = ["PATH", "HOME", "USER", "LOGNAME", "SHELL", "LANG", "LANGUAGE", "TMPDIR", "TZ", "TERM"];
const INHERITED_PREFIXES: readonly string[] = ["LC_"];
const SECRET_NAME = /(_KEY|_TOKEN|_SECRET|_PASSWORD)$|_CREDENTIALS/i;

export function looksLikeSecret(name: string): boolean {
  return SECRET_NAME.test(name);
}

/** The allow-listed part of the parent's environment. */
export function inheritedEnvironment(parent: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(parent)) {
    if (value === undefined || looksLikeSecret(name)) continue;
    if (INHERITED_VARIABLES.includes(name) || INHERITED_PREFIXES.some((prefix) => name.startsWith(prefix))) kept[name] = value;
  }
  return kept;
}

/** `botToken` -> `BOT_TOKEN`, `google-drive` -> `GOOGLE_DRIVE`, `apiURL` -> `API_URL`. */
export function screamingSnake(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1_$2")
    .replace(/[^A-Za-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .toUpperCase();
}

/** How the app reaches one twin tenant in a trial. */
export interface TwinEndpoint {
  /** The twin's name: `slack`, `jira`. */
  name: string;
  tenant: string;
  /** The tenant's base URL: `http://127.0.0.1:<port>/t/<tenant>`. */
  baseUrl: string;
  /** What the vendor's SDK is configured with (Slack: `<base>/api/`); the base URL otherwise. */
  apiUrl: string;
  /** From the twin's `describe`: `botToken`, `userToken`, `signingSecret`, `email`, `apiToken`... */
  credentials: Record<string, string>;
}

/** `SLACK_BASE_URL`, `SLACK_API_URL`, `SLACK_BOT_TOKEN`, ... for one twin. */
export function twinEnvironment(endpoint: TwinEndpoint): Record<string, string> {
  const prefix = screamingSnake(endpoint.name);
  const variables: Record<string, string> = {};
  for (const [name, value] of Object.entries(endpoint.credentials)) variables[`${prefix}_${screamingSnake(name)}`] = value;
  variables[`${prefix}_BASE_URL`] = endpoint.baseUrl;
  variables[`${prefix}_API_URL`] = endpoint.apiUrl;
  return variables;
}

/** `${twins.<name>.*}`: the credentials by their camelCase names, `baseUrl`, `apiUrl`, `tenant`. */
export function twinTemplateValues(endpoint: TwinEndpoint): Record<string, string> {
  return { ...endpoint.credentials, baseUrl: endpoint.baseUrl, apiUrl: endpoint.apiUrl, tenant: endpoint.tenant };
}

export interface TrialEnvironmentInput {
  parent: Readonly<Record<string, string | undefined>>;
  /** Set for service apps; command apps get no PORT or APP_URL. */
  app?: { port: number; url: string };
  seed: number;
  twins: readonly TwinEndpoint[];
  /** The suite's explicit `app.env`: taken as given (it is configuration, not inherited). */
  extra?: Readonly<Record<string, string>>;
}

/** The whole environment: inherited allow-list < explicit `app.env` < the runner's own values. */
export function trialEnvironment({ parent, app, seed, twins, extra = {} }: TrialEnvironmentInput): Record<string, string> {
  const environment: Record<string, string> = { ...inheritedEnvironment(parent), ...extra };
  if (app) {
    environment["PORT"] = String(app.port);
    environment["APP_URL"] = app.url;
  }
  environment["LIGHTSOUT_TRIAL_SEED"] = String(seed);
  for (const endpoint of twins) Object.assign(environment, twinEnvironment(endpoint));
  return environment;
}
