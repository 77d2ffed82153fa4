/**
 * A toy twin, a notes and counter service with a made-up API: the kit's test subject, and the
 * smallest complete example of a TwinDefinition (docs/twins/kit.md walks through it).
 *
 *   POST /api/notes.create    {text}           -> {ok, note}         (delivers `note_created`)
 *   GET  /api/notes.get       ?id=N1           -> {ok, note} | 404 {ok: false, error: "note_not_found"}
 *   GET  /api/notes.list      ?cursor=&limit=  -> {ok, notes, next_cursor}
 *   POST /api/notes.delete    {id}             -> {ok}
 *   POST /api/counter.increment {by?}          -> {ok, value}
 *   POST /api/crash                            throws, to show `internalError`
 * Every method wants `Authorization: Bearer <the tenant's token>` (see `describe`).
 */
import type { Tenant } from "./tenant.js";
import type { Twin, TwinContext, TwinDefinition, TwinOptions } from "./contract.js";
import { deliver } from "./deliveries.js";
import { fieldPath, fixtureObject } from "./fixture-checks.js";
import { jsonResponse } from "./request-body.js";
import { countRecords, getRecord, listRecords, putRecord, deleteRecord } from "./state.js";
import { createTwin } from "./twin.js";

export interface ToyNote {
  id: string;
  text: string;
  pinned: boolean;
  /** Virtual time of creation, ISO 8601. */
  created: string;
  /** Eight hex digits from the tenant's seeded random generator: differs by seed, repeats by seed. */
  tag: string;
}

const NOTES = "notes";
const SETTINGS = "settings";
/** notes.create is limited to this many per minute when a fault rule says `rateLimit: true`. */
export const TOY_NOTES_CREATE_LIMIT = { limit: 2, windowMs: 60_000 };

function hex(tenant: Tenant, digits: number): string {
  let text = "";
  while (text.length < digits) text += Math.floor(tenant.random() * 16).toString(16);
  return text;
}

function tokenOf(tenant: Tenant): string {
  return getRecord<string>(tenant.state, SETTINGS, "token") ?? "";
}

function addNote(tenant: Tenant, text: string, pinned = false): ToyNote {
  const note: ToyNote = { id: `N${tenant.nextCounter("note")}`, text, pinned, created: new Date(tenant.now()).toISOString(), tag: hex(tenant, 8) };
  tenant.update((state) => putRecord(state, NOTES, note.id, note));
  return note;
}

function field(context: TwinContext, name: string): unknown {
  const fromBody = typeof context.body === "object" && context.body !== null ? (context.body as Record<string, unknown>)[name] : undefined;
  return fromBody ?? context.url.searchParams.get(name) ?? undefined;
}

const failure = (error: string, status = 400) => jsonResponse({ ok: false, error }, status);

async function handle(twin: Twin, context: TwinContext): Promise<Response> {
  const { tenant } = context;
  if (context.request.headers.get("authorization") !== `Bearer ${tokenOf(tenant)}`) return failure("invalid_auth", 401);
  switch (context.method) {
    case "notes.create": {
      const text = field(context, "text");
      if (typeof text !== "string" || text === "") return failure("text_required");
      const note = addNote(tenant, text);
      const webhookUrl = tenant.config["webhookUrl"];
      if (typeof webhookUrl === "string") {
        await deliver(twin, tenant, { url: webhookUrl, headers: { "content-type": "application/json" }, body: JSON.stringify({ type: "note_created", note }) });
      }
      return jsonResponse({ ok: true, note });
    }
    case "notes.get": {
      const note = getRecord<ToyNote>(tenant.state, NOTES, String(field(context, "id") ?? ""));
      return note ? jsonResponse({ ok: true, note }) : failure("note_not_found", 404);
    }
    case "notes.list": {
      const limit = Math.min(100, Math.max(1, Number(field(context, "limit") ?? 100) || 100));
      const start = Number(field(context, "cursor") ?? 0) || 0;
      const notes = listRecords<ToyNote>(tenant.state, NOTES);
      const next = start + limit < notes.length ? String(start + limit) : "";
      return jsonResponse({ ok: true, notes: notes.slice(start, start + limit), total: countRecords(tenant.state, NOTES), next_cursor: next });
    }
    case "notes.delete": {
      const id = String(field(context, "id") ?? "");
      if (!getRecord(tenant.state, NOTES, id)) return failure("note_not_found", 404);
      tenant.update((state) => deleteRecord(state, NOTES, id));
      return jsonResponse({ ok: true });
    }
    case "counter.increment": {
      const by = Number(field(context, "by") ?? 1);
      if (!Number.isInteger(by)) return failure("invalid_by");
      const value = (getRecord<number>(tenant.state, SETTINGS, "counter") ?? 0) + by;
      tenant.update((state) => putRecord(state, SETTINGS, "counter", value));
      return jsonResponse({ ok: true, value });
    }
    case "crash":
      throw new Error("the toy twin crashed on purpose");
    default:
      return failure("unknown_method", 404);
  }
}

