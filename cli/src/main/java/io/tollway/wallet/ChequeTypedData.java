package io.tollway.wallet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigInteger;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A cheque as the consumer signs it: the EIP-712 typed data ({@code eth_signTypedData_v4}) of
 * {@code BalanceProof(bytes32 channelKey,uint256 balance)} on the domain {name "Tollway
 * PaymentChannels", version "1", chainId, verifyingContract}. A cheque pays whoever can close that
 * channel on that contract, so the wallet reads only these four values from the API's typed data
 * ({@link #parse}), has them checked ({@link #checkFor}), and signs its own rendering of them
 * ({@link #json}): no type, name or field the API added ever reaches the signature.
 */
public record ChequeTypedData(long chainId, String verifyingContract, String channelKey, BigInteger balance) {

    public static final String DOMAIN_NAME = "Tollway PaymentChannels";
    public static final String DOMAIN_VERSION = "1";
    public static final String PRIMARY_TYPE = "BalanceProof";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-f]{40}");
    private static final Pattern KEY = Pattern.compile("0x[0-9a-f]{64}");
    private static final BigInteger MAX_UINT256 = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);

    public ChequeTypedData {
        if (chainId <= 0) {
            throw new IllegalArgumentException("the chain id must be more than 0, was " + chainId);
        }
        verifyingContract = lower(verifyingContract);
        if (!ADDRESS.matcher(verifyingContract).matches()) {
            throw new IllegalArgumentException("the verifying contract must be 0x and 20 bytes of hex, was " + verifyingContract);
        }
        channelKey = lower(channelKey);
        if (!KEY.matcher(channelKey).matches()) {
            throw new IllegalArgumentException("the channel key must be 0x and 32 bytes of hex, was " + channelKey);
        }
        if (balance == null || balance.signum() < 0 || balance.compareTo(MAX_UINT256) > 0) {
            throw new IllegalArgumentException("the balance must be 0 to 2^256 - 1, was " + balance);
        }
    }

    /**
     * The cheque in typed data the API handed over ({@code channel.nextCheque.typedData}).
     *
     * @throws IllegalStateException when it is no {@code BalanceProof} on a Tollway PaymentChannels v1 domain
     */
    public static ChequeTypedData parse(String typedDataJson) {
        JsonNode typed;
        try {
            typed = JSON.readTree(typedDataJson == null ? "" : typedDataJson);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the API's cheque is not JSON typed data: " + e.getOriginalMessage());
        }
        if (typed == null || !typed.isObject()) {
            throw new IllegalStateException("the API's cheque is not JSON typed data: " + typedDataJson);
        }
        JsonNode domain = typed.path("domain");
        JsonNode message = typed.path("message");
        if (!PRIMARY_TYPE.equals(typed.path("primaryType").asText()) || !DOMAIN_NAME.equals(domain.path("name").asText())
                || !DOMAIN_VERSION.equals(domain.path("version").asText())) {
            throw new IllegalStateException("the API's cheque is not a " + PRIMARY_TYPE + " of " + DOMAIN_NAME + " version "
                    + DOMAIN_VERSION + ": primary type " + typed.path("primaryType").asText("none") + " on domain "
                    + domain.path("name").asText("none") + " version " + domain.path("version").asText("none"));
        }
        try {
            return new ChequeTypedData(chainIdOf(domain.path("chainId")), domain.path("verifyingContract").asText(""),
                    message.path("channelKey").asText(""), new BigInteger(message.path("balance").asText("")));
        } catch (IllegalArgumentException e) { // also NumberFormatException
            throw new IllegalStateException("the API's cheque does not hold a valid domain and message: " + e.getMessage());
        }
    }

    /** The same cheque for another cumulative balance. */
    public ChequeTypedData withBalance(BigInteger balance) {
        return new ChequeTypedData(chainId, verifyingContract, channelKey, balance);
    }

    /**
     * Refuses (with {@link IllegalStateException}) a cheque that is not for this chain, this
     * agreement's channels contract, this deployment's {@code PaymentChannels} and this channel —
     * what a compromised or mistaken API could otherwise get the wallet to sign.
     *
     * @param nodeChainId       the chain the wallet's node is on
     * @param agreementChainId  the chain of the agreement's wallet calls ({@code wallet.chainId})
     * @param agreementContract the agreement's channels contract ({@code wallet.contract})
     * @param deployedChannels  the deployment's {@code PaymentChannels} ({@code GET /chain})
     * @param agreementChannel  the key of the agreement's channel ({@code channel.key})
     */
    public void checkFor(long nodeChainId, long agreementChainId, String agreementContract, String deployedChannels,
                         String agreementChannel) {
        if (chainId != nodeChainId) {
            throw refused("it is for chain " + chainId + ", but the node is chain " + nodeChainId);
        }
        if (chainId != agreementChainId) {
            throw refused("it is for chain " + chainId + ", but the agreement's chain is " + agreementChainId);
        }
        if (!verifyingContract.equals(lower(agreementContract))) {
            throw refused("it is for contract " + verifyingContract + ", but the agreement's channels contract is " + agreementContract);
        }
        if (!verifyingContract.equals(lower(deployedChannels))) {
            throw refused("it is for contract " + verifyingContract + ", but the deployment's PaymentChannels is " + deployedChannels);
        }
        if (!channelKey.equals(lower(agreementChannel))) {
            throw refused("it is for channel " + channelKey + ", but the agreement's channel is " + agreementChannel);
        }
    }

    /** The typed data to sign, {@code eth_signTypedData_v4} JSON, built from the four values alone. */
    public String json() {
        ObjectNode typed = JSON.createObjectNode();
        ObjectNode types = typed.putObject("types");
        types.putArray("EIP712Domain")
                .add(field("name", "string")).add(field("version", "string"))
                .add(field("chainId", "uint256")).add(field("verifyingContract", "address"));
        types.putArray(PRIMARY_TYPE).add(field("channelKey", "bytes32")).add(field("balance", "uint256"));
        typed.put("primaryType", PRIMARY_TYPE);
        typed.putObject("domain").put("name", DOMAIN_NAME).put("version", DOMAIN_VERSION).put("chainId", chainId)
                .put("verifyingContract", verifyingContract);
        typed.putObject("message").put("channelKey", channelKey).put("balance", balance.toString());
        return typed.toString();
    }

    private static ObjectNode field(String name, String type) {
        return JSON.createObjectNode().put("name", name).put("type", type);
    }

    private static long chainIdOf(JsonNode chainId) {
        if (chainId.canConvertToLong() && chainId.isIntegralNumber()) {
            return chainId.asLong();
        }
        String text = chainId.asText("");
        return text.startsWith("0x") ? Long.parseLong(text.substring(2), 16) : Long.parseLong(text);
    }

    private static String lower(String hex) {
        return hex == null ? "" : hex.strip().toLowerCase(Locale.ROOT);
    }

    private static IllegalStateException refused(String why) {
        return new IllegalStateException("refusing to sign the cheque: " + why);
    }
}
