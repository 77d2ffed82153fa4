/**
 * views.open, views.push, views.update, views.publish: modals and App Home views, stored as given
 * (Block Kit passes through) with Slack's ids, hashes and stacks. The twin raises no interactions,
 * so a `trigger_id` cannot come from it: any well-formed one (`<digits>.<digits>.<hex>`) is
 * accepted once (`exchanged_trigger_id` on reuse) and the user it stands for is unknown.
 */
import { getRecord, listRecords, putRecord } from "../../kit/index.js";
import { INVALID_JSON } from "../args.js";
import type { MethodHandler, SlackCall } from "../call.js";
import { newId, randomString, unixSeconds } from "../ids.js";
import { type ViewRecord, TRIGGERS, VIEWS, appOf, teamOf, userOf } from "../records.js";
import { type SlackFailure, fail, invalidArguments, isFailure, missingArgument, ok } from "../responses.js";

const TRIGGER = /^\d+\.\d+\.[0-9a-f]+$/;
const MAX_VIEW_BYTES = 250_000;
const MAX_STACK = 3;

function useTrigger(call: SlackCall): SlackFailure | undefined {
  const trigger = call.args.string("trigger_id") ?? call.args.string("interactivity_pointer");
  if (trigger === undefined) return missingArgument("trigger_id");
  if (!TRIGGER.test(trigger)) return fail("invalid_trigger_id");
  if (getRecord(call.tenant.state, TRIGGERS, trigger)) return fail("exchanged_trigger_id");
  call.tenant.update((state) => putRecord(state, TRIGGERS, trigger, { trigger_id: trigger, used_at: call.tenant.now() }));
  return undefined;
}

function readView(call: SlackCall, types: readonly string[]): Record<string, unknown> | SlackFailure {
  const view = call.args.json("view");
  if (view === undefined) return missingArgument("view");
  if (view === INVALID_JSON || typeof view !== "object" || view === null || Array.isArray(view)) return invalidArguments("failed to parse view [json-pointer:/view]");
  if (JSON.stringify(view).length > MAX_VIEW_BYTES) return fail("view_too_large");
  const payload = view as Record<string, unknown>;
  if (typeof payload["type"] !== "string" || !types.includes(payload["type"])) return invalidArguments(`must be one of ${types.map((type) => `"${type}"`).join(", ")} [json-pointer:/view/type]`);
  if (!Array.isArray(payload["blocks"])) return invalidArguments("must provide an array [json-pointer:/view/blocks]");
  if (payload["blocks"].length > 100) return invalidArguments("must be less than 101 items [json-pointer:/view/blocks]");
  if (!payload["blocks"].every((block) => typeof block === "object" && block !== null && typeof (block as { type?: unknown }).type === "string")) return invalidArguments("must provide an object with a type [json-pointer:/view/blocks]");
  if (payload["type"] === "modal") {
    const title = payload["title"] as { type?: unknown; text?: unknown } | undefined;
    if (typeof title !== "object" || title === null || title.type !== "plain_text" || typeof title.text !== "string") return invalidArguments("must provide an object [json-pointer:/view/title]");
    if (title.text.length > 24) return invalidArguments("must be less than 25 characters [json-pointer:/view/title/text]");
  }
  return payload;
}

function externalIdTaken(call: SlackCall, externalId: string, except?: string): boolean {
  return externalId !== "" && listRecords<ViewRecord>(call.tenant.state, VIEWS).some((view) => view.external_id === externalId && view.id !== except);
}

function newHash(call: SlackCall): string {
  return `${unixSeconds(call.tenant)}.${randomString(call.tenant, 8)}`;
}

function createView(call: SlackCall, payload: Record<string, unknown>, stack: { root?: ViewRecord; previous?: ViewRecord; user?: string }): ViewRecord {
  const app = appOf(call.tenant.state);
  const id = newId(call.tenant, "V", (candidate) => getRecord(call.tenant.state, VIEWS, candidate) !== undefined);
  const view: ViewRecord = {
    id,
    team_id: teamOf(call.tenant.state).id,
    type: String(payload["type"]),
    payload,
    external_id: typeof payload["external_id"] === "string" ? payload["external_id"] : "",
    hash: newHash(call),
    root_view_id: stack.root?.id ?? id,
    previous_view_id: stack.previous?.id ?? null,
    user_id: stack.user ?? null,
    app_id: app.id,
    bot_id: app.bot_id,
    depth: (stack.previous?.depth ?? 0) + 1,
  };
  call.tenant.update((state) => putRecord(state, VIEWS, view.id, view));
  return view;
}

