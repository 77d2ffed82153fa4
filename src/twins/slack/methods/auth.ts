/** auth.test: who the token is. */
import type { MethodHandler } from "../call.js";
import { teamOf } from "../records.js";
import { ok } from "../responses.js";

export const authTest: MethodHandler = (call) => {
  const team = teamOf(call.tenant.state);
  const { user, token } = call.auth;
  return ok({
    url: `https://${team.domain}.slack.com/`,
    team: team.name,
    user: user.name,
    team_id: team.id,
    user_id: user.id,
    ...(token.type === "bot" && user.bot_id ? { bot_id: user.bot_id } : {}),
    is_enterprise_install: false,
  });
};
