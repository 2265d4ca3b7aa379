package io.tollway.wallet;

import java.math.BigInteger;

/** What the chain says about a mined transaction: its hash, block, gas used and status ({@code 0x1} success). */
public record Receipt(String transactionHash, long blockNumber, BigInteger gasUsed, String status) {

    public boolean succeeded() {
        return "0x1".equals(status);
    }
}
