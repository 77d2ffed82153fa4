/**
 * files.getUploadURLExternal, files.completeUploadExternal (the SDK's `filesUploadV2` flow, with
 * the upload URL served by the twin: `file-transfer.ts`), files.info, files.list, files.delete.
 */
import { deleteRecord, getRecord, listRecords, putRecord } from "../../kit/index.js";
import { INVALID_JSON } from "../args.js";
import { type MethodHandler, type SlackCall, raise } from "../call.js";
import { canSee } from "../conversations.js";
import { fileTypeOf, LIST_TYPES } from "../file-types.js";
import { newId, parseTsArgument, randomString, unixSeconds } from "../ids.js";
import { eventTs } from "../membership.js";
import { readBlocks } from "../message-content.js";
import { postMessage } from "../messages.js";
import { type FileRecord, FILES, channelOf, messageOf, saveMessage, userOf } from "../records.js";
import { renderFile } from "../render.js";
import { type SlackFailure, fail, invalidArguments, isFailure, missingArgument, ok } from "../responses.js";
import { authorOf, postableChannel, threadOf } from "./chat.js";

const MAX_FILE_BYTES = 1024 * 1024 * 1024;

export const filesGetUploadURLExternal: MethodHandler = (call) => {
  const filename = call.args.string("filename");
  if (filename === undefined) return missingArgument("filename");
  const length = call.args.integer("length");
  if (length === undefined) return missingArgument("length");
  if (Number.isNaN(length) || length < 0) return invalidArguments("invalid value for field: length");
  if (length > MAX_FILE_BYTES) return fail("file_upload_size_restricted");
  const altText = call.args.string("alt_txt") ?? call.args.string("alt_text");
  if (altText !== undefined && altText.length > 1000) return fail("alt_txt_too_large");
  const snippetType = call.args.string("snippet_type");
  const tenant = call.tenant;
  const type = fileTypeOf(filename, snippetType);
  const file: FileRecord = {
    id: newId(tenant, "F", (id) => getRecord(tenant.state, FILES, id) !== undefined),
    name: filename,
    title: filename,
    ...type,
    size: length,
    user: call.auth.user.id,
    created: unixSeconds(tenant),
    state: "pending",
    upload_key: randomString(tenant, 32),
    ...(altText !== undefined ? { alt_txt: altText } : {}),
    ...(snippetType !== undefined ? { snippet_type: snippetType } : {}),
    shares: [],
  };
  tenant.update((state) => putRecord(state, FILES, file.id, file));
  return ok({ upload_url: `${call.baseUrl}/upload/v1/${file.upload_key}`, file_id: file.id });
};

function readFileList(call: SlackCall): { id: string; title?: string }[] | SlackFailure {
  const files = call.args.json("files");
  if (files === undefined) return missingArgument("files");
  if (files === INVALID_JSON || !Array.isArray(files) || files.length === 0) return invalidArguments("invalid value for field: files");
  const list: { id: string; title?: string }[] = [];
  for (const item of files as unknown[]) {
    const entry = item as { id?: unknown; title?: unknown } | null;
    if (typeof entry !== "object" || entry === null || typeof entry.id !== "string") return invalidArguments("files[].id is required");
    list.push({ id: entry.id, ...(typeof entry.title === "string" ? { title: entry.title } : {}) });
  }
  return list;
}

