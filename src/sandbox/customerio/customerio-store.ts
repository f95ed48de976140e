/**
 * What the Customer.io fake was told: people (identifiers and attributes,
 * merged as identify merges them: a null or empty value removes the
 * attribute), their events, anonymous events and deletions. People are
 * found by `id`, `email` or `cio_id`; a new person gets a `cio_id`. Custom
 * objects and relationships live in `objects`.
 */
import { CioObjectStore } from './customerio-objects.js';

/** A person's identifiers; at least one is set. */
export interface CioIdentifiers {
  id?: string;
  email?: string;
  cio_id?: string;
}

/** A person as the workspace holds it. */
export interface CioPerson {
  cio_id: string;
  id?: string;
  email?: string;
  attributes: Record<string, unknown>;
  suppressed: boolean;
  /** Sandbox times (epoch ms) of creation and last change. */
  createdAt: number;
  updatedAt: number;
}

/** An event, of a person or anonymous. */
export interface CioEvent {
  /** The person's cio_id; undefined for an anonymous event. */
  cio_id?: string;
  anonymous_id?: string;
  /** `event` (track), `page` or `screen`. */
  type: string;
  name: string;
  data: Record<string, unknown>;
  /** Unix seconds: as sent, or the sandbox time of receipt. */
  timestamp: number;
  id?: string;
}

/** A deleted person. */
export interface CioDeletion {
  identifiers: CioIdentifiers;
  /** Sandbox time (epoch ms). */
  at: number;
}

/** The workspace. */
export class CioStore {
  /** Custom objects and their relationships to people. */
  readonly objects = new CioObjectStore();
  private readonly byCioId = new Map<string, CioPerson>();
  private readonly eventList: CioEvent[] = [];
  private readonly deletionList: CioDeletion[] = [];
  private nextCioId = 1;

  people(): CioPerson[] {
    return [...this.byCioId.values()];
  }

  events(): readonly CioEvent[] {
    return this.eventList;
  }

  deletions(): readonly CioDeletion[] {
    return this.deletionList;
  }

  /** The person with one of `identifiers` (cio_id first, then id, then email). */
  find(identifiers: CioIdentifiers): CioPerson | undefined {
    if (identifiers.cio_id !== undefined) return this.byCioId.get(identifiers.cio_id);
    for (const p of this.byCioId.values()) {
      if (identifiers.id !== undefined && p.id === identifiers.id) return p;
      if (identifiers.id === undefined && identifiers.email !== undefined && p.email === identifiers.email) return p;
    }
    return undefined;
  }

  /**
   * Identify: creates the person unless `updateOnly` (v1's `_update`), then merges `attributes`
   * (`email` and, for people found by email, `id` also set identifiers). Returns the person, if any.
   */
  identify(identifiers: CioIdentifiers, attributes: Record<string, unknown>, now: number, updateOnly = false): CioPerson | undefined {
    let person = this.find(identifiers);
    if (!person) {
      if (updateOnly || identifiers.cio_id !== undefined) return undefined;
      person = {
        cio_id: (this.nextCioId++).toString(16).padStart(8, '0'),
        ...(identifiers.id !== undefined ? { id: identifiers.id } : {}),
        ...(identifiers.email !== undefined ? { email: identifiers.email } : {}),
        attributes: {},
        suppressed: false,
        createdAt: now,
        updatedAt: now,
      };
      this.byCioId.set(person.cio_id, person);
    }
    for (const [name, value] of Object.entries(attributes)) {
      if (name === 'email' && typeof value === 'string' && value !== '') person.email = value;
      if (name === 'id' && person.id === undefined && (typeof value === 'string' || typeof value === 'number')) person.id = String(value);
      if (value === null || value === '') delete person.attributes[name];
      else person.attributes[name] = value;
    }
    person.updatedAt = now;
    return person;
  }

  /** Deletes the person (a no-op when there is none) and records the deletion. */
  delete(identifiers: CioIdentifiers, now: number): void {
    const person = this.find(identifiers);
    if (person) {
      this.byCioId.delete(person.cio_id);
      this.objects.forgetPerson(person.cio_id);
    }
    this.deletionList.push({ identifiers, at: now });
  }

  /** Sets or clears suppression of an existing person. */
  suppress(identifiers: CioIdentifiers, suppressed: boolean, now: number): void {
    const person = this.find(identifiers) ?? this.identify(identifiers, {}, now);
    if (!person) return;
    person.suppressed = suppressed;
    person.updatedAt = now;
  }

  /** Records an event of the person with `identifiers` (created if new), or an anonymous one. */
  track(identifiers: CioIdentifiers | undefined, event: Omit<CioEvent, 'cio_id'>, now: number): void {
    // Customer.io deduplicates events by their `id` (a ULID): the same id is processed once.
    if (event.id !== undefined && this.eventList.some((e) => e.id === event.id)) return;
    const person = identifiers ? (this.find(identifiers) ?? this.identify(identifiers, {}, now)) : undefined;
    this.eventList.push({ ...(person ? { cio_id: person.cio_id } : {}), ...event });
  }
}
