package io.tollway.infrastructure.chain.events;

/** The last block whose events a reader has handled; the hash tells whether the chain still has it. */
record Cursor(long blockNumber, String blockHash) {

    @Override
    public String toString() {
        return "block " + blockNumber + " (" + blockHash + ")";
    }
}
