package io.tollway.infrastructure.chain.events;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What one chain event reader follows and how cautiously.
 *
 * @param name             the reader's name: its cursor, its lock and its events are kept under it
 * @param escrowAddress    the {@code ServiceEscrow} whose events are read
 * @param channelsAddress  the {@code PaymentChannels} whose events are read
 * @param startBlock       where a reader without a cursor starts, e.g. the contracts' deployment
 *                         block; also where it starts again after a reorganisation deeper than the
 *                         block hashes it keeps
 * @param confirmations    blocks that must be on top of a block before its events are handled
 *                         (0: as soon as it is mined)
 * @param maxBlocksPerRead the widest {@code eth_getLogs} range; nodes refuse or time out on wide ones
 */
public record ReaderSettings(String name, String escrowAddress, String channelsAddress,
                             long startBlock, int confirmations, int maxBlocksPerRead) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");

    public ReaderSettings {
        if (!NAME.matcher(Objects.requireNonNull(name, "name")).matches()) {
            throw new IllegalArgumentException("reader name must be 1 to 64 letters, digits, '.', '_' or '-', was '" + name + "'");
        }
        escrowAddress = address(escrowAddress, "escrowAddress");
        channelsAddress = address(channelsAddress, "channelsAddress");
        if (startBlock < 0) {
            throw new IllegalArgumentException("startBlock must be 0 or more, was " + startBlock);
        }
        if (confirmations < 0) {
            throw new IllegalArgumentException("confirmations must be 0 or more, was " + confirmations);
        }
        if (maxBlocksPerRead < 1) {
            throw new IllegalArgumentException("maxBlocksPerRead must be 1 or more, was " + maxBlocksPerRead);
        }
    }

    private static String address(String value, String what) {
        if (!ADDRESS.matcher(Objects.requireNonNull(value, what)).matches()) {
            throw new IllegalArgumentException(what + " must be a 0x address of 20 bytes, was " + value);
        }
        return value.toLowerCase(Locale.ROOT);
    }
}
