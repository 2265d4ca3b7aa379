package io.tollway.wallet;

import io.tollway.infrastructure.sealing.UnsealingFailed;
import org.web3j.crypto.Credentials;

import java.io.Console;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code tollway-wallet <command> [arguments] [options]}: parses the command line, opens the wallet
 * when the command needs the key, runs the command and turns its failure into a message on stderr
 * and an exit code: 1 failed, 2 the API's problem answer, 3 a reverted transaction, 64 bad usage.
 */
public final class WalletMain {

    public static final int FAILED = 1;
    public static final int API_PROBLEM = 2;
    public static final int REVERTED = 3;
    public static final int USAGE = 64;

    private WalletMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    /** Runs one command line; the exit code. */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        WalletArguments arguments;
        try {
            arguments = WalletArguments.parse(args, env);
        } catch (UsageError e) {
            err.println("error: " + e.getMessage());
            err.println("run \"tollway-wallet help\" for the commands and options");
            return USAGE;
        }
        if (arguments.command() == WalletArguments.Command.HELP) {
            out.print(WalletArguments.help());
            return 0;
        }
        WalletOpener opener = new WalletOpener(arguments, env);
        try {
            execute(arguments, new WalletCommands(new ApiClient(arguments.api(), arguments.token()), opener, out, arguments.json()));
            return 0;
        } catch (ApiProblem e) {
            err.println("error: " + (e.detail() != null ? e.detail() : e.title()) + " (" + e.type() + ")");
            return API_PROBLEM;
        } catch (TransactionReverted e) {
            err.println("error: " + e.getMessage());
            return REVERTED;
        } catch (UsageError | IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return USAGE;
        } catch (NotPossibleNow | ChainFailure | UncheckedIOException | UnsealingFailed | IllegalStateException e) {
            err.println("error: " + e.getMessage());
            return FAILED;
        } finally {
            opener.close();
        }
    }

    private static void execute(WalletArguments a, WalletCommands commands) {
        switch (a.command()) {
            case ADDRESS -> commands.address();
            case OFFERINGS -> commands.offerings();
            case REQUEST -> commands.request(a.operands().get(0));
            case SHOW -> commands.show(a.operands().get(0));
            case APPROVE -> commands.approve(a.operands().get(0));
            case REJECT -> commands.reject(a.operands().get(0), a.reason());
            case DEPOSIT -> commands.deposit(a.operands().get(0),
                    a.operands().size() > 1 ? WalletArguments.amount(a.operands().get(1)) : null);
            case CHEQUE -> commands.cheque(a.operands().get(0), balanceOperand(a));
            case STOP -> commands.stop(a.operands().get(0));
            case CLOSE -> commands.close(a.operands().get(0), balanceOperand(a));
            case SETTLE -> commands.settle(a.operands().get(0));
            case WITHDRAW -> commands.withdraw(a.operands().get(0));
            case CREDENTIALS -> commands.credentials(a.operands().get(0));
            case MINT -> commands.mint(WalletArguments.amount(a.operands().get(0)));
            case HELP -> throw new IllegalStateException("help is answered before");
        }
    }

    /** The optional second operand as a balance (of a cheque, or claimed at a close); null when not given. */
    private static BigInteger balanceOperand(WalletArguments a) {
        return a.operands().size() > 1 ? WalletArguments.balance(a.operands().get(1)) : null;
    }

    /** Opens the key (hex or keystore) and the node on first use, and closes the node at the end. */
    private static final class WalletOpener implements Supplier<ChainWallet> {

        private final WalletArguments arguments;
        private final Map<String, String> env;
        private ChainWallet wallet;

        WalletOpener(WalletArguments arguments, Map<String, String> env) {
            this.arguments = arguments;
            this.env = env;
        }

        @Override
        public ChainWallet get() {
            if (wallet == null) {
                wallet = ChainWallet.connect(arguments.rpc(), credentials());
            }
            return wallet;
        }

        private Credentials credentials() {
            if (arguments.key() != null) {
                return WalletKeys.fromHex(arguments.key());
            }
            if (arguments.keystore() != null) {
                String password = env.get("TOLLWAY_WALLET_PASSWORD");
                Console console = System.console();
                if (password == null && console != null) {
                    char[] typed = console.readPassword("password of %s: ", arguments.keystore());
                    password = typed == null ? null : new String(typed);
                }
                if (password == null) {
                    throw new UsageError("the keystore's password goes in TOLLWAY_WALLET_PASSWORD");
                }
                return WalletKeys.fromKeystore(arguments.keystore(), password);
            }
            throw new UsageError("this command needs the wallet's key: --key, TOLLWAY_WALLET_KEY or --keystore");
        }

        void close() {
            if (wallet != null) {
                wallet.close();
            }
        }
    }
}
