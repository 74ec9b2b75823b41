export enum CooperativeType {
  KSP = 'KSP',
  KSPPS = 'KSPPS',
  USP = 'USP',
  UPPS = 'UPPS',
  KSU = 'KSU',
}

export enum CooperativeStatus {
  ACTIVE = 'ACTIVE',
  SUSPENDED = 'SUSPENDED',
}