export const filesCompleteUploadExternal: MethodHandler = (call) => {
  const list = readFileList(call);
  if (isFailure(list)) return list;
  const records: FileRecord[] = [];
  for (const item of list) {
    const file = getRecord<FileRecord>(call.tenant.state, FILES, item.id);
    if (!file || file.user !== call.auth.user.id || file.state === "pending") return fail("file_not_found");
    records.push({ ...file, title: item.title ?? file.title, state: "complete" });
  }
  const channels = call.args.has("channel_id") ? [call.args.string("channel_id")!] : call.args.list("channels");
  if (channels.length > 1) return fail("channels_limit_exceeded");
  const blocks = readBlocks(call.args);
  if (blocks !== undefined && !Array.isArray(blocks)) return blocks;
  const channel = channels.length === 1 ? postableChannel(call, channels[0]!) : undefined;
  if (isFailure(channel)) return channel;
  for (const record of records) call.tenant.update((state) => putRecord(state, FILES, record.id, record));
  if (channel) {
    const threadTs = threadOf(call, channel);
    const message = postMessage(call, channel, {
      ...authorOf(call),
      subtype: "file_share",
      text: call.args.string("initial_comment") ?? "",
      ...(blocks ? { blocks } : {}),
      files: records.map((record) => record.id),
      ...(threadTs !== undefined ? { thread_ts: threadTs } : {}),
    });
    for (const record of records) {
      const shared = { ...record, shares: [...record.shares, { channel: channel.id, ts: message.ts }] };
      call.tenant.update((state) => putRecord(state, FILES, record.id, shared));
      raise(call, { type: "file_shared", channel_id: channel.id, file_id: record.id, user_id: record.user, file: { id: record.id }, event_ts: eventTs(call) }, channel.id);
    }
  }
  return ok({ files: records.map((record) => ({ id: record.id, title: record.title })) });
};

function visibleFile(call: SlackCall, id: string | undefined): FileRecord | undefined {
  const file = id === undefined ? undefined : getRecord<FileRecord>(call.tenant.state, FILES, id);
  if (!file || file.state !== "complete") return undefined;
  const viewer = call.auth.user.id;
  const shared = file.shares.some((share) => {
    const channel = channelOf(call.tenant.state, share.channel);
    return channel !== undefined && canSee(channel, viewer);
  });
  return file.user === viewer || shared ? file : undefined;
}

export const filesInfo: MethodHandler = (call) => {
  const file = visibleFile(call, call.args.string("file"));
  if (!file) return fail("file_not_found");
  return ok({ file: renderFile(call.tenant.state, file, call.baseUrl), comments: [], response_metadata: { next_cursor: "" } });
};

export const filesList: MethodHandler = (call) => {
  const state = call.tenant.state;
  const user = call.args.string("user");
  if (user !== undefined && !userOf(state, user)) return fail("user_not_found");
  const channel = call.args.string("channel");
  const typeNames = call.args.list("types");
  const filters = (typeNames.length > 0 ? typeNames : ["all"]).map((name) => LIST_TYPES[name]);
  if (filters.some((filter) => filter === undefined)) return fail("unknown_type");
  const from = call.args.has("ts_from") ? parseTsArgument(call.args.string("ts_from")!) / 1_000_000 : 0;
  const to = call.args.has("ts_to") ? parseTsArgument(call.args.string("ts_to")!) / 1_000_000 : Number.POSITIVE_INFINITY;
  const files = listRecords<FileRecord>(state, FILES)
    .filter((file) => visibleFile(call, file.id) !== undefined)
    .filter((file) => (user === undefined || file.user === user) && (channel === undefined || file.shares.some((share) => share.channel === channel)))
    .filter((file) => filters.some((filter) => filter!(file.filetype)) && !(file.created < from) && !(file.created > to))
    .reverse();
  const count = Math.min(Math.max(call.args.integer("count") || 100, 1), 1000);
  const pages = Math.max(1, Math.ceil(files.length / count));
  const page = Math.min(Math.max(call.args.integer("page") || 1, 1), pages);
  return ok({
    files: files.slice((page - 1) * count, page * count).map((file) => renderFile(state, file, call.baseUrl)),
    paging: { count, total: files.length, page, pages },
  });
};

export const filesDelete: MethodHandler = (call) => {
  const file = visibleFile(call, call.args.string("file"));
  if (!file) return fail("file_not_found");
  const { user, token } = call.auth;
  if (file.user !== user.id && !(token.type === "user" && user.is_admin)) return fail("cant_delete_file");
  call.tenant.update((state) => deleteRecord(state, FILES, file.id));
  for (const share of file.shares) {
    const message = messageOf(call.tenant.state, share.channel, share.ts);
    if (message?.files) saveMessage(call.tenant, { ...message, files: message.files.filter((id) => id !== file.id) });
  }
  raise(call, { type: "file_deleted", file_id: file.id, channel_ids: [...new Set(file.shares.map((share) => share.channel))], event_ts: eventTs(call) });
  return ok();
};
