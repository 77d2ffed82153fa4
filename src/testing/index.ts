/** `lightsout/testing`: fakes for testing code built on Lightsout. */
export { createScriptedBackend, type ScriptedBackend, type ScriptedCall, type ScriptedReply } from "./scripted-backend.js";
export {
  createScriptedLlm,
  textTurn,
  toolCallTurn,
  type ScriptedLlm,
  type ScriptedAnswer,
  type ScriptedTurn,
  type ScriptedToolCall,
  type ScriptedResponder,
  type ScriptedCallInfo,
} from "./scripted-llm.js";
