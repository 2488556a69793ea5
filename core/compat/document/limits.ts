/** Nesting deeper than this in a schema document is not analysed (guards every recursive walk). */
export const MAX_DOC_DEPTH = 256;

/** Schema documents with more nodes than this are not analysed. */
export const MAX_DOC_NODES = 500_000;
