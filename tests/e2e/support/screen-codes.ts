import type { Page } from 'playwright-core';

// What a screen shows a reader, read from the browser, and the codes in it (words-not-codes.e2e.ts).

/**
 * The codes in `text` a Chinese reader would meet: snake_case tokens, lowercase ASCII words and
 * record ids (ULIDs) where a name belongs; not what `allowed` matches, nor the `known` words (the
 * data a test typed in, lowercased).
 *
 * @example
 * codesIn('阶段 qualify · 01J00000000000000000000001', [], new Set()) // ['01J00000000000000000000001', 'qualify']
 */
export function codesIn(text: string, allowed: readonly RegExp[], known: ReadonlySet<string>): string[] {
  let remaining = text;
  for (const pattern of allowed) remaining = remaining.replace(pattern, ' ');
  const found = new Set<string>();
  for (const [token] of remaining.matchAll(/\b[a-z]+(?:_[a-z0-9]+)+\b/g)) {
    if (!known.has(token)) found.add(token);
  }
  for (const [word] of remaining.matchAll(/(?<![A-Za-z0-9_])[a-z]+(?![A-Za-z0-9_])/g)) {
    if (!known.has(word)) found.add(word);
  }
  for (const [id] of remaining.matchAll(/\b[0-9A-HJKMNP-TV-Z]{26}\b/g)) found.add(id);
  return [...found].sort();
}

/** Waits until the page has no request in flight for a moment: the screen shows what it loaded. */
export function settler(page: Page): () => Promise<void> {
  let inFlight = 0;
  let lastChange = Date.now();
  const change = (delta: number) => {
    inFlight += delta;
    lastChange = Date.now();
  };
  page.on('request', () => change(1));
  page.on('requestfinished', () => change(-1));
  page.on('requestfailed', () => change(-1));
  return async () => {
    const deadline = Date.now() + 8_000;
    while (Date.now() < deadline && (inFlight > 0 || Date.now() - lastChange < 250)) {
      await page.waitForTimeout(50);
    }
  };
}

/** What a reader sees in `main`: its text, its pickers' options, hints in empty fields and tooltips. */
export async function readMain(page: Page): Promise<string> {
  const main = page.locator('main');
  const hints = await main.locator('[placeholder], [title]').all();
  return [
    ...(await main.allInnerTexts()),
    ...(await main.locator('option').allTextContents()),
    ...(await Promise.all(
      hints.map(
        async (hint) =>
          `${(await hint.getAttribute('placeholder')) ?? ''} ${(await hint.getAttribute('title')) ?? ''}`,
      ),
    )),
  ].join('\n');
}

/** The first line of `text` where `word` stands alone, shortened: where on the screen the code is. */
export function lineWith(text: string, word: string): string {
  const standsAlone = new RegExp(`(?<![A-Za-z0-9_])${word}(?![A-Za-z0-9_])`);
  const line = text.split('\n').find((candidate) => standsAlone.test(candidate)) ?? '';
  return line.trim().slice(0, 80);
}
