/**
 * Whether `npm run dev` / `npm start` seed the demo organization: always into the embedded
 * cluster (a local install), never into a DATABASE_URL database unless `--seed` asks for it;
 * `--no-seed` wins over both.
 */
export function shouldSeedDemoData(input: { embedded: boolean; seed?: boolean; noSeed?: boolean }): boolean {
  if (input.noSeed) return false;
  if (input.seed) return true;
  return input.embedded;
}
