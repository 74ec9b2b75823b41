import { createHash } from 'node:crypto';

/** The "previous hash" of the first link. */
export const GENESIS = Buffer.alloc(32);

/** A link's hash: sha256(previous link's hash || the event's digest). Sealing and verifying both call this. */
export function linkHash(previous: Buffer, digest: Buffer): Buffer {
  return createHash('sha256').update(previous).update(digest).digest();
}

/** One link as the verifier reads it, with its event's digests (both null: no such event). */
export interface ChainLink {
  seq: string;
  eventId: string;
  hash: Buffer;
  /** The digest fixed when the event was written (audit_events.digest): what the link was sealed over. */
  digest: Buffer | null;
  /** The digest of the event's content as it is now. */
  contentDigest: Buffer | null;
  /** The event's month was archived: its absence is expected. */
  archived: boolean;
}

export interface ChainReport {
  /** Links whose event was read and compared. */
  checked: number;
  /** Links whose event's month was archived (not compared). */
  archived: number;
  firstBrokenId: string | null;
  problems: string[];
}

const MAX_PROBLEMS = 20;

/**
 * Walks the chain in seq order, a batch at a time, in constant memory. Each link is checked against the stored hash
 * of the link before it, so a broken link names its own event and the walk goes on to find any later ones. An event
 * is intact when its insert-time digest still yields its link's hash (the digest column was not changed) and its
 * content still yields that digest (the row was not changed, before or after its seal).
 */
export class ChainCheck {
  private previousSeq = 0n;
  private previousHash: Buffer = GENESIS;
  private report: ChainReport = { checked: 0, archived: 0, firstBrokenId: null, problems: [] };
  private problemCount = 0;

  get lastSeq(): string {
    return this.previousSeq.toString();
  }

  add(link: ChainLink): void {
    const seq = BigInt(link.seq);
    if (seq !== this.previousSeq + 1n) {
      this.broken(
        link,
        `chain links ${this.previousSeq + 1n} to ${seq - 1n} are missing (before event ${link.eventId})`,
      );
    } else if (link.digest === null && link.contentDigest === null) {
      if (link.archived) this.report.archived += 1;
      else this.broken(link, `event ${link.eventId} (chain link ${link.seq}) is missing`);
    } else {
      const reasons: string[] = [];
      if (link.digest === null || !linkHash(this.previousHash, link.digest).equals(link.hash))
        reasons.push('its digest does not match its seal');
      if (link.digest === null || link.contentDigest === null || !link.contentDigest.equals(link.digest)) {
        reasons.push('its content does not match its digest');
      }
      if (reasons.length > 0)
        this.broken(link, `event ${link.eventId} (chain link ${link.seq}) was changed: ${reasons.join(', ')}`);
    }
    if (link.digest !== null || link.contentDigest !== null) this.report.checked += 1;
    this.previousSeq = seq;
    this.previousHash = link.hash;
  }

  result(): ChainReport {
    const { problems } = this.report;
    const more = this.problemCount - problems.length;
    return { ...this.report, problems: more > 0 ? [...problems, `and ${more} more`] : [...problems] };
  }

  private broken(link: ChainLink, problem: string): void {
    this.report.firstBrokenId ??= link.eventId;
    this.problemCount += 1;
    if (this.report.problems.length < MAX_PROBLEMS) this.report.problems.push(problem);
  }
}
