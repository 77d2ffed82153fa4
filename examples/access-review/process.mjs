// Stopping cleanly: on SIGTERM or SIGINT close the server, then exit.

export function exitOnSignals(service) {
  const stop = () => service.close().then(() => process.exit(0));
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}
