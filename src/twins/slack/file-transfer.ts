/**
 * The twin's stand-ins for `files.slack.com`: the upload URL handed out by
 * files.getUploadURLExternal (`POST {base}/upload/v1/{key}`, raw bytes or multipart, answered
 * `200 OK - <bytes>` as Slack answers) and the `url_private` download of a file's bytes
 * (`GET {base}/files-pri/{team}-{file}/{name}`, with a token that may read files).
 */
import { type TwinContext, getRecord, listRecords, putRecord } from "../kit/index.js";
import { authenticate, tokenOf } from "./auth.js";
import { type FileRecord, FILES } from "./records.js";
import { isFailure } from "./responses.js";

export const UPLOAD_PATH = /^\/upload\/v1\/([A-Za-z0-9]+)$/;
export const DOWNLOAD_PATH = /^\/files-pri\/T[A-Z0-9]+-(F[A-Z0-9]+)\/(?:download\/)?[^/]+$/;

const text = (status: number, body: string) => new Response(body, { status, headers: { "content-type": "text/plain; charset=utf-8" } });

async function uploadedBytes(request: Request): Promise<Uint8Array> {
  const type = (request.headers.get("content-type") ?? "").toLowerCase();
  if (type.includes("multipart/form-data")) {
    const form = await request.formData();
    for (const [, value] of form) if (typeof value !== "string") return new Uint8Array(await value.arrayBuffer());
    const first = [...form.values()][0];
    return new TextEncoder().encode(typeof first === "string" ? first : "");
  }
  return new Uint8Array(await request.arrayBuffer());
}

export async function handleUpload(context: TwinContext, key: string): Promise<Response> {
  if (context.request.method !== "POST" && context.request.method !== "PUT") return text(405, "Method Not Allowed");
  const tenant = context.tenant;
  const file = listRecords<FileRecord>(tenant.state, FILES).find((candidate) => candidate.upload_key === key);
  if (!file || file.state === "complete") return text(404, "Not Found");
  let bytes: Uint8Array;
  try {
    bytes = await uploadedBytes(context.request);
  } catch {
    return text(400, "Bad Request");
  }
  const current = getRecord<FileRecord>(tenant.state, FILES, file.id)!;
  tenant.update((state) => putRecord(state, FILES, file.id, { ...current, state: "uploaded", size: bytes.byteLength, content_base64: Buffer.from(bytes).toString("base64") }));
  return text(200, `OK - ${bytes.byteLength}`);
}

export function handleDownload(context: TwinContext, fileId: string): Response {
  const auth = authenticate(context.tenant, tokenOf(context.request, context.url.searchParams, undefined));
  if (isFailure(auth)) return text(401, "Unauthorized");
  const file = getRecord<FileRecord>(context.tenant.state, FILES, fileId);
  if (!file || file.state !== "complete" || !auth.token.scopes.some((scope) => scope === "files:read")) return text(404, "Not Found");
  const bytes = Buffer.from(file.content_base64 ?? "", "base64");
  return new Response(bytes, { status: 200, headers: { "content-type": file.mimetype, "content-length": String(bytes.byteLength) } });
}
