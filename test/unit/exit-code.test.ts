import { setSuccessExitCode } from '../../src/framework/exit-code';

test("a framework that ends with process.exit(0) (1.35) exits with the plan's code", () => {
  const realExit = process.exit;
  const exit = jest.fn();
  process.exit = exit as unknown as typeof process.exit;
  try {
    setSuccessExitCode(2);
    expect(process.exitCode).toBe(2);
    process.exit(0);
    expect(exit).toHaveBeenLastCalledWith(2);
    // An error's code, and a later run that set none, go through as they are.
    process.exit(1);
    expect(exit).toHaveBeenLastCalledWith(1);
    process.exitCode = undefined;
    process.exit(0);
    expect(exit).toHaveBeenLastCalledWith(0);
  } finally {
    process.exit = realExit;
    process.exitCode = undefined;
  }
});
