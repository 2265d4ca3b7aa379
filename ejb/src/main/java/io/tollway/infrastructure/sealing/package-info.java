/**
 * Credentials sealed so that only the consumer can read them: the provider hands them to Tollway
 * in clear, Tollway seals them at once to the secp256k1 public key the consumer gave with its
 * request (checked against the consumer's chain address), and from then on stores and serves the
 * sealed form only. The consumer's wallet opens them with its private key, which never leaves it.
 * Plain JDK and BouncyCastle cryptography; no web3j, which stays in {@code infrastructure/chain}.
 */
package io.tollway.infrastructure.sealing;
