/**
 * Holds requests back for a moment: while closed, new requests wait; `close()` resolves once the
 * requests already inside have finished. The local runtime closes it for the few seconds it takes
 * to move a first start's staged database into the data folder and restart DynamoDB Local on it,
 * so no request meets a stopped database.
 */
export type RequestGate = {
  /** Runs `work` when the gate is open (waiting while it is closed), counted as inside. */
  through: <T>(work: () => Promise<T>) => Promise<T>;
  /** Stops letting requests in; resolves when none is inside any more. */
  close: () => Promise<void>;
  open: () => void;
  readonly inside: number;
};

/**
 * @example
 * const gate = createRequestGate();
 * await gate.close(); // nothing runs against the database now
 * gate.open();
 */
export function createRequestGate(): RequestGate {
  let inside = 0;
  let opened: Promise<void> | undefined;
  let release: (() => void) | undefined;
  let drained: (() => void) | undefined;
  const leave = () => {
    inside -= 1;
    if (inside === 0) drained?.();
  };
  return {
    async through(work) {
      while (opened) await opened;
      inside += 1;
      try {
        return await work();
      } finally {
        leave();
      }
    },
    async close() {
      if (!opened) opened = new Promise<void>((resolve) => (release = resolve));
      if (inside === 0) return;
      await new Promise<void>((resolve) => (drained = resolve));
      drained = undefined;
    },
    open() {
      const wake = release;
      opened = undefined;
      release = undefined;
      wake?.();
    },
    get inside() {
      return inside;
    },
  };
}
