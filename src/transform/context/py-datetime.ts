const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/**
 * A small stand-in for Python's datetime as dbt exposes it (`run_started_at`):
 * `isoformat()`, `strftime()` with the common directives, `year`, `month`, ...
 * Times are UTC, as dbt's run_started_at is.
 */
export class PyDatetime {
  constructor(readonly date: Date) {}
  get year(): number {
    return this.date.getUTCFullYear();
  }
  get month(): number {
    return this.date.getUTCMonth() + 1;
  }
  get day(): number {
    return this.date.getUTCDate();
  }
  get hour(): number {
    return this.date.getUTCHours();
  }
  get minute(): number {
    return this.date.getUTCMinutes();
  }
  get second(): number {
    return this.date.getUTCSeconds();
  }
  isoformat(): string {
    const us = pad(this.date.getUTCMilliseconds() * 1000, 6);
    return `${this.year}-${pad(this.month)}-${pad(this.day)}T${pad(this.hour)}:${pad(this.minute)}:${pad(this.second)}.${us}+00:00`;
  }
  timestamp(): number {
    return this.date.getTime() / 1000;
  }
  strftime(format: string): string {
    return format.replace(/%([a-zA-Z%])/g, (_m, d: string) => {
      switch (d) {
        case 'Y':
          return String(this.year);
        case 'm':
          return pad(this.month);
        case 'd':
          return pad(this.day);
        case 'H':
          return pad(this.hour);
        case 'M':
          return pad(this.minute);
        case 'S':
          return pad(this.second);
        case 'f':
          return pad(this.date.getUTCMilliseconds() * 1000, 6);
        case 'j': {
          const start = Date.UTC(this.year, 0, 1);
          return pad(Math.floor((this.date.getTime() - start) / 86_400_000) + 1, 3);
        }
        case 'z':
          return '+0000';
        case 'Z':
          return 'UTC';
        case '%':
          return '%';
        default:
          return `%${d}`;
      }
    });
  }
  toString(): string {
    return this.isoformat().replace('T', ' ');
  }
}
