let carriesExitCode = false;

/**
 * Makes the shell get `code` when the command succeeds. The framework sets `process.exitCode`
 * only in its error handler (1) and (1.83, 2.x, 3.x, osls) ends a successful command without
 * `process.exit`, so the code holds (serverless scripts/serverless.js and lib/cli/handle-error.js
 * on 2.x/3.x/osls, lib/classes/Error.js on 1.x). Early 1.x (1.35) ends with `process.exit(0)`
 * (bin/serverless), which would drop it: that call is made to carry a code set here. Calling
 * `process.exit` ourselves could cut off output still being flushed.
 */
export function setSuccessExitCode(code: number): void {
  process.exitCode = code;
  if (carriesExitCode) return;
  carriesExitCode = true;
  const exit = process.exit.bind(process);
  process.exit = ((requested?: number | string | null) =>
    exit(
      requested === 0 && process.exitCode ? process.exitCode : requested,
    )) as typeof process.exit;
}
