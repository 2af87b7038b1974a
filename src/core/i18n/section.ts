type Widen<T> = T extends (...args: infer A) => string ? (...args: A) => string : string;

/** A translation of one catalogue section: every key of the English section, same shapes. */
export type SectionOf<T> = { readonly [K in keyof T]: Widen<T[K]> };
