package io.tollway.wallet;

import io.tollway.wallet.WalletArguments.Command;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WalletArgumentsTest {

    private static final String KEY = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";

    private static WalletArguments parse(Map<String, String> env, String... args) {
        return WalletArguments.parse(args, env);
    }

    @Test
    void defaultsWithoutOptionsOrEnvironment() {
        WalletArguments a = parse(Map.of(), "offerings");

        assertThat(a.command()).isEqualTo(Command.OFFERINGS);
        assertThat(a.operands()).isEmpty();
        assertThat(a.api()).isEqualTo(URI.create("http://localhost:8080"));
        assertThat(a.rpc()).isEqualTo("http://127.0.0.1:8545");
        assertThat(a.token()).isNull();
        assertThat(a.key()).isNull();
        assertThat(a.keystore()).isNull();
        assertThat(a.json()).isFalse();
    }

    @Test
    void environmentFillsWhatNoOptionGives() {
        Map<String, String> env = Map.of("TOLLWAY_API", "http://tollway:9090", "TOLLWAY_TOKEN", "demo-consumer-key",
                "TOLLWAY_RPC", "http://node:8545", "TOLLWAY_WALLET_KEY", KEY);

        WalletArguments a = parse(env, "show", "a-1");

        assertThat(a.api()).isEqualTo(URI.create("http://tollway:9090"));
        assertThat(a.token()).isEqualTo("demo-consumer-key");
        assertThat(a.rpc()).isEqualTo("http://node:8545");
        assertThat(a.key()).isEqualTo(KEY);
    }

    @Test
    void optionsWinOverTheEnvironmentAndStandAnywhereInBothForms() {
        Map<String, String> env = Map.of("TOLLWAY_API", "http://tollway:9090", "TOLLWAY_TOKEN", "env-key");

        WalletArguments a = parse(env, "--api=http://other:1234", "deposit", "--token", "cli-key", "a-1", "5e18", "--json",
                "--rpc", "http://rpc:1");

        assertThat(a.command()).isEqualTo(Command.DEPOSIT);
        assertThat(a.operands()).containsExactly("a-1", "5e18");
        assertThat(a.api()).isEqualTo(URI.create("http://other:1234"));
        assertThat(a.token()).isEqualTo("cli-key");
        assertThat(a.rpc()).isEqualTo("http://rpc:1");
        assertThat(a.json()).isTrue();
    }

    @Test
    void aKeystoreOptionWinsOverAKeyInTheEnvironment() {
        WalletArguments a = parse(Map.of("TOLLWAY_WALLET_KEY", KEY), "address", "--keystore", "/tmp/wallet.json");

        assertThat(a.keystore()).isEqualTo(Path.of("/tmp/wallet.json"));
        assertThat(a.key()).isNull();
    }

    @Test
    void rejectTakesItsReason() {
        WalletArguments a = parse(Map.of(), "reject", "a-1", "--reason", "too expensive");

        assertThat(a.reason()).isEqualTo("too expensive");
        assertThatThrownBy(() -> parse(Map.of(), "reject", "a-1")).isInstanceOf(UsageError.class).hasMessageContaining("--reason");
        assertThatThrownBy(() -> parse(Map.of(), "stop", "a-1", "--reason", "x")).isInstanceOf(UsageError.class)
                .hasMessage("--reason is for reject only");
    }

    @Test
    void afterDoubleDashEverythingIsAnOperand() {
        assertThat(parse(Map.of(), "show", "--", "--odd-id").operands()).containsExactly("--odd-id");
    }

    @Test
    void helpInEveryForm() {
        assertThat(parse(Map.of(), "help").command()).isEqualTo(Command.HELP);
        assertThat(parse(Map.of(), "--help").command()).isEqualTo(Command.HELP);
        assertThat(parse(Map.of(), "show", "-h").command()).isEqualTo(Command.HELP);
        assertThat(WalletArguments.help()).contains("approve <agreementId>", "TOLLWAY_WALLET_KEY", "exit codes");
        assertThat(WalletArguments.help()).contains("cheque <agreementId> [balance]", "close <agreementId> [claim]",
                "settle <agreementId>", "withdraw <agreementId>");
    }

    @Test
    void theChannelCommandsTakeTheAgreementAndABalanceThatMayBeZero() {
        WalletArguments cheque = parse(Map.of(), "cheque", "c-1", "1150");
        WalletArguments close = parse(Map.of(), "close", "c-1", "0");

        assertThat(cheque.command()).isEqualTo(Command.CHEQUE);
        assertThat(cheque.operands()).containsExactly("c-1", "1150");
        assertThat(parse(Map.of(), "cheque", "c-1").operands()).containsExactly("c-1");
        assertThat(close.command()).isEqualTo(Command.CLOSE);
        assertThat(close.operands()).containsExactly("c-1", "0");
        assertThat(parse(Map.of(), "settle", "c-1").command()).isEqualTo(Command.SETTLE);
        assertThat(parse(Map.of(), "withdraw", "c-1").command()).isEqualTo(Command.WITHDRAW);
        assertThat(WalletArguments.balance("0")).isZero();
        assertThat(WalletArguments.balance("1.15e3")).isEqualTo(BigInteger.valueOf(1150));
        assertThatThrownBy(() -> WalletArguments.balance("-1")).isInstanceOf(UsageError.class).hasMessage("the balance must not be negative");
    }

    @Test
    void badUsageIsRefusedNamingTheProblem() {
        List.of(
                List.of(new String[] {}, "no command given"),
                List.of(new String[] {"pay"}, "unknown command pay"),
                List.of(new String[] {"show"}, "usage: tollway-wallet show <agreementId>"),
                List.of(new String[] {"show", "a", "b"}, "usage: tollway-wallet show <agreementId>"),
                List.of(new String[] {"deposit", "a", "1", "2"}, "usage: tollway-wallet deposit <agreementId> [amount]"),
                List.of(new String[] {"offerings", "--colour"}, "unknown option --colour"),
                List.of(new String[] {"offerings", "-v"}, "unknown option -v"),
                List.of(new String[] {"offerings", "--api"}, "--api needs a value"),
                List.of(new String[] {"offerings", "--json=yes"}, "--json takes no value"),
                List.of(new String[] {"offerings", "--token", "a", "--token", "b"}, "--token is given twice"),
                List.of(new String[] {"address", "--key", KEY, "--keystore", "k.json"}, "give either --key or --keystore, not both"),
                List.of(new String[] {"offerings", "--api", "localhost:8080"}, "--api must be an http:// or https:// URL, not localhost:8080"),
                List.of(new String[] {"mint", "1.5"}, "the amount must be a whole number of the token's smallest unit (e.g. 5000 or 5e18), not 1.5"),
                List.of(new String[] {"deposit", "a-1", "ten"}, "the amount must be a whole number of the token's smallest unit (e.g. 5000 or 5e18), not ten"),
                List.of(new String[] {"mint", "0"}, "the amount must be more than 0"),
                List.of(new String[] {"cheque"}, "usage: tollway-wallet cheque <agreementId> [balance]"),
                List.of(new String[] {"cheque", "c-1", "1.5"}, "the balance must be a whole number of the token's smallest unit (e.g. 350 or 5e18), not 1.5"),
                List.of(new String[] {"close", "c-1", "1", "2"}, "usage: tollway-wallet close <agreementId> [claim]"),
                List.of(new String[] {"close", "c-1", "all"}, "the balance must be a whole number of the token's smallest unit (e.g. 350 or 5e18), not all"),
                List.of(new String[] {"settle", "c-1", "0"}, "usage: tollway-wallet settle <agreementId>"),
                List.of(new String[] {"withdraw"}, "usage: tollway-wallet withdraw <agreementId>")
        ).forEach(c -> assertThatThrownBy(() -> WalletArguments.parse((String[]) c.get(0), Map.of()))
                .as(String.join(" ", (String[]) c.get(0)))
                .isInstanceOf(UsageError.class).hasMessage((String) c.get(1)));
    }

    @Test
    void amountsAreWholeUnitsWithOrWithoutAnExponent() {
        assertThat(WalletArguments.amount("5000")).isEqualTo(BigInteger.valueOf(5000));
        assertThat(WalletArguments.amount("5e18")).isEqualTo(new BigInteger("5000000000000000000"));
        assertThat(WalletArguments.amount("1.5e1")).isEqualTo(BigInteger.valueOf(15));
        assertThatThrownBy(() -> WalletArguments.amount("-1")).isInstanceOf(UsageError.class);
    }
}
