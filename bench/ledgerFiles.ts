/** Reading and scoring a large .xlsx ledger end to end (filled in once the reader lands). */
export async function benchLedgerFiles(_rows: number): Promise<void> {}
