package io.tollway.contracts.support;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the contract tests: one anvil and one deployment per test class, and every test runs
 * on a snapshot that is reverted afterwards, so tests do not see each other's state.
 */
public abstract class ChainTest {

    protected static TestChain chain;
    protected static Tollway tollway;
    protected static Party deployer;
    protected static Party consumer;
    protected static Party provider;
    protected static Party stranger;
    protected static Party monitor;

    private String snapshot;

    @BeforeAll
    static void startChain() {
        chain = TestChain.start();
        tollway = Tollway.deploy(chain);
        deployer = chain.party(0);
        consumer = chain.party(1);
        provider = chain.party(2);
        stranger = chain.party(3);
        monitor = chain.party(4);
        for (int i = 1; i < chain.parties().size(); i++) {
            tollway.fund(chain.party(i), Tollway.tokens(1_000_000));
        }
    }

    @AfterAll
    static void stopChain() {
        chain.close();
    }

    @BeforeEach
    void takeSnapshot() {
        snapshot = chain.snapshot();
    }

    @AfterEach
    void revertSnapshot() {
        chain.revert(snapshot);
    }
}
