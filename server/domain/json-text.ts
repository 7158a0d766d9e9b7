declare const jsonOf: unique symbol;

/**
 * JSON serialised ahead of time (a board page kept as bytes), still typed as the value it
 * was serialised from, so a route that sends it declares the same body as `c.json(value)`.
 */
export type JsonText<T> = string & { readonly [jsonOf]?: T };

export const toJsonText = <T>(value: T): JsonText<T> => JSON.stringify(value) as JsonText<T>;
