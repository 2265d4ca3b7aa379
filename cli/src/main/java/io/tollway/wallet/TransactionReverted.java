package io.tollway.wallet;

import java.util.Optional;

/**
 * A call the chain refused: either the gas estimate already showed that it would revert (then
 * nothing was sent and there is no receipt), or it was mined with status {@code 0x0}.
 */
public class TransactionReverted extends RuntimeException {

    private final transient WalletCall call;
    private final transient Receipt receipt;
    private final String revertData;

    public TransactionReverted(WalletCall call, Receipt receipt, String revertData, String nodeMessage) {
        super(describe(call, receipt, revertData, nodeMessage));
        this.call = call;
        this.receipt = receipt;
        this.revertData = revertData == null ? "0x" : revertData;
    }

    public WalletCall call() {
        return call;
    }

    /** The receipt of the mined, reverted transaction; empty when the estimate refused it before sending. */
    public Optional<Receipt> receipt() {
        return Optional.ofNullable(receipt);
    }

    /** The revert data the node gave ({@code 0x} when none): a custom error's selector and arguments. */
    public String revertData() {
        return revertData;
    }

    private static String describe(WalletCall call, Receipt receipt, String revertData, String nodeMessage) {
        String what = call.purpose().isEmpty() ? "the call to " + call.to() : "\"" + call.purpose() + "\" (" + call.to() + ")";
        Optional<String> named = ContractErrors.tollway().explain(revertData);
        if (receipt != null) {
            return what + " reverted on chain: transaction " + receipt.transactionHash() + " in block " + receipt.blockNumber()
                    + " has status " + receipt.status() + named.map(error -> ", " + error).orElse("");
        }
        if (named.isPresent()) {
            return what + " would revert, so it was not sent: " + named.get();
        }
        String message = nodeMessage == null || nodeMessage.isBlank() ? "execution reverted" : nodeMessage;
        boolean dataShown = revertData == null || revertData.equals("0x") || message.contains(revertData.substring(2));
        return what + " would revert, so it was not sent: " + message + (dataShown ? "" : " (revert data " + revertData + ")");
    }
}
