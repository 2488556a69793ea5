import { FALSE_REF, type SRef } from '../normalize/index.js';

/** The reader side of a key or item that must be absent: nothing is valid there. */
export const falseConj: SRef[] = [FALSE_REF];
