import { cleanup } from '@solidjs/testing-library';
import { afterEach } from 'vitest';

// Unmount what each test rendered, so screens never pile up in the shared document.
afterEach(() => cleanup());
