/**
 * Signing keys Tollway holds for itself and for hosted providers: encrypted keystore files opened
 * with a password from the environment or a secret file, or external signers asked over
 * JSON-RPC. One signer per key; no secret is ever logged, stored in the database or put in an
 * exception message.
 */
package io.tollway.infrastructure.chain.signing;
