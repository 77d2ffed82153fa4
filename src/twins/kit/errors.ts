/**
 * The kit's two errors. They live apart from twin.ts so that the admin plane and the fixture
 * loader can throw and recognise them without importing the twin (which imports them).
 */

/** A fixture (seed data) or fault profile that does not fit: `path` names the first bad field. */
export class TwinFixtureError extends Error {
  /** The message without the path, for callers that prefix a path of their own. */
  readonly detail: string;

  constructor(
    readonly path: string,
    message: string,
  ) {
    super(path === "" ? message : `${path}: ${message}`);
    this.name = "TwinFixtureError";
    this.detail = message;
  }
}

/**
 * Thrown (rejected) when a dropped-connection fault fires in-process; the server destroys the
 * socket instead. A TypeError, like the one `fetch` rejects with on a network failure.
 */
export class DroppedConnectionError extends TypeError {
  constructor() {
    super("fetch failed: connection dropped by the twin (fault injection)");
    this.name = "DroppedConnectionError";
  }
}
