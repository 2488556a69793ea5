export const DIGITS = '0123456789'.split('');
export const WORD = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_'.split('');
export const SPACE = [' ', '\t'];
export const PRINTABLE = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i));
