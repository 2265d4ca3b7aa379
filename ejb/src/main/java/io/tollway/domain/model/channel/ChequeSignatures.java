package io.tollway.domain.model.channel;

import java.util.Optional;

/**
 * Who signed a cheque, for this deployment only: the chain id and the {@code PaymentChannels}
 * address are the implementation's own (its constructor's), never taken from a cheque or a
 * request, so a cheque signed for another chain or contract recovers to some other address.
 * Implementations are thread-safe.
 */
public interface ChequeSignatures {

    /**
     * The address (lower-case {@code 0x} hex) whose key signed {@code cheque}'s balance proof on
     * this deployment's domain, or empty when the signature is not one the contract would accept
     * (v other than 27/28, s in the upper half of the curve order, r or s out of range, no key).
     */
    Optional<String> signerOf(Cheque cheque);
}
