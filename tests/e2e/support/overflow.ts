import type { Page } from 'playwright-core';

/**
 * The attribute that marks a container meant to scroll sideways (the virtualised customer list, a
 * chart's data table): what lies inside it may be wider than the screen.
 */
export const scrollsSideways = 'data-scrolls-sideways';

// Runs in the page; a string because this project is typed for Node (no DOM types).
const findOverflow = `(() => {
  const width = window.innerWidth;
  const found = [];
  const pageWidth = document.documentElement.scrollWidth;
  if (pageWidth > width + 1) found.push('the page scrolls sideways (' + pageWidth + ' px wide)');
  const sticksOut = (element) => {
    const box = element.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && (box.right > width + 1 || box.left < -1);
  };
  const name = (element) => {
    const classes = [...element.classList].slice(0, 2).map((name) => '.' + name).join('');
    const text = (element.textContent ?? '').trim().replace(/\\s+/g, ' ').slice(0, 40);
    const box = element.getBoundingClientRect();
    return element.localName + classes + ' “' + text + '” ' + Math.round(box.left) + '…' + Math.round(box.right) + ' px';
  };
  // What a box of a pixel clips (.visually-hidden, a stacked table's headings) is not on screen.
  const hidden = (element) => {
    for (let box = element.parentElement; box && box.localName !== 'main'; box = box.parentElement) {
      const { width, height } = box.getBoundingClientRect();
      const style = getComputedStyle(box);
      const clips = style.overflow !== 'visible' || style.clipPath !== 'none';
      if (clips && (width <= 1 || height <= 1)) return true;
    }
    return false;
  };
  for (const element of document.querySelectorAll('main *')) {
    if (element.parentElement?.closest('[${scrollsSideways}]')) continue;
    if (!sticksOut(element) || hidden(element)) continue;
    // The outermost element that sticks out names the place; its children add nothing.
    if (!sticksOut(element.parentElement)) found.push(name(element));
  }
  return found.slice(0, 4);
})()`;

/**
 * What on the page is wider than the window: the page itself when it scrolls sideways, and the
 * outermost elements of `main` that stick out of the window (but for those inside a container marked
 * `data-scrolls-sideways`). Empty when everything fits.
 */
export function overflowOf(page: Page): Promise<string[]> {
  return page.evaluate(findOverflow) as Promise<string[]>;
}
