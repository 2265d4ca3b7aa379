package io.tollway.wallet;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/**
 * Which two calls a deposit sends, by the agreement's settlement model and status: always the
 * token allowance for the contract ({@code wallet.contract}), then the deposit itself. While
 * AWAITING_DEPOSIT the API offers both (the escrow's {@code deposit}, or the channel's
 * {@code createChannel}); a larger amount re-encodes them. While ACTIVE or SUSPENDED the wallet
 * builds the top-up itself, the API offering none.
 */
final class DepositCalls {

    private DepositCalls() {
    }

    static List<WalletCall> of(JsonNode agreement, BigInteger amountOrNull) {
        String id = text(agreement, "id");
        String status = agreement.path("status").asText();
        JsonNode wallet = agreement.get("wallet");
        if (wallet == null || wallet.isNull()) {
            throw new NotPossibleNow("agreement " + id + " is " + status + " and not on chain yet: nothing to deposit into");
        }
        return PaymentChannel.isChannelAgreement(agreement)
                ? channel(agreement, id, status, wallet, amountOrNull)
                : escrow(agreement, id, status, wallet, amountOrNull);
    }

    private static List<WalletCall> escrow(JsonNode agreement, String id, String status, JsonNode wallet, BigInteger amountOrNull) {
        if (agreement.path("onChainId").isNull() || agreement.path("onChainId").isMissingNode()) {
            throw new NotPossibleNow("agreement " + id + " is " + status + " and not on chain yet: nothing to deposit into");
        }
        String escrow = text(wallet, "contract");
        String token = text(wallet, "token");
        BigInteger onChainId = new BigInteger(text(agreement, "onChainId"));
        return switch (status) {
            case "AWAITING_DEPOSIT" -> {
                Offered offered = Offered.in(wallet);
                if (amountOrNull == null) {
                    yield offered.asTheyAre(id);
                }
                offered.requireAtLeastTheOffered(id, amountOrNull);
                yield List.of(WalletCalls.allowDeposits(token, escrow, amountOrNull),
                        WalletCalls.deposit(WalletCalls.DEPOSIT, escrow, onChainId, amountOrNull));
            }
            case "ACTIVE", "SUSPENDED" -> {
                BigInteger amount = topUp(id, status, amountOrNull);
                yield List.of(WalletCalls.allowDeposits(token, escrow, amount),
                        WalletCalls.deposit(WalletCalls.TOP_UP, escrow, onChainId, amount));
            }
            default -> throw notNow(id, status);
        };
    }

    private static List<WalletCall> channel(JsonNode agreement, String id, String status, JsonNode wallet, BigInteger amountOrNull) {
        String channels = text(wallet, "contract");
        String token = text(wallet, "token");
        return switch (status) {
            case "AWAITING_DEPOSIT" -> {
                Optional<PaymentChannel> open = PaymentChannel.in(agreement);
                if (open.isPresent()) {
                    // the chain announced the channel; the agreement moves on shortly, then a top-up is possible
                    throw new NotPossibleNow("the channel of agreement " + id + " is open already with " + open.get().deposit()
                            + "; top it up once it is ACTIVE: tollway-wallet deposit " + id + " <amount>");
                }
                Offered offered = Offered.in(wallet);
                if (amountOrNull == null) {
                    yield offered.asTheyAre(id);
                }
                offered.requireAtLeastTheOffered(id, amountOrNull);
                WalletCall create = offered.deposit().orElseThrow(() -> new NotPossibleNow("agreement " + id
                        + " offers no channel to open; tollway-wallet show " + id + " says what it waits for"));
                yield List.of(ChannelCalls.allowDeposits(token, channels, amountOrNull),
                        ChannelCalls.createChannel(channels, create, amountOrNull));
            }
            case "ACTIVE", "SUSPENDED" -> {
                BigInteger amount = topUp(id, status, amountOrNull);
                yield List.of(ChannelCalls.allowDeposits(token, channels, amount),
                        ChannelCalls.topUp(channels, PaymentChannel.of(agreement), amount));
            }
            default -> throw notNow(id, status);
        };
    }

    /** The allowance and deposit calls the API offers while AWAITING_DEPOSIT. */
    private record Offered(Optional<WalletCall> allow, Optional<WalletCall> deposit) {

        static Offered in(JsonNode wallet) {
            List<WalletCall> calls = WalletCall.listOf(wallet);
            return new Offered(calls.stream().filter(c -> c.purpose().startsWith("allow")).findFirst(),
                    calls.stream().filter(c -> c.purpose().startsWith("deposit")).findFirst());
        }

        List<WalletCall> asTheyAre(String id) {
            if (allow.isEmpty() || deposit.isEmpty()) {
                throw new NotPossibleNow("agreement " + id + " offers no deposit calls; give the amount to deposit");
            }
            return List.of(allow.get(), deposit.get());
        }

        /** The offered deposit's amount (its last argument) is the least the contract takes. */
        void requireAtLeastTheOffered(String id, BigInteger amount) {
            BigInteger minimum = deposit.map(WalletCalls::lastUint256).orElse(BigInteger.ONE);
            if (amount.compareTo(minimum) < 0) {
                throw new IllegalArgumentException("the first deposit of agreement " + id + " must be at least " + minimum);
            }
        }
    }

    private static BigInteger topUp(String id, String status, BigInteger amountOrNull) {
        if (amountOrNull == null) {
            throw new IllegalArgumentException("agreement " + id + " is " + status + ": a top-up needs the amount");
        }
        return amountOrNull;
    }

    private static NotPossibleNow notNow(String id, String status) {
        return new NotPossibleNow("agreement " + id + " is " + status
                + ": deposits are taken while AWAITING_DEPOSIT, top-ups while ACTIVE or SUSPENDED");
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull() || value.asText().isBlank()) {
            throw new IllegalStateException("the API's answer has no " + field + ": " + node);
        }
        return value.asText();
    }
}