function seedToy(tenant: Tenant, fixture: unknown): void {
  const root = fixtureObject(fixture, "", ["notes", "counter"]);
  for (const [index, item] of root.optionalArray("notes").entries()) {
    const note = fixtureObject(item, fieldPath(root.path("notes"), index), ["text", "pinned"]);
    addNote(tenant, note.string("text", { nonEmpty: true }), note.optionalBoolean("pinned") ?? false);
  }
  const counter = root.optionalNumber("counter", { integer: true, min: 0 });
  if (counter !== undefined) tenant.update((state) => putRecord(state, SETTINGS, "counter", counter));
}

export function createToyTwin(options: TwinOptions = {}): Twin {
  const definition: TwinDefinition = {
    name: "toy",
    methodOf: (request, path) => (path.startsWith("/api/") ? path.slice("/api/".length) : `${request.method} ${path}`),
    handle: (context) => handle(twin, context),
    rateLimited: (_context, info) =>
      jsonResponse({ ok: false, error: "ratelimited" }, 429, {
        "retry-after": String(info.retryAfterSeconds),
        "x-ratelimit-limit": String(info.limit),
        "x-ratelimit-remaining": String(info.remaining),
        "x-ratelimit-reset": String(info.resetAt),
      }),
    serverError: () => failure("service_unavailable", 503),
    internalError: () => failure("internal_error", 500),
    vendorRateLimit: (method) => (method === "notes.create" ? TOY_NOTES_CREATE_LIMIT : undefined),
    initialize(tenant) {
      tenant.update((state) => putRecord(state, SETTINGS, "token", `toy-${hex(tenant, 16)}`));
      addNote(tenant, "welcome");
    },
    seed: seedToy,
    describe: (tenant, baseUrl) => ({
      credentials: { token: tokenOf(tenant) },
      sdkOption: `new ToyClient({ baseUrl: "${baseUrl}/api/" })`,
      baseUrl: `${baseUrl}/api/`,
    }),
  };
  const twin = createTwin(definition, options);
  return twin;
}

export interface ToyCall {
  /** JSON body (POST); without one the call is a GET. */
  body?: Record<string, unknown>;
  query?: Record<string, string>;
  /** The tenant to address with `/t/{tenant}`; absent = the default tenant. */
  tenant?: string;
  /** Default: the tenant's own token, so the call is authorized. */
  token?: string;
  origin?: string;
}

/** Calls a toy twin in-process, as a client would over HTTP. */
export function callToy(twin: Twin, method: string, call: ToyCall = {}): Promise<Response> {
  const origin = call.origin ?? "http://toy.test";
  const prefix = call.tenant ? `/t/${call.tenant}` : "";
  const query = call.query ? `?${new URLSearchParams(call.query).toString()}` : "";
  const token = call.token ?? tokenOf(twin.tenant(call.tenant));
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (call.body) headers["content-type"] = "application/json";
  return twin.fetch(new Request(`${origin}${prefix}/api/${method}${query}`, { method: call.body ? "POST" : "GET", headers, ...(call.body ? { body: JSON.stringify(call.body) } : {}) }));
}
