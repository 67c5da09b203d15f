/** Options of validateNcco(); the flow context lets flow-level `pay` rules run. */
export interface ValidateOptions {
  /** Lower-case ISO-4217 codes `pay` may use. Default ["usd"] (Payments over the Phone guide). */
  currencies?: readonly string[];
  /** Known when the NCCO comes from a flow; unknown for lint-ncco. */
  context?: {
    direction?: 'inbound' | 'outbound';
    /** The NCCO is run by a connect endpoint's onAnswer (second leg): no `pay`. */
    runByOnAnswer?: boolean;
    /** A `record` (or recorded conversation) started by an earlier NCCO of the call may still be running: no `pay`. */
    recordingActive?: boolean;
  };
}
