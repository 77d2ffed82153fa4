/**
 * Drive's upload protocols on `/upload/drive/v3/files[/{fileId}]`:
 * - `uploadType=media`: the body is the content, its Content-Type the file's type;
 * - `uploadType=multipart`: `multipart/related`, a JSON metadata part then the media part;
 * - `uploadType=resumable`: the first request (metadata, `X-Upload-Content-Type`,
 *   `X-Upload-Content-Length`) answers 200 with a `Location` session URI on the twin's own origin;
 *   PUTs to it send the bytes in chunks with `Content-Range: bytes a-b/total`, answered 308 Resume
 *   Incomplete with `Range: bytes=0-b` until the last, which answers the file; `bytes *\/total`
 *   asks how far the upload got.
 * The session lives in the tenant state, so a snapshot and restore take it along.
 */
import { googleError } from "../google-common/errors.js";
import { badRequest, invalidValue, parseError } from "./errors.js";
import { createFile, updateFile, type UploadedMedia } from "./files-write.js";
import { readMetadata } from "./metadata.js";
import { deleteUploadSession, getUploadSession, putUploadSession, randomId, type UploadSession } from "./model.js";
import { boundaryOf, parseMultipart } from "./multipart.js";
import { bodyObject, type DriveRequest, fileFor } from "./request.js";

async function bodyBytes(request: DriveRequest): Promise<Uint8Array> {
  return new Uint8Array(await request.context.request.arrayBuffer());
}

function contentTypeOf(request: DriveRequest): string {
  return request.context.request.headers.get("content-type") ?? "";
}

function finish(request: DriveRequest, fileId: string | undefined, metadata: Record<string, unknown>, media: UploadedMedia): Response {
  return fileId === undefined ? createFile(request, metadata, media) : updateFile(request, fileId, metadata, media);
}

/** A media upload's metadata as JSON, or Drive's parse error. */
function metadataOf(bytes: Uint8Array): Record<string, unknown> | Response {
  const text = new TextDecoder().decode(bytes).trim();
  if (text === "") return {};
  try {
    const value = JSON.parse(text) as unknown;
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : parseError();
  } catch {
    return parseError();
  }
}

/** POST (create) or PATCH (update) on the upload path. */
export async function upload(request: DriveRequest, fileId: string | undefined): Promise<Response> {
  const uploadType = request.query.get("uploadType");
  switch (uploadType) {
    case "media": {
      const type = contentTypeOf(request).split(";")[0]!.trim();
      return finish(request, fileId, {}, { bytes: await bodyBytes(request), mimeType: type === "" ? "application/octet-stream" : type });
    }
    case "multipart": {
      const boundary = boundaryOf(contentTypeOf(request));
      if (!contentTypeOf(request).toLowerCase().startsWith("multipart/") || boundary === undefined) return badRequest("Bad content type. Please use multipart.");
      const parsed = parseMultipart(await bodyBytes(request), boundary);
      if ("error" in parsed) return badRequest(parsed.error);
      const [metadataPart, mediaPart] = parsed.parts;
      if (!metadataPart || !mediaPart) return badRequest("Multipart upload needs a metadata part and a media part.");
      const metadata = metadataOf(metadataPart.body);
      if (metadata instanceof Response) return metadata;
      const mimeType = mediaPart.headers["content-type"]?.split(";")[0]?.trim() || "application/octet-stream";
      return finish(request, fileId, metadata, { bytes: mediaPart.body, mimeType });
    }
    case "resumable":
      return startSession(request, fileId);
    case null:
      return badRequest("Upload requests must include an uploadType URL parameter and a URL path beginning with /upload/", "uploadType");
    default:
      return invalidValue("uploadType");
  }
}

