import { InvalidArgumentError } from "commander";

// commander argParsers that say what they expected and what they got.
export function positiveNumber(flag: string, unit: string) {
  return (raw: string): number => {
    const value = Number(raw);
    if (!Number.isFinite(value) || value <= 0) throw new InvalidArgumentError(`Expected ${flag} to be a positive number of ${unit}, got "${raw}".`);
    return value;
  };
}

export function positiveInteger(flag: string) {
  return (raw: string): number => {
    const value = Number(raw);
    if (!Number.isInteger(value) || value <= 0) throw new InvalidArgumentError(`Expected ${flag} to be a whole number of 1 or more, got "${raw}".`);
    return value;
  };
}
