/** One choice of a FormRadios group. */
export interface RadioOption<V extends string = string> {
  value: V
  label: string
  hint?: string
  /** Language of the label when it differs from the page's. */
  lang?: string
}

/** One line of an ErrorSummary. */
export interface ErrorSummaryItem {
  /** What is wrong and how to fix it, already translated. */
  text: string
  /** Id of the field at fault; the line links to it. */
  field?: string
}
