import { describe, expect, it } from "vitest";
import { boundaryOf, parseMultipart } from "./multipart.js";

const encode = (text: string) => new TextEncoder().encode(text);

describe("parseMultipart", () => {
  it("reads the metadata and media parts byte for byte", () => {
    const media = Buffer.from([0, 13, 10, 45, 45, 255]);
    const body = Buffer.concat([
      Buffer.from('--b1\r\ncontent-type: application/json\r\n\r\n{"name":"x"}\r\n--b1\r\nContent-Type: application/octet-stream\r\n\r\n'),
      media,
      Buffer.from("\r\n--b1--"),
    ]);
    const parsed = parseMultipart(new Uint8Array(body), "b1");
    if ("error" in parsed) throw new Error(parsed.error);
    expect(parsed.parts.map((part) => part.headers["content-type"])).toEqual(["application/json", "application/octet-stream"]);
    expect(new TextDecoder().decode(parsed.parts[0]!.body)).toBe('{"name":"x"}');
    expect(Buffer.from(parsed.parts[1]!.body)).toEqual(media);
  });

  it("finds the boundary, quoted or not", () => {
    expect(boundaryOf("multipart/related; boundary=abc")).toBe("abc");
    expect(boundaryOf('multipart/related; boundary="a b"; charset=x')).toBe("a b");
    expect(boundaryOf("text/plain")).toBeUndefined();
  });

  it("reports bodies that are not multipart", () => {
    expect(parseMultipart(encode("plain"), "b1")).toEqual({ error: "Multipart body does not contain the boundary." });
    expect(parseMultipart(encode("--b1\r\nno headers"), "b1")).toEqual({ error: "Multipart body is not terminated." });
  });
});
