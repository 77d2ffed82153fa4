/**
 * The handler registry (spec 4.2): explicit `type` first, then the shape mapping, then the
 * default handler. Registering a type that exists replaces it.
 */
import { SHAPE_TO_TYPE } from "../attributes.js";
import type { GraphNode } from "../graph.js";
import type { Handler } from "./handler.js";

export class HandlerRegistry {
  private readonly handlers = new Map<string, Handler>();

  constructor(private defaultHandler: Handler) {}

  register(type: string, handler: Handler): this {
    this.handlers.set(type, handler);
    return this;
  }

  setDefault(handler: Handler): this {
    this.defaultHandler = handler;
    return this;
  }

  has(type: string): boolean {
    return this.handlers.has(type);
  }

  types(): string[] {
    return [...this.handlers.keys()];
  }

  /** The registered type a node resolves to: explicit `type`, then its shape; undefined = the default handler. */
  private registeredType(node: GraphNode): string | undefined {
    const explicit = node.attributes["type"];
    if (explicit && this.handlers.has(explicit)) return explicit;
    const byShape = SHAPE_TO_TYPE[node.attributes["shape"] ?? "box"];
    return byShape && this.handlers.has(byShape) ? byShape : undefined;
  }

  /** The type string a node resolves to, for events and status. */
  resolveType(node: GraphNode): string {
    return this.registeredType(node) ?? "codergen";
  }

  resolve(node: GraphNode): Handler {
    const type = this.registeredType(node);
    return type ? this.handlers.get(type)! : this.defaultHandler;
  }
}
