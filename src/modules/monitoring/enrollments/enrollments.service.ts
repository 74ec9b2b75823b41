import { Injectable } from '@nestjs/common';

@Injectable()
export class EnrollmentsService {
  /**
   * Ends (status ENDED, end_reason CONSENT.EXPIRED / CONSENT.REVOKED, audited MONITORING_ENDED by the system actor)
   * every active enrollment whose consent no longer allows monitoring at `at`. Returns how many ended. Called by the
   * monitoring sweep.
   */
   
  async endLapsed(_at: Date): Promise<number> {
    return 0; // STUB: implemented by enrollments/
  }
}
