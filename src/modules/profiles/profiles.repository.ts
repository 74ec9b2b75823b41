import { Injectable } from '@nestjs/common';
import { Tx } from '../../common/database/unit-of-work';
import type { Inquiry } from '../risk/risk-input';

export interface AskingCooperative {
  name: string;
  status: string;
}

@Injectable()
export class ProfilesRepository {
  async findCooperative(tx: Tx, id: string): Promise<AskingCooperative | null> {
    const [row] = await tx.query(`SELECT name, status FROM cooperatives WHERE id = $1`, [id]);
    return row ?? null;
  }

  async findSubjectRef(tx: Tx, borrowerKey: string): Promise<string | null> {
    const [row] = await tx.query(`SELECT subject_ref FROM borrowers WHERE borrower_key = $1`, [borrowerKey]);
    return row?.subject_ref ?? null;
  }

  async insertInquiry(
    tx: Tx,
    inquiry: { id: string; borrowerKey: string; cooperativeId: string; purpose: string; consentId: string; userId: string | null; apiKeyId: string | null; occurredAt: Date },
  ): Promise<void> {
    await tx.query(
      `INSERT INTO inquiries (id, borrower_key, cooperative_id, purpose, consent_id, user_id, api_key_id, occurred_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [inquiry.id, inquiry.borrowerKey, inquiry.cooperativeId, inquiry.purpose, inquiry.consentId, inquiry.userId, inquiry.apiKeyId, inquiry.occurredAt],
    );
  }

  /** Each coop's latest inquiry per purpose since `since`: enough to count distinct coops in any shorter window. */
  async latestInquiryPerCoop(tx: Tx, borrowerKey: string, since: Date): Promise<Inquiry[]> {
    const rows: { cooperative_id: string; at: Date; purpose: string }[] = await tx.query(
      `SELECT DISTINCT ON (cooperative_id, purpose) cooperative_id, occurred_at AS at, purpose
         FROM inquiries WHERE borrower_key = $1 AND occurred_at >= $2
        ORDER BY cooperative_id, purpose, occurred_at DESC`,
      [borrowerKey, since],
    );
    return rows.map((r) => ({ cooperativeId: r.cooperative_id, at: r.at, purpose: r.purpose }));
  }
}
