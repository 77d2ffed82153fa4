/** users.list, users.info, users.lookupByEmail, users.conversations. */
import type { MethodHandler } from "../call.js";
import { canSee } from "../conversations.js";
import { allChannels, allUsers, userOf } from "../records.js";
import { renderConversation, renderUser } from "../render.js";
import { fail, isFailure, ok } from "../responses.js";
import { paginate } from "../paging.js";
import { checkConversationTypes } from "./conversations-read.js";

export const usersList: MethodHandler = (call) => {
  const state = call.tenant.state;
  const page = paginate(allUsers(state), (user) => user.id, call.args, { kind: "users", defaultLimit: 1000, maxLimit: 1000 });
  if (isFailure(page)) return page;
  const locale = call.args.boolean("include_locale");
  return ok({
    members: page.items.map((user) => renderUser(state, user, { locale })),
    cache_ts: Math.floor(call.tenant.now() / 1000),
    response_metadata: { next_cursor: page.nextCursor },
  });
};

export const usersInfo: MethodHandler = (call) => {
  const id = call.args.string("user");
  const user = id === undefined ? undefined : userOf(call.tenant.state, id);
  if (!user) return fail("user_not_found");
  return ok({ user: renderUser(call.tenant.state, user, { locale: call.args.boolean("include_locale") }) });
};

export const usersLookupByEmail: MethodHandler = (call) => {
  const email = call.args.string("email")?.toLowerCase();
  const user = email === undefined ? undefined : allUsers(call.tenant.state).find((candidate) => candidate.email?.toLowerCase() === email && !candidate.is_bot);
  if (!user) return fail("users_not_found");
  return ok({ user: renderUser(call.tenant.state, user) });
};

export const usersConversations: MethodHandler = (call) => {
  const state = call.tenant.state;
  const userId = call.args.string("user") ?? call.auth.user.id;
  if (!userOf(state, userId)) return fail("user_not_found");
  const types = checkConversationTypes(call);
  if (isFailure(types)) return types;
  const excludeArchived = call.args.boolean("exclude_archived");
  const channels = allChannels(state).filter(
    (channel) => types.includes(channel.kind) && channel.members.includes(userId) && canSee(channel, call.auth.user.id) && !(excludeArchived && channel.is_archived),
  );
  const page = paginate(channels, (channel) => channel.id, call.args, { kind: "team", defaultLimit: 100, maxLimit: 1000, strictLimit: true });
  if (isFailure(page)) return page;
  return ok({ channels: page.items.map((channel) => renderConversation(state, channel, { compact: true })), response_metadata: { next_cursor: page.nextCursor } });
};
