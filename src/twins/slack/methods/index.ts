/** The method table: every supported Web API method and its handler. */
import type { MethodHandler } from "../call.js";
import type { SupportedMethod } from "../supported-methods.js";
import { authTest } from "./auth.js";
import { chatDelete, chatGetPermalink, chatPostEphemeral, chatPostMessage, chatUpdate } from "./chat.js";
import { chatDeleteScheduledMessage, chatScheduleMessage, chatScheduledMessagesList } from "./chat-scheduled.js";
import { conversationsInvite, conversationsJoin, conversationsKick, conversationsLeave, conversationsOpen } from "./conversations-members.js";
import { conversationsHistory, conversationsInfo, conversationsList, conversationsMembers, conversationsReplies } from "./conversations-read.js";
import { conversationsArchive, conversationsCreate, conversationsRename, conversationsSetPurpose, conversationsSetTopic, conversationsUnarchive } from "./conversations-write.js";
import { filesCompleteUploadExternal, filesDelete, filesGetUploadURLExternal, filesInfo, filesList } from "./files.js";
import { pinsAdd, pinsList, pinsRemove } from "./pins.js";
import { reactionsAdd, reactionsGet, reactionsList, reactionsRemove } from "./reactions.js";
import { usersConversations, usersInfo, usersList, usersLookupByEmail } from "./users.js";
import { viewsOpen, viewsPublish, viewsPush, viewsUpdate } from "./views.js";

export const METHOD_HANDLERS: Readonly<Record<SupportedMethod, MethodHandler>> = {
  "auth.test": authTest,
  "conversations.list": conversationsList,
  "conversations.create": conversationsCreate,
  "conversations.info": conversationsInfo,
  "conversations.history": conversationsHistory,
  "conversations.replies": conversationsReplies,
  "conversations.join": conversationsJoin,
  "conversations.leave": conversationsLeave,
  "conversations.invite": conversationsInvite,
  "conversations.kick": conversationsKick,
  "conversations.members": conversationsMembers,
  "conversations.archive": conversationsArchive,
  "conversations.unarchive": conversationsUnarchive,
  "conversations.rename": conversationsRename,
  "conversations.setTopic": conversationsSetTopic,
  "conversations.setPurpose": conversationsSetPurpose,
  "conversations.open": conversationsOpen,
  "chat.postMessage": chatPostMessage,
  "chat.update": chatUpdate,
  "chat.delete": chatDelete,
  "chat.postEphemeral": chatPostEphemeral,
  "chat.getPermalink": chatGetPermalink,
  "chat.scheduleMessage": chatScheduleMessage,
  "chat.scheduledMessages.list": chatScheduledMessagesList,
  "chat.deleteScheduledMessage": chatDeleteScheduledMessage,
  "users.list": usersList,
  "users.info": usersInfo,
  "users.lookupByEmail": usersLookupByEmail,
  "users.conversations": usersConversations,
  "reactions.add": reactionsAdd,
  "reactions.remove": reactionsRemove,
  "reactions.get": reactionsGet,
  "reactions.list": reactionsList,
  "pins.add": pinsAdd,
  "pins.remove": pinsRemove,
  "pins.list": pinsList,
  "files.getUploadURLExternal": filesGetUploadURLExternal,
  "files.completeUploadExternal": filesCompleteUploadExternal,
  "files.info": filesInfo,
  "files.list": filesList,
  "files.delete": filesDelete,
  "views.open": viewsOpen,
  "views.update": viewsUpdate,
  "views.push": viewsPush,
  "views.publish": viewsPublish,
};
