/**
 * Holds private keys. They leave it only sealed (AES-256-GCM under the master key, bound to
 * the organization and key id) and are opened only inside `sign`.
 */
export interface KeyVault {
  generate(binding: string): Promise<{ publicKeyMultibase: string; sealedPrivateKey: string }>;
  sign(sealedPrivateKey: string, binding: string, data: Uint8Array): Promise<Uint8Array>;
}
