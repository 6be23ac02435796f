// Prints one "runner: N passed, M failed" line per test runner from their JSON reports.
import { existsSync, readFileSync } from "node:fs";

const read = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : null);
let passed = 0;
let failed = 0;

const vitest = read("test-results/vitest.json");
if (vitest) {
  const skipped = vitest.numPendingTests + vitest.numTodoTests;
  console.log(`vitest: ${vitest.numPassedTests} passed, ${vitest.numFailedTests} failed, ${skipped} skipped`);
  passed += vitest.numPassedTests;
  failed += vitest.numFailedTests;
}
const playwright = read("test-results/playwright.json");
if (playwright) {
  const s = playwright.stats;
  console.log(`playwright: ${s.expected + s.flaky} passed, ${s.unexpected} failed, ${s.skipped} skipped`);
  passed += s.expected + s.flaky;
  failed += s.unexpected;
}
if (vitest || playwright) console.log(`total: ${passed} passed, ${failed} failed`);
