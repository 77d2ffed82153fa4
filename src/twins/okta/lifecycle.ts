/**
 * The user lifecycle state machine (`/api/v1/users/{id}/lifecycle/...`). Each operation names the
 * statuses it may start from; any other status is Okta's 403 `E0000038`, except activating an
 * active user, which is `E0000016` ("already active"), as Okta answers.
 *
 *   STAGED --activate--> ACTIVE (with a password) | PROVISIONED (without)
 *   ACTIVE --suspend--> SUSPENDED --unsuspend--> ACTIVE
 *   LOCKED_OUT --unlock--> ACTIVE;  ACTIVE|PASSWORD_EXPIRED|LOCKED_OUT|RECOVERY --reset_password--> RECOVERY
 *   any but DEPROVISIONED --deactivate--> DEPROVISIONED --activate--> ACTIVE | PROVISIONED
 */
import { putRecord } from "../kit/index.js";
import { oktaError, wrongStatus } from "./errors.js";
import { COLLECTIONS, type UserRecord, type UserStatus, randomText } from "./model.js";
import { type OktaRequest, json } from "./request.js";
import { pathUser } from "./users.js";
import { userJson } from "./views.js";

function transition(request: OktaRequest, user: UserRecord, status: UserStatus, extra: Partial<UserRecord> = {}): UserRecord {
  const now = request.tenant.now();
  const next: UserRecord = { ...user, ...extra, status, statusChanged: now, lastUpdated: now };
  request.tenant.update((state) => putRecord(state, COLLECTIONS.users, user.id, next));
  return next;
}

const sendEmail = (request: OktaRequest, fallback: boolean) => {
  const raw = request.query.get("sendEmail");
  return raw === null ? fallback : raw.toLowerCase() === "true";
};

/** Runs `change` when the user's status is one of `from`, else answers Okta's status error. */
function lifecycle(request: OktaRequest, from: UserStatus[], change: (user: UserRecord) => Response): Response {
  const user = pathUser(request);
  if (user instanceof Response) return user;
  if (!from.includes(user.status)) return wrongStatus(request.tenant, `The user's status is ${user.status}; this operation needs ${from.join(" or ")}.`);
  return change(user);
}

function activationAnswer(request: OktaRequest, user: UserRecord): Response {
  if (sendEmail(request, true)) return json(request, {});
  const activationToken = randomText(request.tenant, 20);
  return json(request, { activationUrl: `${request.baseUrl}/welcome/${activationToken}`, activationToken, _links: { self: { href: `${request.baseUrl}/api/v1/users/${user.id}` } } });
}

export function activateUser(request: OktaRequest): Response {
  const user = pathUser(request);
  if (user instanceof Response) return user;
  if (user.status === "ACTIVE") return oktaError(request.tenant, 403, "E0000016", "Activation failed because the user is already active");
  return lifecycle(request, ["STAGED", "DEPROVISIONED"], (current) => {
    const next = transition(request, current, current.password !== undefined ? "ACTIVE" : "PROVISIONED", { activated: request.tenant.now() });
    return activationAnswer(request, next);
  });
}

export function reactivateUser(request: OktaRequest): Response {
  return lifecycle(request, ["PROVISIONED", "RECOVERY"], (user) => activationAnswer(request, transition(request, user, user.status)));
}

export function deactivateUser(request: OktaRequest): Response {
  return lifecycle(request, ["STAGED", "PROVISIONED", "ACTIVE", "RECOVERY", "PASSWORD_EXPIRED", "LOCKED_OUT", "SUSPENDED"], (user) => {
    transition(request, user, "DEPROVISIONED");
    return json(request, {});
  });
}

export function suspendUser(request: OktaRequest): Response {
  return lifecycle(request, ["ACTIVE"], (user) => {
    transition(request, user, "SUSPENDED");
    return json(request, {});
  });
}

export function unsuspendUser(request: OktaRequest): Response {
  return lifecycle(request, ["SUSPENDED"], (user) => {
    transition(request, user, "ACTIVE");
    return json(request, {});
  });
}

export function unlockUser(request: OktaRequest): Response {
  return lifecycle(request, ["LOCKED_OUT"], (user) => {
    transition(request, user, user.password !== undefined ? "ACTIVE" : "PROVISIONED");
    return json(request, {});
  });
}

export function resetPassword(request: OktaRequest): Response {
  return lifecycle(request, ["ACTIVE", "PASSWORD_EXPIRED", "LOCKED_OUT", "RECOVERY"], (user) => {
    transition(request, user, "RECOVERY");
    if (sendEmail(request, true)) return json(request, {});
    return json(request, { resetPasswordUrl: `${request.baseUrl}/reset_password/${randomText(request.tenant, 20)}` });
  });
}

export function expirePassword(request: OktaRequest): Response {
  return lifecycle(request, ["ACTIVE", "RECOVERY", "PASSWORD_EXPIRED"], (user) => json(request, userJson(request.baseUrl, transition(request, user, "PASSWORD_EXPIRED"))));
}
