/** JSON instance kinds as bits, so a set of kinds (a `type` list) is one number. */
export const K_NULL = 1;
export const K_BOOL = 2;
export const K_NUM = 4;
export const K_STR = 8;
export const K_ARR = 16;
export const K_OBJ = 32;
export const K_ALL = 63;
export const KIND_LIST: ReadonlyArray<[number, string]> = [
  [K_NULL, 'null'],
  [K_BOOL, 'boolean'],
  [K_NUM, 'number'],
  [K_STR, 'string'],
  [K_ARR, 'array'],
  [K_OBJ, 'object'],
];

export function kindOfValue(v: unknown): number {
  if (v === null) return K_NULL;
  switch (typeof v) {
    case 'boolean':
      return K_BOOL;
    case 'number':
      return K_NUM;
    case 'string':
      return K_STR;
    case 'object':
      return Array.isArray(v) ? K_ARR : K_OBJ;
    default:
      return 0;
  }
}
