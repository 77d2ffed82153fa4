/**
 * Requests and responses whose body is bytes (or text) already in memory, handed out on demand.
 * Giving undici a body makes it build a ReadableStream, with an AbortSignal and transfer hooks,
 * for every message: over HTTP that cost more than the rest of a twin's work on a request put
 * together (docs/decisions/0043-serving-without-body-streams.md). `serveTwin` builds requests
 * with `bufferedRequest`; `jsonResponse` builds responses with `bufferedResponse`.
 *
 * Each is a real Request or Response (a subclass: `instanceof`, url, method, status, headers)
 * made without a body, whose body readers (`text`, `json`, `arrayBuffer`, `bytes`, `blob`,
 * `formData`, `body`, `bodyUsed`, `clone`) read the buffered body, once, as undici's would.
 * One limit: undici's internals do not see the body, so `new Request(request)` or
 * `fetch(request)` forward none; read it with a reader (or `.body`) to pass it on.
 */
interface BodySource {
  bytes(): Uint8Array;
  text(): string;
}

interface BufferedState {
  source: BodySource;
  used: boolean;
  stream?: ReadableStream<Uint8Array>;
}

function fromBytes(bytes: Uint8Array): BodySource {
  let text: string | undefined;
  return { bytes: () => bytes, text: () => (text ??= new TextDecoder().decode(bytes)) };
}

function fromText(text: string): BodySource {
  let bytes: Uint8Array | undefined;
  return { bytes: () => (bytes ??= new TextEncoder().encode(text)), text: () => text };
}

const states = new WeakMap<Request | Response, BufferedState>();

function stateOf(message: Request | Response): BufferedState {
  return states.get(message)!;
}

const unusable = () => new TypeError("Body is unusable: Body has already been read");

function consume(message: Request | Response): BodySource {
  const state = stateOf(message);
  if (state.used) throw unusable();
  state.used = true;
  return state.source;
}

const contentType = (message: Request | Response) => message.headers.get("content-type") ?? "";

/**
 * The body readers, installed once on each subclass's prototype (not per message: that made
 * nine closures per request). TypeScript types Request's readers as properties, which a class
 * cannot override with methods, hence `defineProperties` rather than class members.
 */
function installBodyReaders(prototype: Request | Response, copy: (message: Request | Response, source: BodySource) => Request | Response): void {
  Object.defineProperties(prototype, {
    body: {
      get(this: Request | Response) {
        const state = stateOf(this);
        // Pulled only when read (high-water mark 0), so looking at `body` does not use it up.
        return (state.stream ??= new ReadableStream<Uint8Array>(
          {
            pull(controller) {
              state.used = true;
              controller.enqueue(state.source.bytes());
              controller.close();
            },
          },
          { highWaterMark: 0 },
        ));
      },
    },
    bodyUsed: {
      get(this: Request | Response) {
        return stateOf(this).used;
      },
    },
    text: {
      value: async function (this: Request | Response) {
        return consume(this).text();
      },
    },
    json: {
      value: async function (this: Request | Response) {
        return JSON.parse(consume(this).text()) as unknown;
      },
    },
    arrayBuffer: {
      value: async function (this: Request | Response) {
        return Uint8Array.prototype.slice.call(consume(this).bytes()).buffer;
      },
    },
    bytes: {
      value: async function (this: Request | Response) {
        return Uint8Array.prototype.slice.call(consume(this).bytes());
      },
    },
    blob: {
      value: async function (this: Request | Response) {
        return new Blob([consume(this).bytes()], { type: contentType(this) });
      },
    },
    formData: {
      value: async function (this: Request | Response) {
        return new Response(consume(this).bytes(), { headers: { "content-type": contentType(this) } }).formData();
      },
    },
    clone: {
      value: function (this: Request | Response) {
        const state = stateOf(this);
        if (state.used) throw unusable();
        return copy(this, state.source);
      },
    },
  });
}

type HeadersInit = ConstructorParameters<typeof Headers>[0];

class BufferedRequest extends Request {
  constructor(url: string | URL, method: string, headers: HeadersInit, source: BodySource) {
    super(url, { method, headers });
    states.set(this, { source, used: false });
  }
}
installBodyReaders(BufferedRequest.prototype, (message, source) => new BufferedRequest(message.url, (message as Request).method, message.headers, source));

class BufferedResponse extends Response {
  constructor(init: { status: number; headers: HeadersInit }, source: BodySource) {
    super(null, init);
    states.set(this, { source, used: false });
  }
}
installBodyReaders(BufferedResponse.prototype, (message, source) => new BufferedResponse({ status: (message as Response).status, headers: message.headers }, source));

export function bufferedRequest(url: string | URL, method: string, headers: HeadersInit, bytes: Uint8Array): Request {
  return new BufferedRequest(url, method, headers, fromBytes(bytes));
}

export function bufferedResponse(text: string, init: { status: number; headers: Record<string, string> }): Response {
  return new BufferedResponse(init, fromText(text));
}

/** The body text of a buffered request or response, without consuming it; undefined for others. */
export function bufferedText(message: Request | Response): string | undefined {
  return states.get(message)?.source.text();
}
