/** `lightsout/testing`: fakes for testing code built on Lightsout. */
export { createScriptedBackend, type ScriptedBackend, type ScriptedCall, type ScriptedReply } from "./scripted-backend.js";
