// Waits for a condition that a server reaches on its own time (a ClickHouse mutation, a lightweight
// delete): polls until it holds, with a deadline generous enough for a loaded machine, so a test
// waits for the event rather than for a fixed number of short sleeps.

/** Polls `done` every `everyMs` until it returns true; false when `timeoutMs` passed first. */
export async function waitUntil(
  done: () => Promise<boolean> | boolean,
  { timeoutMs = 60_000, everyMs = 25 }: { readonly timeoutMs?: number; readonly everyMs?: number } = {},
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await done()) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
