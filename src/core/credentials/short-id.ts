import { randomInt } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** CRD- and eight random uppercase letters or digits (36^8 ≈ 2.8·10^12); the database keeps them unique. */
export function newShortId(): string {
  let id = 'CRD-';
  for (let i = 0; i < 8; i++) id += ALPHABET[randomInt(ALPHABET.length)];
  return id;
}

export const SHORT_ID_PATTERN = /^CRD-[A-Z0-9]{8}$/;
