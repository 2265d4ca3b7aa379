package io.tollway.wallet;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A parsed command line: the command, its operands, and the settings, each from its option, else its
 * environment variable, else the default. Options may stand anywhere, as {@code --name value} or
 * {@code --name=value}; {@code --} ends them.
 */
public record WalletArguments(Command command, List<String> operands, URI api, String token, String rpc, String key,
                              Path keystore, boolean json, String reason) {

    public static final String DEFAULT_API = "http://localhost:8080";
    public static final String DEFAULT_RPC = "http://127.0.0.1:8545";

    /** What the wallet does, with how many operands each takes. */
    public enum Command {
        ADDRESS("address", 0, 0, "", "the wallet's address and public key"),
        OFFERINGS("offerings", 0, 0, "", "the published offerings"),
        REQUEST("request", 1, 1, "<offeringId>", "request an agreement on an offering for this wallet"),
        SHOW("show", 1, 1, "<agreementId>", "status, terms, balances or channel, active steps, bills"),
        APPROVE("approve", 1, 1, "<agreementId>", "approve the terms and send the approval from the wallet"),
        REJECT("reject", 1, 1, "<agreementId> --reason \"...\"", "reject the agreement, with a reason"),
        DEPOSIT("deposit", 1, 2, "<agreementId> [amount]", "allow and deposit (first deposit, or a top-up with an amount)"),
        CHEQUE("cheque", 1, 2, "<agreementId> [balance]", "sign and hand over a cheque for what is owed (or this cumulative balance)"),
        STOP("stop", 1, 1, "<agreementId>", "stop the agreement"),
        CLOSE("close", 1, 2, "<agreementId> [claim]", "close the channel from the wallet, claiming the best cheque (or this)"),
        SETTLE("settle", 1, 1, "<agreementId>", "settle the closed channel after its challenge period"),
        WITHDRAW("withdraw", 1, 1, "<agreementId>", "withdraw this wallet's refunds from the contract"),
        CREDENTIALS("credentials", 1, 1, "<agreementId>", "open the service credentials sealed to this wallet"),
        MINT("mint", 1, 1, "<amount>", "mint test tokens to this wallet (development chains only)"),
        HELP("help", 0, 1, "", "this text");

        final String word;
        final int minOperands;
        final int maxOperands;
        final String synopsis;
        final String description;

        Command(String word, int minOperands, int maxOperands, String synopsis, String description) {
            this.word = word;
            this.minOperands = minOperands;
            this.maxOperands = maxOperands;
            this.synopsis = synopsis;
            this.description = description;
        }

        static Optional<Command> of(String word) {
            return Arrays.stream(values()).filter(c -> c.word.equals(word)).findFirst();
        }

        public String word() {
            return word;
        }
    }

    private static final List<String> VALUED = List.of("api", "token", "rpc", "key", "keystore", "reason");
    private static final List<String> FLAGS = List.of("json", "help");

    /** Parses {@code args} with {@code env} as the environment; {@link UsageError} for anything it cannot take. */
    public static WalletArguments parse(String[] args, Map<String, String> env) {
        Map<String, String> options = new HashMap<>();
        List<String> positional = new ArrayList<>();
        boolean optionsEnded = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (optionsEnded || !arg.startsWith("-") || arg.equals("-")) {
                positional.add(arg);
            } else if (arg.equals("--")) {
                optionsEnded = true;
            } else if (arg.equals("-h")) {
                options.put("help", "true");
            } else if (arg.startsWith("--")) {
                String name = arg.substring(2);
                String value = null;
                int equals = name.indexOf('=');
                if (equals >= 0) {
                    value = name.substring(equals + 1);
                    name = name.substring(0, equals);
                }
                if (FLAGS.contains(name)) {
                    if (value != null) {
                        throw new UsageError("--" + name + " takes no value");
                    }
                    value = "true";
                } else if (VALUED.contains(name)) {
                    if (value == null) {
                        if (i + 1 >= args.length) {
                            throw new UsageError("--" + name + " needs a value");
                        }
                        value = args[++i];
                    }
                } else {
                    throw new UsageError("unknown option --" + name);
                }
                if (options.put(name, value) != null) {
                    throw new UsageError("--" + name + " is given twice");
                }
            } else {
                throw new UsageError("unknown option " + arg);
            }
        }

        Command command;
        List<String> operands;
        if (options.containsKey("help")) {
            command = Command.HELP;
            operands = List.of();
        } else if (positional.isEmpty()) {
            throw new UsageError("no command given");
        } else {
            command = Command.of(positional.get(0)).orElseThrow(() -> new UsageError("unknown command " + positional.get(0)));
            operands = List.copyOf(positional.subList(1, positional.size()));
        }
        if (operands.size() < command.minOperands || operands.size() > command.maxOperands) {
            throw new UsageError("usage: tollway-wallet " + command.word + (command.synopsis.isEmpty() ? "" : " " + command.synopsis));
        }
        String reason = options.get("reason");
        if (command == Command.REJECT && (reason == null || reason.isBlank())) {
            throw new UsageError("reject needs --reason \"...\"");
        }
        if (command != Command.REJECT && reason != null) {
            throw new UsageError("--reason is for reject only");
        }
        if (options.containsKey("key") && options.containsKey("keystore")) {
            throw new UsageError("give either --key or --keystore, not both");
        }
        if (command == Command.DEPOSIT && operands.size() == 2) {
            amount(operands.get(1));
        }
        if (command == Command.MINT) {
            amount(operands.get(0));
        }
        if ((command == Command.CHEQUE || command == Command.CLOSE) && operands.size() == 2) {
            balance(operands.get(1));
        }

        String api = Optional.ofNullable(options.get("api")).or(() -> nonBlank(env.get("TOLLWAY_API"))).orElse(DEFAULT_API);
        URI apiUri;
        try {
            apiUri = URI.create(api);
        } catch (IllegalArgumentException e) {
            throw new UsageError("--api is not a URL: " + api);
        }
        if (!"http".equals(apiUri.getScheme()) && !"https".equals(apiUri.getScheme())) {
            throw new UsageError("--api must be an http:// or https:// URL, not " + api);
        }
        String token = Optional.ofNullable(options.get("token")).or(() -> nonBlank(env.get("TOLLWAY_TOKEN"))).orElse(null);
        String rpc = Optional.ofNullable(options.get("rpc")).or(() -> nonBlank(env.get("TOLLWAY_RPC"))).orElse(DEFAULT_RPC);
        Path keystore = options.containsKey("keystore") ? Path.of(options.get("keystore")) : null;
        // an explicit --keystore wins over a key in the environment
        String key = options.containsKey("key") ? options.get("key")
                : keystore != null ? null : nonBlank(env.get("TOLLWAY_WALLET_KEY")).orElse(null);
        return new WalletArguments(command, operands, apiUri, token, rpc, key, keystore, options.containsKey("json"), reason);
    }

    /**
     * An amount in the token's smallest unit: a whole decimal number, or one written with an
     * exponent ({@code 5e18}); {@link UsageError} otherwise.
     */
    public static BigInteger amount(String text) {
        BigInteger amount;
        try {
            amount = new BigDecimal(text.strip()).toBigIntegerExact();
        } catch (ArithmeticException | NumberFormatException e) {
            throw new UsageError("the amount must be a whole number of the token's smallest unit (e.g. 5000 or 5e18), not " + text);
        }
        if (amount.signum() <= 0) {
            throw new UsageError("the amount must be more than 0");
        }
        return amount;
    }

    /**
     * A channel's cumulative balance (of a cheque, or claimed at a close) in the token's smallest
     * unit: like {@link #amount(String)}, but 0 is one too (a close may claim that nothing is owed).
     */
    public static BigInteger balance(String text) {
        BigInteger balance;
        try {
            balance = new BigDecimal(text.strip()).toBigIntegerExact();
        } catch (ArithmeticException | NumberFormatException e) {
            throw new UsageError("the balance must be a whole number of the token's smallest unit (e.g. 350 or 5e18), not " + text);
        }
        if (balance.signum() < 0) {
            throw new UsageError("the balance must not be negative");
        }
        return balance;
    }

    /** The help text: commands and settings. */
    public static String help() {
        String commands = Arrays.stream(Command.values())
                .map(c -> String.format("  %-40s %s", c.word + (c.synopsis.isEmpty() ? "" : " " + c.synopsis), c.description))
                .collect(Collectors.joining("\n"));
        return """
                tollway-wallet: the consumer's wallet for Tollway. Keys stay here: the wallet signs and sends
                its own chain transactions; the API only says what to send.

                usage: tollway-wallet <command> [arguments] [options]

                commands:
                %s

                options (each falls back to its environment variable, then the default):
                  --api <url>         Tollway's address          TOLLWAY_API          %s
                  --token <key>       the consumer's API key     TOLLWAY_TOKEN
                  --rpc <url>         the chain's JSON-RPC node  TOLLWAY_RPC          %s
                  --key <hex>         the wallet's private key   TOLLWAY_WALLET_KEY   (prefer the variable: options show in ps)
                  --keystore <file>   an encrypted keystore instead; its password from TOLLWAY_WALLET_PASSWORD
                  --json              print the raw JSON answers
                Amounts are in the token's smallest unit (5000, or 5e18).

                exit codes: 0 done, 1 failed (API or node unreachable, step not possible now),
                            2 the API refused (its problem answer), 3 a chain transaction reverted, 64 bad usage
                """.formatted(commands, DEFAULT_API, DEFAULT_RPC);
    }

    private static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }
}