export function renderView(view: ViewRecord): Record<string, unknown> {
  const payload = view.payload;
  return {
    id: view.id,
    team_id: view.team_id,
    type: view.type,
    blocks: payload["blocks"],
    private_metadata: payload["private_metadata"] ?? "",
    callback_id: payload["callback_id"] ?? "",
    state: { values: {} },
    hash: view.hash,
    ...(view.type === "modal" ? { title: payload["title"], clear_on_close: payload["clear_on_close"] ?? false, notify_on_close: payload["notify_on_close"] ?? false, close: payload["close"] ?? null, submit: payload["submit"] ?? null } : { title: payload["title"] ?? null, close: null, submit: null }),
    previous_view_id: view.previous_view_id,
    root_view_id: view.root_view_id,
    app_id: view.app_id,
    external_id: view.external_id,
    app_installed_team_id: view.team_id,
    bot_id: view.bot_id,
  };
}

export const viewsOpen: MethodHandler = (call) => {
  const payload = readView(call, ["modal"]);
  if (isFailure(payload)) return payload;
  const externalId = typeof payload["external_id"] === "string" ? payload["external_id"] : "";
  if (externalIdTaken(call, externalId)) return fail("duplicate_external_id");
  const denied = useTrigger(call);
  if (denied) return denied;
  return ok({ view: renderView(createView(call, payload, {})) });
};

export const viewsPush: MethodHandler = (call) => {
  const payload = readView(call, ["modal"]);
  if (isFailure(payload)) return payload;
  const top = listRecords<ViewRecord>(call.tenant.state, VIEWS).filter((view) => view.type === "modal").at(-1);
  if (!top) return fail("not_found");
  if (top.depth >= MAX_STACK) return fail("push_limit_reached");
  const externalId = typeof payload["external_id"] === "string" ? payload["external_id"] : "";
  if (externalIdTaken(call, externalId)) return fail("duplicate_external_id");
  const denied = useTrigger(call);
  if (denied) return denied;
  const root = getRecord<ViewRecord>(call.tenant.state, VIEWS, top.root_view_id) ?? top;
  return ok({ view: renderView(createView(call, payload, { root, previous: top })) });
};

export const viewsUpdate: MethodHandler = (call) => {
  const viewId = call.args.string("view_id");
  const externalId = call.args.string("external_id");
  if (viewId === undefined && externalId === undefined) return missingArgument("view_id");
  const views = listRecords<ViewRecord>(call.tenant.state, VIEWS);
  const current = viewId !== undefined ? views.find((view) => view.id === viewId) : views.find((view) => view.external_id === externalId);
  if (!current) return fail("not_found");
  const payload = readView(call, [current.type]);
  if (isFailure(payload)) return payload;
  const hash = call.args.string("hash");
  if (hash !== undefined && hash !== current.hash) return fail("hash_conflict");
  const nextExternalId = typeof payload["external_id"] === "string" ? payload["external_id"] : current.external_id;
  if (externalIdTaken(call, nextExternalId, current.id)) return fail("duplicate_external_id");
  const updated: ViewRecord = { ...current, payload, external_id: nextExternalId, hash: newHash(call) };
  call.tenant.update((state) => putRecord(state, VIEWS, updated.id, updated));
  return ok({ view: renderView(updated) });
};

export const viewsPublish: MethodHandler = (call) => {
  if (call.auth.token.type !== "bot") return fail("not_allowed_token_type");
  const userId = call.args.string("user_id");
  if (userId === undefined) return missingArgument("user_id");
  if (!userOf(call.tenant.state, userId)) return invalidArguments("invalid user_id");
  const payload = readView(call, ["home"]);
  if (isFailure(payload)) return payload;
  const current = listRecords<ViewRecord>(call.tenant.state, VIEWS).find((view) => view.type === "home" && view.user_id === userId);
  const hash = call.args.string("hash");
  if (current && hash !== undefined && hash !== current.hash) return fail("hash_conflict");
  if (!current) return ok({ view: renderView(createView(call, payload, { user: userId })) });
  const updated: ViewRecord = { ...current, payload, hash: newHash(call) };
  call.tenant.update((state) => putRecord(state, VIEWS, updated.id, updated));
  return ok({ view: renderView(updated) });
};
