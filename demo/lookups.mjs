// A demo implementation of the example project's lookups (flowc.yaml, `lookups:`): a few accounts in
// memory, so that a whole call can be played on your machine. A real application looks the account up in
// its own systems instead. Used by `npm run serve` (flowc serve --lookups demo/lookups.mjs); the README's
// walkthrough plays calls with these accounts, and test/e2e/payment-line.test.ts plays the same calls.
//
// The types are dist/router.ts's: `findAccount` gets { phone?, account? } and returns the account's
// { account, balance, dueDate, name? } or null when there is none (the flow then asks for the number).

/** @type {readonly { account: string; phone?: string; balance: number; dueDate: string; name?: string }[]} */
export const ACCOUNTS = [
  // Calls the English line (14155550100) from the number on the account.
  { account: '12345678', phone: '14155550123', balance: 42.5, dueDate: '2026-12-15', name: 'Alex' },
  // Calls the Spanish line (14155550101) from the number on the account.
  { account: '23456789', phone: '13055550142', balance: 118.75, dueDate: '2027-01-05', name: 'Lucía' },
  // No phone number on file: the caller enters the account number.
  { account: '87654321', balance: 64.2, dueDate: '2026-12-20' },
  // Nothing to pay.
  { account: '11112222', phone: '14155550177', balance: 0, dueDate: '2026-12-31', name: 'Sam' },
];

/** @param {(typeof ACCOUNTS)[number] | undefined} found */
const answer = (found) =>
  found === undefined
    ? null
    : {
        account: found.account,
        balance: found.balance,
        dueDate: found.dueDate,
        ...(found.name !== undefined ? { name: found.name } : {}),
      };

/** @type {import('../dist/router.ts').ProjectOptions['lookups']} */
export const lookups = {
  findAccount: ({ phone, account }) =>
    answer(
      account !== undefined
        ? ACCOUNTS.find((a) => a.account === account)
        : ACCOUNTS.find((a) => a.phone !== undefined && a.phone === phone),
    ),
};
