import { describe, expect, test } from "vitest";
import { inheritedEnvironment, screamingSnake, trialEnvironment, twinTemplateValues, type TwinEndpoint } from "./environment.js";

const parent = {
  PATH: "/usr/bin:/bin",
  HOME: "/home/factory",
  LANG: "C.UTF-8",
  LC_ALL: "C.UTF-8",
  TZ: "UTC",
  TMPDIR: "/tmp",
  FOO_TOKEN: "xoxb-leak",
  OPENAI_API_KEY: "sk-leak",
  AWS_SECRET_ACCESS_KEY: "leak",
  DB_PASSWORD: "leak",
  GOOGLE_APPLICATION_CREDENTIALS: "/secret.json",
  LC_SESSION_TOKEN: "leak",
  NODE_OPTIONS: "--require /evil.js",
  SOMETHING_ELSE: "not allowed",
  UNDEFINED: undefined,
};

const slack: TwinEndpoint = {
  name: "slack",
  tenant: "notify.0",
  baseUrl: "http://127.0.0.1:4000/t/notify.0",
  apiUrl: "http://127.0.0.1:4000/t/notify.0/api/",
  credentials: { botToken: "xoxb-1", userToken: "xoxp-1", signingSecret: "s3", botUserId: "U1" },
};
const jira: TwinEndpoint = { name: "jira", tenant: "notify.0", baseUrl: "http://127.0.0.1:4001/t/notify.0", apiUrl: "http://127.0.0.1:4001/t/notify.0", credentials: { email: "admin@example.com", apiToken: "t", bearerToken: "b" } };

describe("the app's environment", () => {
  test("keeps only the allow-list of the parent, and never a variable named like a secret", () => {
    expect(inheritedEnvironment(parent)).toEqual({ PATH: "/usr/bin:/bin", HOME: "/home/factory", LANG: "C.UTF-8", LC_ALL: "C.UTF-8", TZ: "UTC", TMPDIR: "/tmp" });
  });

  test("adds PORT, APP_URL, the trial seed and each twin's URLs and credentials in SCREAMING_SNAKE", () => {
    const environment = trialEnvironment({ parent, app: { port: 5000, url: "http://127.0.0.1:5000" }, seed: 77, twins: [slack, jira], extra: { MODE: "test" } });
    expect(environment).toMatchObject({
      PORT: "5000",
      APP_URL: "http://127.0.0.1:5000",
      LIGHTSOUT_TRIAL_SEED: "77",
      MODE: "test",
      SLACK_BASE_URL: "http://127.0.0.1:4000/t/notify.0",
      SLACK_API_URL: "http://127.0.0.1:4000/t/notify.0/api/",
      SLACK_BOT_TOKEN: "xoxb-1",
      SLACK_USER_TOKEN: "xoxp-1",
      SLACK_SIGNING_SECRET: "s3",
      SLACK_BOT_USER_ID: "U1",
      JIRA_BASE_URL: "http://127.0.0.1:4001/t/notify.0",
      JIRA_EMAIL: "admin@example.com",
      JIRA_API_TOKEN: "t",
      JIRA_BEARER_TOKEN: "b",
    });
    expect(Object.values(environment)).not.toContain("xoxb-leak");
    expect(environment["FOO_TOKEN"]).toBeUndefined();
    expect(environment["NODE_OPTIONS"]).toBeUndefined();
  });

  test("the runner's values win over an explicit app.env; command apps get no PORT", () => {
    const environment = trialEnvironment({ parent: {}, seed: 1, twins: [slack], extra: { SLACK_BOT_TOKEN: "mine", PORT: "1" } });
    expect(environment["SLACK_BOT_TOKEN"]).toBe("xoxb-1");
    expect(environment["PORT"]).toBe("1");
    expect(environment["APP_URL"]).toBeUndefined();
  });

  test("templates see the credentials by their own names plus baseUrl, apiUrl and tenant", () => {
    expect(twinTemplateValues(slack)).toEqual({ ...slack.credentials, baseUrl: slack.baseUrl, apiUrl: slack.apiUrl, tenant: "notify.0" });
  });

  test("screamingSnake", () => {
    expect(["botToken", "apiToken", "email", "google-drive", "botUserId", "apiURL"].map(screamingSnake)).toEqual(["BOT_TOKEN", "API_TOKEN", "EMAIL", "GOOGLE_DRIVE", "BOT_USER_ID", "API_URL"]);
  });
});
