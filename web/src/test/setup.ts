import { cleanup, configure } from '@solidjs/testing-library';
import { afterEach } from 'vitest';

// Screens are lazy chunks: on a busy machine the first import of one can take longer than the
// library's 1 s default, which would fail a find/waitFor that is otherwise right.
configure({ asyncUtilTimeout: 10_000 });

// jsdom has no scrolling; the router scrolls to the top on navigation.
window.scrollTo = () => {};

// Unmount what each test rendered, so screens never pile up in the shared document.
afterEach(() => cleanup());
