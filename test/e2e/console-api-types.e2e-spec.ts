import { existsSync, readFileSync } from 'node:fs';
import { API_TYPES_FILE, OPENAPI_JSON_PATH, renderApiTypesInNode } from '../../scripts/generate-api-types';
import { createTestApp, TestApp } from '../helpers/test-app';

const STALE = 'src/console/api-types.ts is out of date: run npm run api-types';

/** The first line where two texts differ, to point at what changed. */
function firstDifference(checkedIn: string, generated: string): string {
  const a = checkedIn.split('\n');
  const b = generated.split('\n');
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i])
      return `line ${i + 1}: checked in ${JSON.stringify(a[i] ?? '<end of file>')}, generated ${JSON.stringify(b[i] ?? '<end of file>')}`;
  }
  return 'no line differs';
}

/** The document with every object's keys in reverse order. */
function reversed(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversed);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, reversed(v)]),
  );
}

describe('the console API types (e2e)', () => {
  let t: TestApp;
  let document: unknown;
  let generated: string;

  beforeAll(async () => {
    t = await createTestApp();
    document = (await t.http.get(OPENAPI_JSON_PATH).expect(200)).body;
    generated = renderApiTypesInNode(document);
  });
  afterAll(() => t.close());

  it("match the app's OpenAPI document", () => {
    const checkedIn = existsSync(API_TYPES_FILE) ? readFileSync(API_TYPES_FILE, 'utf8') : null;
    const verdict =
      checkedIn === null
        ? `${STALE} (the file is missing)`
        : checkedIn === generated
          ? 'up to date'
          : `${STALE} (${firstDifference(checkedIn, generated)})`;
    expect(verdict).toBe('up to date');
  });

  it('render the same document to the same text, whatever the order of its keys', () => {
    // As another Nest version, or controllers imported in another order, might list them.
    expect(renderApiTypesInNode(reversed(document))).toBe(generated);
  });
});
