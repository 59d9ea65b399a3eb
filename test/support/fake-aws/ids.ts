/**
 * Deterministic ids that look like AWS ones. A counter is scrambled by multiplying with a
 * constant coprime to radix^length (a bijection), so ids never collide and a run that makes
 * the same calls reproduces the same ids.
 */
const MULTIPLIER = BigInt(2654435761); // odd and not a multiple of 3: coprime to 16^n and 36^n
const OFFSET = BigInt(982451653);

export class IdGenerator {
  private counter = 0;

  /** Lowercase alphanumerics, e.g. 10 for API ids, 7 for routes/integrations/... */
  next(length: number): string {
    return this.scramble(36, length);
  }

  /** A uuid-shaped id (stack ids, event ids, revision ids). */
  uuid(): string {
    const hex = this.scramble(16, 32);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  private scramble(radix: number, length: number): string {
    this.counter += 1;
    const space = BigInt(radix) ** BigInt(length);
    const value = (BigInt(this.counter) * MULTIPLIER + OFFSET) % space;
    return value.toString(radix).padStart(length, '0');
  }
}
