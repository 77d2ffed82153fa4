import { describe, expect, it } from "vitest";
import { buildBwrapArguments, shellQuote, type BwrapPlan } from "./bwrap-arguments.js";

const plan: BwrapPlan = {
  workspace: "/tmp/ws",
  workingDir: "/tmp/ws/src",
  readOnly: [{ path: "/usr" }, { path: "/bin", symlinkTarget: "usr/bin" }],
  generatedFiles: { "/etc/hosts": "/tmp/rt/etc/hosts" },
  env: { PATH: "/usr/bin", HOME: "/tmp" },
  memoryMb: 512,
  maxProcesses: 64,
  shell: "/bin/bash",
  nodePath: "/usr/bin/node",
  command: "echo hi",
};

function pairsAfter(args: string[], flag: string): string[][] {
  return args.flatMap((arg, index) => (arg === flag ? [args.slice(index + 1, index + 3)] : []));
}

describe("buildBwrapArguments", () => {
  const args = buildBwrapArguments(plan);
  const options = args.slice(0, args.indexOf("--"));

  it("isolates every namespace, drops capabilities and nested user namespaces, clears the environment", () => {
    for (const flag of ["--unshare-all", "--unshare-user", "--disable-userns", "--die-with-parent", "--new-session", "--clearenv"]) {
      expect(options).toContain(flag);
    }
    expect(pairsAfter(options, "--cap-drop")).toEqual([["ALL", "--chdir"]]);
    expect(options).not.toContain("--share-net");
  });

  it("mounts only the toolchain read-only and the workspace read-write", () => {
    expect(pairsAfter(options, "--ro-bind-try")).toEqual([["/usr", "/usr"]]);
    expect(pairsAfter(options, "--symlink")).toEqual([["usr/bin", "/bin"]]);
    expect(pairsAfter(options, "--bind")).toEqual([["/tmp/ws", "/tmp/ws"]]);
    expect(pairsAfter(options, "--ro-bind")).toEqual([["/tmp/rt/etc/hosts", "/etc/hosts"]]);
  });

  it("mounts the private /tmp first, so a workspace or toolchain under /tmp stays visible", () => {
    expect(options.indexOf("--tmpfs")).toBeLessThan(options.indexOf("--ro-bind-try"));
    expect(options.indexOf("--tmpfs")).toBeLessThan(options.indexOf("--bind"));
  });

  it("mounts its own /proc and /dev after the toolchain, so no toolchain path can cover them with the host's", () => {
    expect(options.indexOf("--proc")).toBeGreaterThan(options.indexOf("--ro-bind-try"));
    expect(options.indexOf("--dev")).toBeGreaterThan(options.indexOf("--ro-bind-try"));
  });

  it("passes exactly the given environment and starts in the working directory", () => {
    expect(pairsAfter(options, "--setenv")).toEqual([["PATH", "/usr/bin"], ["HOME", "/tmp"]]);
    expect(options.at(-1)).toBe("/tmp/ws/src");
  });

  it("runs the command through the wrapper with the limits and without a forwarder", () => {
    expect(args.slice(args.indexOf("--") + 1)).toEqual(["/bin/bash", "-c", expect.stringContaining("ulimit -d"), "/bin/bash", "echo hi", "524288", "64", ""]);
  });

  it("binds the forwarder directory and names node only when loopback ports are forwarded", () => {
    const forwarded = buildBwrapArguments({ ...plan, forwarderDir: "/tmp/rt/net" });
    expect(pairsAfter(forwarded, "--ro-bind")).toContainEqual(["/tmp/rt/net", "/run/lightsout"]);
    expect(forwarded.at(-1)).toBe("/usr/bin/node");
  });
});

describe("shellQuote", () => {
  it("quotes words so the host shell passes them to bwrap unchanged", () => {
    expect(shellQuote("/usr/bin")).toBe("/usr/bin");
    expect(shellQuote("it's $HOME")).toBe(`'it'\\''s $HOME'`);
  });
});
