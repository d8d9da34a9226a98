type CancellationReasons = { CancellationReasons?: { Code?: string }[] };

/** The positions, in a cancelled transaction, of the writes whose condition failed. */
export const conditionFailedAt = (error: unknown): number[] => {
  const reasons = (error as CancellationReasons).CancellationReasons ?? [];
  return reasons.flatMap((reason, index) => (reason.Code === 'ConditionalCheckFailed' ? [index] : []));
};

/**
 * A transaction that met another one on the same item (a conflict, or that one still running),
 * thrown directly or as the reason a transaction was cancelled: nothing was refused, sending again
 * may pass.
 */
export const isTransientTransactionError = (error: unknown): boolean => {
  const name = (error as Error).name;
  if (name === 'TransactionConflictException' || name === 'TransactionInProgressException') return true;
  const reasons = (error as CancellationReasons).CancellationReasons ?? [];
  return (
    name === 'TransactionCanceledException' && reasons.some((reason) => reason.Code === 'TransactionConflict')
  );
};
