// A node:test reporter that writes one JSON line per skipped test (file, name, reason), for
// scripts/run-tests.mjs to count the skips by missing dependency and print them after the run.
// eslint-disable-next-line no-restricted-syntax -- node:test loads a custom reporter from its default export
export default async function* skipReporter(source) {
  for await (const event of source) {
    if ((event.type === 'test:pass' || event.type === 'test:fail') && event.data.skip !== undefined) {
      const { file, name, skip } = event.data;
      yield `${JSON.stringify({ file: file ?? '', name, reason: typeof skip === 'string' ? skip : '' })}\n`;
    }
  }
}
