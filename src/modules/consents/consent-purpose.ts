export enum ConsentPurpose {
  NEW_APPLICATION = 'NEW_APPLICATION',
  MONITORING = 'MONITORING',
}

export enum EvidenceType {
  SIGNED_FORM = 'SIGNED_FORM',
  DIGITAL_SIGNATURE = 'DIGITAL_SIGNATURE',
  OTP = 'OTP',
}

export enum ConsentStatus {
  ACTIVE = 'ACTIVE',
  EXPIRED = 'EXPIRED',
  REVOKED = 'REVOKED',
}