function startSession(request: DriveRequest, fileId: string | undefined): Response {
  const metadata = bodyObject(request);
  const checked = readMetadata(metadata, fileId === undefined ? "create" : "update");
  if (checked instanceof Response) return checked;
  if (fileId !== undefined) {
    const found = fileFor(request, fileId, "writer");
    if (found instanceof Response) return found;
  }
  const headers = request.context.request.headers;
  const lengthText = headers.get("x-upload-content-length");
  const totalSize = lengthText === null ? undefined : Number(lengthText);
  if (totalSize !== undefined && (!Number.isInteger(totalSize) || totalSize < 0)) return badRequest("Invalid X-Upload-Content-Length header.");
  const session: UploadSession = {
    id: randomId(request.tenant, 64),
    method: fileId === undefined ? "drive.files.create" : "drive.files.update",
    owner: request.email,
    metadata,
    query: Object.fromEntries([...request.query].filter(([name]) => name !== "uploadType")),
    receivedBase64: "",
    ...(fileId !== undefined ? { fileId } : {}),
    ...(headers.get("x-upload-content-type") ? { mimeType: headers.get("x-upload-content-type")! } : {}),
    ...(totalSize !== undefined ? { totalSize } : {}),
  };
  request.tenant.update((state) => putUploadSession(state, session));
  const path = fileId === undefined ? "/upload/drive/v3/files" : `/upload/drive/v3/files/${encodeURIComponent(fileId)}`;
  const location = `${request.baseUrl}${path}?uploadType=resumable&upload_id=${session.id}`;
  return new Response(null, { status: 200, headers: { location, "x-guploader-uploadid": session.id } });
}

function resumeIncomplete(received: number): Response {
  return new Response(null, { status: 308, headers: received > 0 ? { range: `bytes=0-${received - 1}`, "content-length": "0" } : { "content-length": "0" } });
}

const CONTENT_RANGE = /^bytes (?:(\d+)-(\d+)|\*)\/(\d+|\*)$/;

/** A PUT to a session URI: one chunk, or a status query. */
export async function continueSession(request: DriveRequest): Promise<Response> {
  const id = request.query.get("upload_id") ?? "";
  const session = getUploadSession(request.tenant.state, id);
  if (!session || session.owner !== request.email) return googleError({ code: 404, message: "Upload session not found.", reason: "notFound", location: "upload_id", locationType: "parameter" });
  const received = Buffer.from(session.receivedBase64, "base64");
  const bytes = await bodyBytes(request);
  const rangeText = request.context.request.headers.get("content-range");
  let total: number | undefined = session.totalSize;
  let chunk = bytes;
  if (rangeText !== null) {
    const match = CONTENT_RANGE.exec(rangeText.trim());
    if (!match) return badRequest(`Invalid Content-Range header: ${rangeText}`);
    if (match[3] !== "*") total = Number(match[3]);
    if (match[1] === undefined) {
      // `bytes */total`: how far did the upload get?
      if (total !== undefined && received.byteLength === total) return complete(request, session, received);
      return resumeIncomplete(received.byteLength);
    }
    const start = Number(match[1]);
    const end = Number(match[2]);
    if (start !== received.byteLength) {
      return badRequest(`Invalid request. According to the Content-Range header, the upload offset is ${start} byte(s), which does not match the ${received.byteLength} byte(s) uploaded so far.`);
    }
    if (end - start + 1 !== bytes.byteLength) return badRequest(`Invalid request. The Content-Range header declares ${end - start + 1} byte(s), the body has ${bytes.byteLength}.`);
    chunk = bytes;
  } else {
    total = received.byteLength + bytes.byteLength;
  }
  const all = Buffer.concat([received, chunk]);
  if (total !== undefined && all.byteLength > total) return badRequest(`Invalid request. The upload is ${all.byteLength} byte(s), more than the declared ${total}.`);
  if (total === undefined || all.byteLength < total) {
    const updated: UploadSession = { ...session, receivedBase64: all.toString("base64"), ...(total !== undefined ? { totalSize: total } : {}) };
    request.tenant.update((state) => putUploadSession(state, updated));
    return resumeIncomplete(all.byteLength);
  }
  return complete(request, session, all);
}

function complete(request: DriveRequest, session: UploadSession, bytes: Uint8Array): Response {
  request.tenant.update((state) => deleteUploadSession(state, session.id));
  const mimeType = session.mimeType ?? (typeof session.metadata.mimeType === "string" ? session.metadata.mimeType : "application/octet-stream");
  const original: DriveRequest = { ...request, query: new URLSearchParams(session.query) };
  return finish(original, session.fileId, session.metadata, { bytes: new Uint8Array(bytes), mimeType });
}
