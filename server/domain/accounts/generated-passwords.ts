import { randomInt } from 'node:crypto';

/** Letters and digits no one confuses when reading a password aloud or copying it by hand (no 0/O, 1/l/I). */
const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/**
 * A strong password for an admin or operator to hand over once: 5 groups of 5 characters joined by dashes
 * (25 characters from 56, about 145 bits), each drawn uniformly by the system's CSPRNG. It passes the policy
 * for any e-mail address (29 characters long, never an address).
 */
export function generatePassword(): string {
  const groups: string[] = [];
  for (let group = 0; group < 5; group += 1) {
    let text = '';
    for (let index = 0; index < 5; index += 1) text += alphabet[randomInt(alphabet.length)];
    groups.push(text);
  }
  return groups.join('-');
}
